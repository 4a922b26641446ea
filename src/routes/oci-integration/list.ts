/**
 * Lists of the Integration control plane: DIS's paging (limit, opaque page
 * tokens, bare arrays), plus the previous page under the name this API's SDK
 * reads (opc-previous-page; DIS's is opc-prev-page, also sent).
 */
import type { FastifyReply } from 'fastify';
import { listQuery, pageToken, sendList } from '../dis/http';
import type { ListQuery, ListResult } from '../../store/dis/common';

export function pageOf(query: Record<string, unknown>): ListQuery {
  return listQuery({ limit: query.limit, page: query.page });
}

export function sendPage<T>(reply: FastifyReply, result: ListResult<T>, q: ListQuery) {
  if (q.offset > 0) reply.header('opc-previous-page', pageToken(Math.max(0, q.offset - q.limit)));
  return sendList(reply, result, q, 'array');
}
