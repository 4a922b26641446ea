/**
 * Developer-only control routes under /_emulator (code-first; documented in
 * openapi/emulator.yaml). Errors use the OIC problem format.
 */
import type { FastifyInstance } from 'fastify';
import { ownScope, registerAll } from '../register-all';
import healthRoutes from './health';
import resetRoutes from './reset';
import snapshotRoutes from './snapshots';
import faultRoutes from './faults';
import requestRoutes from './requests';
import configRoutes from './config';
import uiRoutes from './ui';
import clockRoutes from './clock';
import runtimeControlRoutes from './runtime';
import disControlRoutes from './dis';
import disExportFileRoutes from './dis-export-files';

export default async function emulatorRoutes(app: FastifyInstance): Promise<void> {
  await registerAll(app, [
    healthRoutes,
    // Control plane: app.control is installed at the root by app.ts.
    resetRoutes,
    snapshotRoutes,
    faultRoutes,
    requestRoutes,
    configRoutes,
    uiRoutes,
    // OIC runtime: clock, scripted outcomes, history generation (each turns
    // shorthand bodies into objects in a preValidation hook of its own).
    ownScope(clockRoutes),
    ownScope(runtimeControlRoutes),
    // DIS keys, lifecycle settings and scripted outcomes
    disControlRoutes,
    disExportFileRoutes,
  ]);
}
