/**
 * The OCI Data Integration API (/20200430/...): its route groups and the
 * simulation that moves its task runs and work requests on the clock. Its
 * hooks (OCI signatures, SDK answer shapes, opc-request-id) and error format
 * are installed around it by src/pipeline.ts.
 *
 * Routes carry their full /20200430 path from the spec (the contract test
 * compares them with openapi/dis.yaml), so the plugin needs no prefix.
 */
import type { FastifyInstance } from 'fastify';
import { registerAll } from '../register-all';
import { startDisSimulation } from '../../sim/dis-simulation';
import workspaceRoutes from './workspaces';
import workRequestRoutes from './work-requests';
import catalogRoutes from './catalog';
import dataAssetRoutes from './data-assets';
import applicationRoutes from './applications';
import taskRunRoutes from './task-runs';
import scheduleRoutes from './schedules';
import validationRoutes from './validations';
import applicationDerivedRoutes from './app-derived';
import sourceRoutes from './sources';
import disAppRoutes from './dis-apps';
import transferRoutes from './transfers';
import functionLibraryRoutes from './function-libraries';
import externalPublicationRoutes from './external-publications';

export default async function disApi(app: FastifyInstance): Promise<void> {
  startDisSimulation(app.ctx, app.stores.dis);

  await registerAll(app, [
    workspaceRoutes,
    workRequestRoutes,
    catalogRoutes,
    dataAssetRoutes,
    applicationRoutes,
    taskRunRoutes,
    scheduleRoutes,
    validationRoutes,
    applicationDerivedRoutes,
    sourceRoutes,
    disAppRoutes,
    transferRoutes,
    functionLibraryRoutes,
    externalPublicationRoutes,
  ]);
}
