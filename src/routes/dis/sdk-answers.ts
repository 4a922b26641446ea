/**
 * Every successful DIS answer is shaped as the SDK model of its operation
 * (sdk-models.ts): the object the handler returns keeps the fields its model
 * declares, gets the required ones it lacks, and nested objects follow their
 * own models. One hook for all operations, so a handler cannot forget it and
 * operations added later are covered too. Errors keep OCI's {code, message}.
 */
import type { FastifyInstance } from 'fastify';
import { sdkShapes } from './sdk-models';

/** The emulator's own aliases of SDK operations (the singular /workspace/ path `oci raw-request` uses). */
export function sdkOperationOf(operationId: string): string {
  return operationId.endsWith('Alias') ? operationId.slice(0, -'Alias'.length) : operationId;
}

export function registerSdkAnswers(app: FastifyInstance): void {
  const shapes = sdkShapes();
  app.addHook('preSerialization', (request, reply, payload, done) => {
    const operationId = (request.routeOptions.config as { operationId?: string } | undefined)?.operationId;
    const type = reply.statusCode < 400 && operationId ? shapes.operation(sdkOperationOf(operationId)) : undefined;
    done(null, type ? shapes.shape(payload, type) : payload);
  });
}
