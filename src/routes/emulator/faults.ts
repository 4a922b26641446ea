import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadSpec } from '../../openapi/spec';
import { op } from '../../openapi/routes';
import { badRequest, notFound } from '../../core/errors';
import { FaultError, type FaultInput } from '../../control/faults';

type ById = FastifyRequest<{ Params: { id: string } }>;

/** Fault rules: add, list (with hit counts), remove. */
export default async function faultRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('emulator');
  const faults = app.control.faults;

  op(app, spec, 'listFaults', async () => ({ items: faults.list() }));

  op(app, spec, 'createFault', async (request: FastifyRequest<{ Body: FaultInput }>, reply: FastifyReply) => {
    let rule;
    try {
      rule = faults.add(request.body);
    } catch (e) {
      throw e instanceof FaultError ? badRequest(`Invalid fault rule: ${e.message}`) : e;
    }
    request.log.info({ fault: rule.id, kind: rule.kind }, 'fault rule added');
    return reply.code(201).header('location', `/_emulator/faults/${rule.id}`).send(rule);
  });

  op(app, spec, 'deleteAllFaults', async () => ({ removed: faults.clear() }));

  op(app, spec, 'getFault', async (request: ById) => {
    const rule = faults.get(request.params.id);
    if (!rule) throw notFound(`fault rule '${request.params.id}' does not exist`);
    return rule;
  });

  op(app, spec, 'deleteFault', async (request: ById, reply: FastifyReply) => {
    if (!faults.remove(request.params.id)) throw notFound(`fault rule '${request.params.id}' does not exist`);
    return reply.code(204).send();
  });
}
