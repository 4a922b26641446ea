import type { FastifyInstance } from 'fastify';
import { loadSpec } from '../../openapi/spec';
import { op } from '../../openapi/routes';
import { publicConfig } from '../../config';

/** GET /_emulator/config: the effective configuration, without secrets. */
export default async function configRoutes(app: FastifyInstance): Promise<void> {
  op(app, loadSpec('emulator'), 'getEmulatorConfig', async () => publicConfig(app.ctx.config));
}
