/**
 * How a DIS handler answers: the OCI reply conventions of ../http.ts (etag,
 * paging headers, opc-retry-token replays) with every body passed through
 * the view of its operation (answer.ts), so what goes on the wire is always
 * the SDK model's shape. Handlers import these instead of http.ts's; the
 * Integration control plane, which has no SDK shaping, uses http.ts's.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ListQuery, ListResult } from '../../../store/dis/common';
import type { Doc } from '../../../store/dis/objects';
import type { DisRetryTokens, StoredReply } from '../../../store/dis/retry-tokens';
import * as http from '../http';
import { disAnswer } from './answer';

/** The wire object of a stored record that carries its document. */
export const docOf = (record: { doc: Doc }): Doc => record.doc;

/** A page of records, each turned into its wire object by `view` (the record itself by default). */
export function sendList<T>(reply: FastifyReply, result: ListResult<T>, q: ListQuery, shape: 'array' | 'items', view?: (item: T) => unknown) {
  const answer = disAnswer(reply.request);
  const page = view ? { ...result, items: result.items.map(view) } : result;
  return http.sendList(reply, page, q, shape, answer);
}

export function sendDoc(reply: FastifyReply, doc: unknown, etag?: string, status = 200) {
  return http.sendDoc(reply, doc, etag, status, disAnswer(reply.request));
}

/** A create run once per opc-retry-token; the read options are checked before anything is written. */
export function idempotent(tokens: DisRetryTokens, request: FastifyRequest, reply: FastifyReply, fn: () => StoredReply) {
  return http.idempotent(tokens, request, reply, fn, disAnswer(request));
}

/** A stored record that carries its document and etag. */
export interface StoredRecord {
  doc: Doc;
  etag: string;
}

/** A record as the answer, with its etag. */
export function sendRecord(reply: FastifyReply, record: StoredRecord) {
  return sendDoc(reply, record.doc, record.etag);
}

/** A create run once per opc-retry-token, answering 200 with the created record and its etag. */
export function createOnce(tokens: DisRetryTokens, request: FastifyRequest, reply: FastifyReply, create: () => StoredRecord) {
  return idempotent(tokens, request, reply, () => {
    const o = create();
    return { status: 200, headers: { etag: o.etag }, body: o.doc };
  });
}
