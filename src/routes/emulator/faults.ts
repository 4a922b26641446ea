import type { FastifyInstance } from 'fastify';
import { controlRoute } from './control-route';
import { badRequest, notFound } from '../../core/errors';
import { FaultError } from '../../control/faults';


/** Fault rules: add, list (with hit counts), remove. */
export default async function faultRoutes(app: FastifyInstance): Promise<void> {
  const faults = app.control.faults;

  controlRoute(app, 'GET', '/_emulator/faults', 'listFaults', async () => ({ items: faults.list() }));

  controlRoute(app, 'POST', '/_emulator/faults', 'createFault', async (request, reply) => {
    let rule;
    try {
      rule = faults.add(request.body);
    } catch (e) {
      throw e instanceof FaultError ? badRequest(`Invalid fault rule: ${e.message}`) : e;
    }
    request.log.info({ fault: rule.id, kind: rule.kind }, 'fault rule added');
    return reply.code(201).header('location', `/_emulator/faults/${rule.id}`).send(rule);
  });

  controlRoute(app, 'DELETE', '/_emulator/faults', 'deleteAllFaults', async () => ({ removed: faults.clear() }));

  controlRoute(app, 'GET', '/_emulator/faults/:id', 'getFault', async (request) => {
    const rule = faults.get(request.params.id);
    if (!rule) throw notFound(`fault rule '${request.params.id}' does not exist`);
    return rule;
  });

  controlRoute(app, 'DELETE', '/_emulator/faults/:id', 'deleteFault', async (request, reply) => {
    if (!faults.remove(request.params.id)) throw notFound(`fault rule '${request.params.id}' does not exist`);
    return reply.code(204).send();
  });
}
