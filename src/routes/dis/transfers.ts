/**
 * Copy-object, export and import requests: the same five operations each;
 * the work itself happens on the clock (src/sim/dis-simulation.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import type { TransferKind } from '../../store/dis/transfers';
import { actor, type FamilyRequest, ifMatch, listQuery } from './http';
import { createOnce, sendDoc, sendList, sendRecord } from './views';

type TransferQuery = {
  name?: string;
  copyStatus?: string;
  exportStatus?: string;
  importStatus?: string;
  projection?: string;
  timeStartedInMillis?: number;
  timeEndedInMillis?: number;
};

const FAMILIES = [
  { kind: 'copyObjectRequest', name: 'CopyObjectRequest', keyParam: 'copyObjectRequestKey', statusParam: 'copyStatus' },
  { kind: 'exportRequest', name: 'ExportRequest', keyParam: 'exportRequestKey', statusParam: 'exportStatus' },
  { kind: 'importRequest', name: 'ImportRequest', keyParam: 'importRequestKey', statusParam: 'importStatus' },
] as const satisfies ReadonlyArray<{ kind: TransferKind; name: string; keyParam: string; statusParam: keyof TransferQuery }>;

export default async function transferRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens } = app.stores.dis;
  const { transfers } = app.stores.dis.apps;
  const poke = () => app.ctx.clock.poke();

  for (const f of FAMILIES) {
    op(app, spec, `list${f.name}s`, async (request: FamilyRequest<TransferQuery>, reply: FastifyReply) => {
      const query = request.query;
      const q = listQuery(query);
            const filter = { name: query.name, status: query[f.statusParam], timeStartedInMillis: query.timeStartedInMillis, timeEndedInMillis: query.timeEndedInMillis };
      return sendList(reply, transfers.list(f.kind, request.params.workspaceId, filter, q, query.projection === 'DETAILS'), q, 'items');
    });
    op(app, spec, `create${f.name}`, async (request: FamilyRequest<unknown, Doc>, reply: FastifyReply) => {
      const sent = createOnce(retryTokens, request, reply, () => transfers.create(f.kind, request.params.workspaceId, request.body, actor(request)));
      poke();
      return sent;
    });
    op(app, spec, `get${f.name}`, async (request: FamilyRequest<unknown>, reply: FastifyReply) => {
      return sendRecord(reply, transfers.get(f.kind, request.params.workspaceId, request.params[f.keyParam]));
    });
    op(app, spec, `update${f.name}`, async (request: FamilyRequest<unknown, Doc | undefined>, reply: FastifyReply) => {
      const o = transfers.update(f.kind, request.params.workspaceId, request.params[f.keyParam], request.body ?? {}, ifMatch(request));
      poke();
      return sendDoc(reply, o.doc, o.etag);
    });
    op(app, spec, `delete${f.name}`, async (request: FamilyRequest<unknown>, reply: FastifyReply) => {
      transfers.delete(f.kind, request.params.workspaceId, request.params[f.keyParam], ifMatch(request));
      return reply.code(204).send();
    });
  }
}
