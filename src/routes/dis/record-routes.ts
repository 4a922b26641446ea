/**
 * The operations of a DIS resource stored as records (a document with its
 * etag): list ({"items": [...]} with paging), create (once per
 * opc-retry-token), get, update and delete. Answers are the records in their
 * SDK model's shape with their etag; writes honour if-match (the store
 * checks it); a delete answers 204. A resource says only how each operation
 * reaches its store; each request is typed from its operation in the spec.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import type { ApiOperations, RequestOf } from '../../openapi/request-types';
import { loadSpec } from '../../openapi/spec';
import type { ListQuery, ListResult } from '../../store/dis/common';
import { listQuery } from './http';
import { createOnce, docOf, sendList, sendRecord, type StoredRecord } from './views';

type DisOps = ApiOperations['dis'];
type DisOp = keyof DisOps & string;
type Handle<K extends DisOp, R> = [K, (request: RequestOf<DisOps[K]>) => R];

export interface RecordOps<L extends DisOp, C extends DisOp, G extends DisOp, U extends DisOp, D extends DisOp> {
  list?: [L, (request: RequestOf<DisOps[L]>, q: ListQuery) => ListResult<StoredRecord>];
  create?: Handle<C, StoredRecord>;
  get: Handle<G, StoredRecord>;
  update?: Handle<U, StoredRecord>;
  delete: Handle<D, void>;
}

export function recordRoutes<L extends DisOp, C extends DisOp, G extends DisOp, U extends DisOp, D extends DisOp>(app: FastifyInstance, ops: RecordOps<L, C, G, U, D>): void {
  const spec = loadSpec('dis');
  const { retryTokens } = app.stores.dis;
  if (ops.list) {
    const [id, list] = ops.list;
    op(app, spec, id, async (request, reply) => {
      const q = listQuery(request.query);
      return sendList(reply, list(request, q), q, 'items', docOf);
    });
  }
  if (ops.create) {
    const [id, create] = ops.create;
    op(app, spec, id, async (request, reply) => createOnce(retryTokens, request, reply, () => create(request)));
  }
  const [getId, get] = ops.get;
  op(app, spec, getId, async (request, reply) => sendRecord(reply, get(request)));
  if (ops.update) {
    const [id, update] = ops.update;
    op(app, spec, id, async (request, reply) => sendRecord(reply, update(request)));
  }
  const [deleteId, remove] = ops.delete;
  op(app, spec, deleteId, async (request, reply) => {
    remove(request);
    return reply.code(204).send();
  });
}
