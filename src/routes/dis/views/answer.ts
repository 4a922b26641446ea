/**
 * The view of every successful DIS answer: a stored record (or a page of
 * them) turned into the wire object of its operation's SDK model
 * (sdk-models.ts). The DIS reply functions (index.ts) call it on every body
 * they send, so each handler's answer passes through here explicitly and an
 * operation added later is covered too. Errors keep OCI's {code, message}.
 *
 * Reads (GET) also honour the SDK's read options (read-options.ts):
 * references expanded first, then the model's shape, then the `fields`
 * selection. The options are read options: other methods do not take them.
 */
import type { FastifyRequest } from 'fastify';
import { RULES } from '../../../store/dis/kinds';
import type { Doc } from '../../../store/dis/objects';
import { checkFields, expandReferences, fieldsOf, listItemModel, parseExpand, parseFields, projectItems } from './read-options';
import { sdkShapes, type TypeRef } from './sdk-models';
import { pathParams, queryParam } from '../../../openapi/request-types';

/** The emulator's own aliases of SDK operations (the singular /workspace/ path `oci raw-request` uses). */
function sdkOperationOf(operationId: string): string {
  return operationId.endsWith('Alias') ? operationId.slice(0, -'Alias'.length) : operationId;
}

interface OperationView {
  operationId: string;
  /** The SDK model the operation answers with (null: no body or not an SDK operation). */
  type: TypeRef | null;
  /** The item model a `fields` selection applies to, and its known field names. */
  items: { inItems: boolean; fields: Set<string> } | null;
}

const views = new Map<string, OperationView>();

/** What is known about an operation's answer, worked out once per operationId. */
function viewOf(request: FastifyRequest): OperationView | null {
  const id = request.routeOptions.config?.operationId;
  if (!id) return null;
  let view = views.get(id);
  if (!view) {
    const shapes = sdkShapes();
    const operationId = sdkOperationOf(id);
    const type = shapes.operation(operationId) ?? null;
    const item = listItemModel(shapes, type);
    view = { operationId, type, items: item ? { inItems: item.inItems, fields: fieldsOf(shapes, item.name) } : null };
    views.set(id, view);
  }
  return view;
}

/** Expand the references of `body` to the design objects of the request's workspace. */
function expanded(request: FastifyRequest, body: Doc): Doc {
  const { design, dataAssets } = request.server.stores.dis;
  const ws = pathParams(request).workspaceId ?? '';
  return expandReferences(body, (rules, key) => {
    const found = design.get(rules, ws, key);
    if (!found) return null;
    return rules === RULES.dataAsset ? dataAssets.wire(found) : found.doc;
  });
}

/**
 * Check the read options of a GET before anything is read or sent: a bad
 * `fields` or `expandReferences` is a 400. Returns the answer function.
 */
export function disAnswer(request: FastifyRequest): (body: unknown) => unknown {
  const view = viewOf(request);
  if (!view?.type) return (body) => body;
  const type = view.type;
  const fields = queryParam(request, 'fields');
  const expandOption = queryParam(request, 'expandReferences');
  if (request.method !== 'GET' || (fields === undefined && expandOption === undefined)) {
    return (body) => sdkShapes().shape(body, type);
  }
  const names = parseFields(fields);
  const items = names ? view.items : null;
  if (names && items) checkFields(names, items.fields, view.operationId);
  const expand = parseExpand(expandOption);
  return (body) => {
    let out = expand && body && typeof body === 'object' ? expanded(request, body as Doc) : body;
    out = sdkShapes().shape(out, type);
    return names && items ? projectItems(out, names, items.inItems) : out;
  };
}
