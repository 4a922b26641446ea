import type { FastifyInstance } from 'fastify';
import { controlRoute } from './control-route';
import { publicConfig } from '../../config';

/** GET /_emulator/config: the effective configuration, without secrets; GET /_emulator/instances: the OIC service instances. */
export default async function configRoutes(app: FastifyInstance): Promise<void> {
  controlRoute(app, 'GET', '/_emulator/config', 'getEmulatorConfig', async () => publicConfig(app.ctx.config));
  controlRoute(app, 'GET', '/_emulator/instances', 'listServiceInstances', async () => ({
    items: app.instances.list().map((i) => ({ name: i.name, origin: i.origin, state: i.state ?? null, available: i.available, setupMs: i.setupMs })),
  }));
}
