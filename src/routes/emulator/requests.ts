import type { FastifyInstance } from 'fastify';
import { controlRoute } from './control-route';
import { badRequest } from '../../core/errors';
import { JournalFilterError } from '../../control/journal';

/** The request journal: what clients sent, newest first; DELETE empties it. */
export default async function requestRoutes(app: FastifyInstance): Promise<void> {
  const journal = app.control.journal;

  controlRoute(app, 'GET', '/_emulator/requests', 'listRequests', async (request) => {
    try {
      const items = journal.list(request.query);
      return { capacity: journal.capacity, size: journal.size, items };
    } catch (e) {
      throw e instanceof JournalFilterError ? badRequest(e.message) : e;
    }
  });

  controlRoute(app, 'DELETE', '/_emulator/requests', 'clearRequests', async () => ({ removed: journal.clear() }));
}
