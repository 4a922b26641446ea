import type { FastifyInstance } from 'fastify';

const VERSION: string = require('../../../package.json').version;

/** GET /_emulator/health: 200 once the app is ready (used by Docker's HEALTHCHECK). */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/_emulator/health', async () => ({
    status: 'UP',
    version: VERSION,
    uptimeSeconds: Math.round((app.ctx.clock.wallNow() - app.ctx.startedAt) / 10) / 100,
    apis: ['oic', 'dis'],
    time: app.ctx.clock.nowIso(),
    clockMode: app.ctx.clock.getMode(),
  }));
}
