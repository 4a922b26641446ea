/**
 * Copy-object, export and import requests: the same five operations each;
 * the work itself happens on the clock (src/sim/dis-transfers.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op, opDynamic } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import type { TransferKind } from '../../store/dis/transfers';
import { actor, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

const FAMILIES: Array<{ kind: TransferKind; name: string; keyParam: string; statusParam: string }> = [
  { kind: 'copyObjectRequest', name: 'CopyObjectRequest', keyParam: 'copyObjectRequestKey', statusParam: 'copyStatus' },
  { kind: 'exportRequest', name: 'ExportRequest', keyParam: 'exportRequestKey', statusParam: 'exportStatus' },
  { kind: 'importRequest', name: 'ImportRequest', keyParam: 'importRequestKey', statusParam: 'importStatus' },
];

export default async function transferRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens } = app.stores.dis;
  const { transfers } = app.stores.dis.apps;
  const params = (r: FastifyRequest) => r.params as Record<string, string>;
  const poke = () => app.ctx.clock.poke();

  for (const f of FAMILIES) {
    opDynamic(app, spec, `list${f.name}s`, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const q = listQuery(query);
      const num = (v: unknown) => (v === undefined ? undefined : Number(v));
      const filter = { name: query.name as string | undefined, status: query[f.statusParam] as string | undefined, timeStartedInMillis: num(query.timeStartedInMillis), timeEndedInMillis: num(query.timeEndedInMillis) };
      return sendList(reply, transfers.list(f.kind, params(request).workspaceId, filter, q, query.projection === 'DETAILS'), q, 'items');
    });
    opDynamic(app, spec, `create${f.name}`, async (request, reply) => {
      const sent = idempotent(retryTokens, request, reply, () => {
        const o = transfers.create(f.kind, params(request).workspaceId, request.body as Doc, actor(request));
        return { status: 200, headers: { etag: o.etag }, body: o.doc };
      });
      poke();
      return sent;
    });
    opDynamic(app, spec, `get${f.name}`, async (request, reply) => {
      const o = transfers.get(f.kind, params(request).workspaceId, params(request)[f.keyParam]);
      return sendDoc(reply, o.doc, o.etag);
    });
    opDynamic(app, spec, `update${f.name}`, async (request, reply) => {
      const o = transfers.update(f.kind, params(request).workspaceId, params(request)[f.keyParam], (request.body as Doc | undefined) ?? {}, ifMatch(request));
      poke();
      return sendDoc(reply, o.doc, o.etag);
    });
    opDynamic(app, spec, `delete${f.name}`, async (request, reply) => {
      transfers.delete(f.kind, params(request).workspaceId, params(request)[f.keyParam], ifMatch(request));
      return reply.code(204).send();
    });
  }
}
