import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadSpec } from '../../openapi/spec';
import { op } from '../../openapi/routes';
import { badRequest } from '../../core/errors';
import { JournalFilterError, type JournalFilter } from '../../control/journal';

/** The request journal: what clients sent, newest first; DELETE empties it. */
export default async function requestRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('emulator');
  const journal = app.control.journal;

  op(app, spec, 'listRequests', async (request: FastifyRequest<{ Querystring: JournalFilter }>) => {
    try {
      const items = journal.list(request.query);
      return { capacity: journal.capacity, size: journal.size, items };
    } catch (e) {
      throw e instanceof JournalFilterError ? badRequest(e.message) : e;
    }
  });

  op(app, spec, 'clearRequests', async () => ({ removed: journal.clear() }));
}
