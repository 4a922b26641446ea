/**
 * Request types of an operation, derived from the generated OpenAPI types
 * (src/openapi/types/, written by scripts/gen-api-types.mjs): `op()` gives a
 * handler `request.params`, `request.query` and `request.body` typed from the
 * operation it serves, so handlers read what the spec validated without casts.
 * Headers keep Fastify's own type (the spec's header names are lower-cased by
 * the validator, not by the generator).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { operations as OicOperations } from './types/oic';
import type { operations as DisOperations } from './types/dis';
import type { operations as EmulatorOperations } from './types/emulator';
import type { operations as IntegrationOperations } from './types/integration';

/** The operations of each API's document, by operationId. */
export interface ApiOperations {
  oic: OicOperations;
  dis: DisOperations;
  emulator: EmulatorOperations;
  integration: IntegrationOperations;
}

/** A part the operation does not declare: an object whose values are not known. */
type Loose = Record<string, unknown>;

type Part<O, K extends string> = O extends { parameters: infer P } ? (K extends keyof P ? ([NonNullable<P[K]>] extends [never] ? Loose : NonNullable<P[K]>) : Loose) : Loose;

type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : unknown;

/** The body: the union of the declared media types' schemas; `undefined` too when the body is optional. */
export type BodyOf<O> = O extends { requestBody?: unknown }
  ? [NonNullable<O['requestBody']>] extends [never]
    ? unknown
    : ContentOf<NonNullable<O['requestBody']>> | (undefined extends O['requestBody'] ? undefined : never)
  : unknown;

export interface RouteTypes<O> {
  Params: Part<O, 'path'>;
  Querystring: Part<O, 'query'>;
  Body: BodyOf<O>;
}

/** The request a handler of operation O receives. */
export type RequestOf<O> = FastifyRequest<RouteTypes<O>>;

/** A handler of operation O. */
export type OperationHandler<O> = (request: RequestOf<O>, reply: FastifyReply) => unknown;

/** Request type by API and operationId, for handlers written apart from their `op()` call. */
export type Req<A extends keyof ApiOperations, K extends keyof ApiOperations[A]> = RequestOf<ApiOperations[A][K]>;

/**
 * One query parameter of a request whose operation a hook does not know
 * (hooks that run for every route, some before validation): unknown until
 * the caller checks it, and undefined when the query is not an object.
 */
export function queryParam(request: { query: unknown }, name: string): unknown {
  const query = request.query;
  if (typeof query !== 'object' || query === null || !Object.hasOwn(query, name)) return undefined;
  return Object.getOwnPropertyDescriptor(query, name)?.value;
}

/** The path parameters of a request whose operation a hook does not know, as strings by name. */
export function pathParams(request: { params: unknown }): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const params = request.params;
  if (typeof params === 'object' && params !== null) for (const [k, v] of Object.entries(params)) if (typeof v === 'string') out[k] = v;
  return out;
}
