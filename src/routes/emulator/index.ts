/**
 * Developer-only control routes under /_emulator (code-first; documented in
 * openapi/emulator.yaml). Errors use the OIC problem format.
 */
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../oic/problem';
import healthRoutes from './health';

export default async function emulatorRoutes(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(sendProblem);
  await app.register(healthRoutes);
}
