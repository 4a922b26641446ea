/**
 * Every successful DIS answer is shaped as the SDK model of its operation
 * (sdk-models.ts): the object the handler returns keeps the fields its model
 * declares, gets the required ones it lacks, and nested objects follow their
 * own models. One hook for all operations, so a handler cannot forget it and
 * operations added later are covered too. Errors keep OCI's {code, message}.
 *
 * The read options `fields` and `expandReferences` (projections.ts) are
 * checked before the handler runs (a bad value is a 400 and nothing is read)
 * and applied here too: references expanded first, then the shape, then the
 * field selection.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RULES } from '../../store/dis/kinds';
import type { Doc } from '../../store/dis/objects';
import { checkFields, expandReferences, fieldsOf, listItemModel, parseExpand, parseFields, projectItems } from './projections';
import { sdkShapes } from './sdk-models';

/** The emulator's own aliases of SDK operations (the singular /workspace/ path `oci raw-request` uses). */
export function sdkOperationOf(operationId: string): string {
  return operationId.endsWith('Alias') ? operationId.slice(0, -'Alias'.length) : operationId;
}

interface ReadOptions {
  fields?: { names: string[]; inItems: boolean };
  expand?: boolean;
}

const OPTIONS = Symbol('disReadOptions');
type WithOptions = FastifyRequest & { [OPTIONS]?: ReadOptions };

function operationOf(request: FastifyRequest): string | undefined {
  const id = (request.routeOptions.config as { operationId?: string } | undefined)?.operationId;
  return id ? sdkOperationOf(id) : undefined;
}

/** A request carries read options (fields, expandReferences) only when its query names one. */
function hasReadOptions(request: FastifyRequest): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  return !!query && (query.fields !== undefined || query.expandReferences !== undefined);
}

export function registerSdkAnswers(app: FastifyInstance): void {
  // The SDK's models (a 230 KB document) are read on the first DIS answer,
  // not at start-up: many apps (a test suite's, an OIC-only user's) never
  // answer a DIS call. Once read they are shared by every app of the process.
  const { design, dataAssets } = app.stores.dis;

  app.addHook('preHandler', (request, _reply, done) => {
    // The query first: most requests have no read options, and the operation
    // (request.routeOptions builds a new object per access) is then not needed.
    if (!hasReadOptions(request)) return done();
    const operationId = operationOf(request);
    if (!operationId) return done();
    const query = request.query as Record<string, unknown>;
    try {
      const options: ReadOptions = {};
      const names = parseFields(query.fields);
      const shapes = sdkShapes();
      const item = names ? listItemModel(shapes, shapes.operation(operationId)) : null;
      if (names && item) {
        checkFields(names, fieldsOf(shapes, item.name), operationId);
        options.fields = { names, inItems: item.inItems };
      }
      options.expand = parseExpand(query.expandReferences);
      (request as WithOptions)[OPTIONS] = options;
      done();
    } catch (e) {
      done(e as Error);
    }
  });

  app.addHook('preSerialization', (request, reply, payload, done) => {
    if (reply.statusCode >= 400) return done(null, payload);
    const operationId = operationOf(request);
    const shapes = sdkShapes();
    const type = operationId ? shapes.operation(operationId) : undefined;
    if (!type) return done(null, payload);
    const options = (request as WithOptions)[OPTIONS];
    let body: unknown = payload;
    if (options?.expand && body && typeof body === 'object') {
      const workspaceId = (request.params as { workspaceId?: string }).workspaceId ?? '';
      body = expandReferences(body as Doc, (rules, key) => {
        const found = design.get(rules, workspaceId, key);
        if (!found) return null;
        return rules === RULES.dataAsset ? dataAssets.wire(found) : found.doc;
      });
    }
    body = shapes.shape(body, type);
    if (options?.fields) body = projectItems(body, options.fields.names, options.fields.inItems);
    done(null, body);
  });
}
