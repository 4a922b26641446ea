/**
 * The OCI Data Integration API (/20200430/...), an encapsulated plugin.
 * Request flow, in order:
 *   onRequest      OCI signature: headers, signed header list, date skew (401 NotAuthenticated)
 *   (parse)        JSON body, raw bytes kept for the body hash
 *   preValidation  x-content-sha256 and the RSA signature against the registered key
 *   (validate against openapi/dis.yaml, handler -> store -> view: the answer
 *                  in the SDK model's shape, views/)
 *   onSend         opc-request-id on every response, echoed or generated
 *   errors         {"code","message"} with OCI's codes (oci-error.ts)
 *
 * Routes carry their full /20200430 path from the spec (the contract test
 * compares them with openapi/dis.yaml), so the plugin needs no prefix; being
 * encapsulated, its hooks and error handler apply to DIS routes only.
 */
import type { FastifyInstance } from 'fastify';
import { registerDisAuth } from '../../auth/dis-auth';
import { startDisSimulation } from '../../sim/dis-simulation';
import { registerOciReplies } from './oci-error';
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
  registerOciReplies(app);
  registerDisAuth(app);
  startDisSimulation(app.ctx, app.stores.dis);

  await app.register(workspaceRoutes);
  await app.register(workRequestRoutes);
  await app.register(catalogRoutes);
  await app.register(dataAssetRoutes);
  await app.register(applicationRoutes);
  await app.register(taskRunRoutes);
  await app.register(scheduleRoutes);
  await app.register(validationRoutes);
  await app.register(applicationDerivedRoutes);
  await app.register(sourceRoutes);
  await app.register(disAppRoutes);
  await app.register(transferRoutes);
  await app.register(functionLibraryRoutes);
  await app.register(externalPublicationRoutes);
}
