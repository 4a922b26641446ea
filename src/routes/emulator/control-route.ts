/**
 * Registration of the control-plane routes (code-first).
 *
 * Method and path are written here and must match openapi/emulator.yaml (the
 * contract test, test/openapi/contract.test.ts, checks it). The validation
 * schemas come from that document, but lazily, on a route's first call:
 * parsing the YAML and compiling its schemas costs tens of milliseconds that
 * start-up (and every test's buildApp) would otherwise pay for routes most
 * runs never call. Validators are pure functions, so they are cached per
 * process like the parsed spec.
 */
import type { FastifyInstance } from 'fastify';
import type { ValidateFunction } from 'ajv';
import { loadSpec } from '../../openapi/spec';
import { makeValidatorCompiler } from '../../openapi/validation';
import { badRequest, describeValidation } from '../../core/errors';
import type { OperationHandler } from '../../openapi/request-types';
import type { operations as EmulatorOperations } from '../../openapi/types/emulator';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Validators {
  params?: ValidateFunction;
  querystring?: ValidateFunction;
  body?: ValidateFunction;
  bodyRequired: boolean;
}

const cache = new Map<string, Validators>();
let compiler: ReturnType<typeof makeValidatorCompiler> | null = null;

function validatorsFor(operationId: string): Validators {
  const hit = cache.get(operationId);
  if (hit) return hit;
  const op = loadSpec('emulator').operations.get(operationId);
  if (!op) throw new Error(`operation ${operationId} is not in openapi/emulator.yaml`);
  compiler ??= makeValidatorCompiler();
  const compile = (schema: object | undefined, httpPart: string) =>
    (schema ? compiler!({ schema, httpPart, method: op.method, url: op.url } as any) : undefined) as ValidateFunction | undefined;
  const v: Validators = {
    params: compile(op.schema.params, 'params'),
    querystring: compile(op.schema.querystring, 'querystring'),
    body: compile(op.schema.body, 'body'),
    bodyRequired: op.bodyRequired,
  };
  cache.set(operationId, v);
  return v;
}

function check(validate: ValidateFunction | undefined, data: unknown, context: string): void {
  if (validate && !validate(data)) throw badRequest(describeValidation(validate.errors ?? [], context));
}

/**
 * `operationId` types the handler's params, query and body from the
 * generated emulator types, as op() does for the declared APIs.
 */
export function controlRoute<K extends keyof EmulatorOperations & string>(app: FastifyInstance, method: Method, url: string, operationId: K, handler: OperationHandler<EmulatorOperations[K]>, options: { bodyLimit?: number } = {}): void {
  app.route({
    method,
    url,
    ...options,
    config: { operationId, api: 'emulator' },
    preValidation: async (request) => {
      const v = validatorsFor(operationId);
      check(v.params, request.params, 'params');
      check(v.querystring, request.query, 'querystring');
      if (request.body === undefined) {
        if (v.bodyRequired) throw badRequest('Request body is required (Content-Type: application/json)');
      } else {
        check(v.body, request.body, 'body');
      }
    },
    handler,
  });
}
