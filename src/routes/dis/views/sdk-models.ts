/**
 * The shapes of the official OCI Data Integration SDK's models (extracted
 * from its declaration files into openapi/dis-sdk-models.json; the emulator
 * does not load the SDK itself), and the projection of a stored document onto
 * the model an operation answers with:
 *
 *   - the subtype is chosen by modelType, as the SDK's deserializer does;
 *   - properties the model does not declare are left out (a stored object
 *     carries registryMetadata, keyMap and fields of its summary that the
 *     full model has not, and the other way round);
 *   - a required property that is missing gets a neutral value of its type
 *     (a password, which is never returned, gets MASKED_SECRET; a subtype's
 *     modelType its discriminator);
 *   - nested models, arrays and maps of models are projected the same way.
 *
 * Stored documents are not changed: what the caller sent is kept, only the
 * answer follows the model.
 */
import fs from 'node:fs';
import path from 'node:path';

export type TypeRef =
  | { kind: 'string' | 'number' | 'boolean' | 'date' | 'any' }
  | { kind: 'model'; name: string }
  | { kind: 'enum'; name: string; values: string[] }
  | { kind: 'array'; of: TypeRef }
  | { kind: 'map'; of: TypeRef }
  | { kind: 'union'; of: TypeRef[] };

export interface PropDef {
  type: TypeRef;
  required?: boolean;
}

export interface ModelDef {
  base?: string;
  /** The discriminator value of a subtype. */
  modelType?: string;
  props: Record<string, PropDef>;
}

export interface SdkModels {
  sdkVersion: string;
  /** SDK operation -> the model it answers with (null: no body). */
  operations: Record<string, TypeRef | null>;
  models: Record<string, ModelDef>;
}

/** What a password reads as in answers: the SDK requires the field, the emulator never returns the secret. */
export const MASKED_SECRET = '********';
const SECRET_PROPS = new Set(['password', 'clientSecret', 'secretKey', 'accessKey']);

export const SDK_MODELS_FILE = path.resolve(__dirname, '..', '..', '..', '..', 'openapi', 'dis-sdk-models.json');

const PRIMITIVE = new Set<TypeRef['kind']>(['string', 'number', 'boolean', 'date', 'any', 'enum']);

interface ShapePlan {
  props: ReadonlyArray<readonly [string, TypeRef, boolean]>;
  required: ReadonlyArray<readonly [string, TypeRef]>;
}

export class SdkShapes {
  private readonly subtypes = new Map<string, Map<string, string>>();
  private readonly flat = new Map<string, Map<string, PropDef>>();

  constructor(readonly data: SdkModels) {
    for (const [name, m] of Object.entries(data.models)) {
      if (!m.base || !m.modelType) continue;
      if (!this.subtypes.has(m.base)) this.subtypes.set(m.base, new Map());
      this.subtypes.get(m.base)!.set(m.modelType, name);
    }
  }

  has(name: string): boolean {
    return name in this.data.models;
  }

  /** The subtypes of a polymorphic model by discriminator value (empty for others). */
  subtypesOf(name: string): Map<string, string> {
    return this.data.models[name]?.modelType ? new Map() : this.subtypes.get(name) ?? new Map();
  }

  /** The model to use for `value` declared as `name`: its subtype when modelType names one. */
  resolve(name: string, value: Record<string, unknown>): string {
    const sub = typeof value.modelType === 'string' ? this.subtypesOf(name).get(value.modelType) : undefined;
    return sub ?? name;
  }

  /** Properties of a model with those of its bases. */
  props(name: string): Map<string, PropDef> {
    let props = this.flat.get(name);
    if (!props) {
      const chain: ModelDef[] = [];
      for (let m: ModelDef | undefined = this.data.models[name]; m; m = m.base ? this.data.models[m.base] : undefined) chain.unshift(m);
      props = new Map(chain.flatMap((m) => Object.entries(m.props)));
      this.flat.set(name, props);
    }
    return props;
  }

  operation(operationId: string): TypeRef | null | undefined {
    return this.data.operations[operationId];
  }

  /** The union member a value belongs to: the one whose discriminator is its modelType, else the first model. */
  unionMember(t: { of: TypeRef[] }, value: unknown): TypeRef {
    const modelType = value && typeof value === 'object' ? (value as Record<string, unknown>).modelType : undefined;
    return t.of.find((m) => m.kind === 'model' && this.data.models[m.name]?.modelType === modelType) ?? t.of[0];
  }

  /** `value` shaped as `type` (see the file header). */
  shape(value: unknown, type: TypeRef): unknown {
    if (value === null || value === undefined) return value;
    switch (type.kind) {
      case 'array':
        return Array.isArray(value) ? value.map((v) => this.shape(v, type.of)) : value;
      case 'map':
        return typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.shape(v, type.of)])) : value;
      case 'union':
        return this.shape(value, this.unionMember(type, value));
      case 'model':
        return typeof value === 'object' && !Array.isArray(value) ? this.shapeModel(value as Record<string, unknown>, type.name) : value;
      default:
        return value;
    }
  }

  private shapeModel(value: Record<string, unknown>, declared: string): Record<string, unknown> {
    const name = this.resolve(declared, value);
    const plan = this.planOf(name);
    const out: Record<string, unknown> = {};
    // The model's properties in its order (one pass over a fixed list: answers are shaped on every request).
    for (const [k, type, primitive] of plan.props) {
      const v = value[k];
      if (v !== undefined) out[k] = primitive ? v : this.shape(v, type);
    }
    for (const [k, type] of plan.required) {
      if (out[k] === undefined || out[k] === null) out[k] = this.filler(name, k, type);
    }
    return out;
  }

  private readonly plans = new Map<string, ShapePlan>();

  /** A model's properties as a list to walk, worked out once per model. */
  private planOf(name: string): ShapePlan {
    let plan = this.plans.get(name);
    if (!plan) {
      const props = [...this.props(name)];
      plan = {
        props: props.map(([k, p]) => [k, p.type, PRIMITIVE.has(p.type.kind)] as const),
        required: props.filter(([, p]) => p.required).map(([k, p]) => [k, p.type] as const),
      };
      this.plans.set(name, plan);
    }
    return plan;
  }

  /** The value of a required property the stored object lacks. */
  private filler(model: string, prop: string, type: TypeRef): unknown {
    if (SECRET_PROPS.has(prop)) return MASKED_SECRET;
    if (prop === 'modelType' && this.data.models[model]?.modelType) return this.data.models[model].modelType;
    return this.neutral(type);
  }

  private neutral(type: TypeRef): unknown {
    switch (type.kind) {
      case 'string': return '';
      case 'number': return 0;
      case 'boolean': return false;
      case 'date': return new Date(0).toISOString();
      case 'enum': return type.values[0];
      case 'array': return [];
      case 'map': case 'any': return {};
      case 'union': return this.neutral(type.of[0]);
      case 'model': return this.shapeModel({}, type.name);
    }
  }
}

let loaded: SdkShapes | null = null;

/** The committed SDK shapes (openapi/dis-sdk-models.json), read once per process. */
export function sdkShapes(): SdkShapes {
  loaded ??= new SdkShapes(JSON.parse(fs.readFileSync(SDK_MODELS_FILE, 'utf8')) as SdkModels);
  return loaded;
}
