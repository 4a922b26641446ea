import type { FastifyInstance } from 'fastify';
import { controlRoute } from './control-route';
import { publicConfig } from '../../config';

/** GET /_emulator/config: the effective configuration, without secrets. */
export default async function configRoutes(app: FastifyInstance): Promise<void> {
  controlRoute(app, 'GET', '/_emulator/config', 'getEmulatorConfig', async () => publicConfig(app.ctx.config));
}
