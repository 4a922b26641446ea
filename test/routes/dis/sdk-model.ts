/**
 * Checks a JSON answer against the official oci-dataintegration SDK's model
 * for it, read from the installed SDK's own declaration files
 * (sdk-model-extract.ts), independent of the emulator's committed copy:
 *
 *   - required properties (declared without `?`) are present and not null;
 *   - every property present is declared by the model (a summary's field on
 *     a full object, or a misspelt one, is reported);
 *   - types: string, number, boolean, Date (an RFC 3339 string on the wire),
 *     arrays, string maps, enums (without the SDK's client-side
 *     UNKNOWN_VALUE), nested models;
 *   - polymorphic models: the subtype whose discriminator equals the object's
 *     modelType, with its base models' properties; a modelType the SDK does
 *     not know is reported.
 */
import { SdkShapes, type TypeRef } from '../../../src/routes/dis/views/sdk-models';
import { extractSdkModels } from './sdk-model-extract';

let shapes: SdkShapes | null = null;
const sdk = () => (shapes ??= new SdkShapes(extractSdkModels()));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const s = JSON.stringify(v);
  return `${typeof v} ${s && s.length > 40 ? `${s.slice(0, 40)}...` : s}`;
}

function checkType(v: unknown, t: TypeRef, at: string, out: string[]): void {
  switch (t.kind) {
    case 'any':
      return;
    case 'string':
    case 'number':
    case 'boolean':
      if (typeof v !== t.kind) out.push(`${at}: expected ${t.kind}, got ${describe(v)}`);
      return;
    case 'date':
      if (typeof v !== 'string' || !ISO_DATE.test(v)) out.push(`${at}: expected an RFC 3339 date-time string, got ${describe(v)}`);
      return;
    case 'enum':
      if (typeof v !== 'string' || !t.values.includes(v)) out.push(`${at}: ${describe(v)} is not one of ${t.name} (${t.values.join(', ')})`);
      return;
    case 'array':
      if (!Array.isArray(v)) out.push(`${at}: expected an array, got ${describe(v)}`);
      else v.forEach((x, i) => checkType(x, t.of, `${at}[${i}]`, out));
      return;
    case 'map':
      if (!v || typeof v !== 'object' || Array.isArray(v)) out.push(`${at}: expected an object map, got ${describe(v)}`);
      else for (const [k, x] of Object.entries(v)) checkType(x, t.of, `${at}.${k}`, out);
      return;
    case 'model':
      checkModel(v, t.name, at, out);
      return;
    case 'union': {
      const member = sdk().unionMember(t, v);
      const modelType = v && typeof v === 'object' ? (v as Record<string, unknown>).modelType : undefined;
      if (member.kind === 'model' && sdk().data.models[member.name]?.modelType === modelType) return checkType(v, member, at, out);
      const attempts = t.of.map((m) => { const o: string[] = []; checkType(v, m, at, o); return o; });
      if (!attempts.some((o) => o.length === 0)) out.push(`${at}: modelType ${JSON.stringify(modelType)} matches none of the union's members: ${attempts[0].join('; ')}`);
    }
  }
}

function checkModel(v: unknown, name: string, at: string, out: string[]): void {
  const s = sdk();
  if (!s.has(name)) throw new Error(`the SDK has no model named ${name}`);
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    out.push(`${at}: expected a ${name} object, got ${describe(v)}`);
    return;
  }
  const obj = v as Record<string, unknown>;
  const model = s.resolve(name, obj);
  const subs = s.subtypesOf(name);
  if (model === name && subs.size && obj.modelType !== undefined) {
    out.push(`${at}: modelType ${describe(obj.modelType)} is none of ${name}'s subtypes (${[...subs.keys()].join(', ')})`);
  }
  const props = s.props(model);
  for (const [k, p] of props) {
    if (p.required && (obj[k] === undefined || obj[k] === null)) out.push(`${at}: ${model} requires '${k}'`);
  }
  for (const [k, x] of Object.entries(obj)) {
    const p = props.get(k);
    if (!p) out.push(`${at}: '${k}' is not a property of ${model}`);
    else if (x !== null) checkType(x, p.type, `${at}.${k}`, out);
  }
}

/** Violations of `value` against the SDK model `name` (empty when it conforms). */
export function sdkModelErrors(value: unknown, name: string): string[] {
  const out: string[] = [];
  checkModel(value, name, name, out);
  return out;
}

/** Violations of an operation's JSON answer against the SDK's response model. */
export function operationErrors(operationId: string, body: unknown): string[] {
  const t = sdk().operation(operationId);
  if (t === undefined) throw new Error(`the SDK has no operation ${operationId}`);
  if (t === null) return body === undefined || body === '' || body === null ? [] : [`${operationId}: the SDK expects no body`];
  const out: string[] = [];
  checkType(body, t, operationId, out);
  return out;
}
