/**
 * The check an emulator export's JSON definition (PROJECT-INF/emulator-definition.json)
 * passes on import: the same schema as a create request (IntegrationCreate in
 * openapi/oic.yaml), so an archive cannot bring in what the API would refuse.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { badRequest, describeValidation } from '../../core/errors';
import { loadSpec, toJsonSchema } from '../../openapi/spec';
import { DEFINITION_JSON } from './flow';
import type { IntegrationDefinition } from '../../store/oic/integrations';

/** Compiled from the (read-only) spec on the first use, not at start-up. */
function definitionValidator(): ValidateFunction {
  const spec = loadSpec('oic');
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  return ajv.compile(toJsonSchema(spec.document, { $ref: '#/components/schemas/IntegrationCreate' }));
}

let validator: ValidateFunction | undefined;
/** An emulator export's JSON definition, checked as a create request would be. */
export function validateDefinition(json: unknown, folder: string): IntegrationDefinition {
  const v = (validator ??= definitionValidator());
  if (!v(json)) throw badRequest(`The archive's integration definition (${folder}/${DEFINITION_JSON}) is invalid: ${describeValidation(v.errors ?? [], 'definition')}`);
  return json as IntegrationDefinition;
}
