/**
 * Reads the official oci-dataintegration SDK's declaration files with the
 * TypeScript parser and extracts what the emulator needs to answer in the
 * SDK's shapes: every model reachable from an operation's response (its
 * properties, which are required, their types and enums, its base model and
 * discriminator value) and which model each operation answers with.
 *
 * The result is committed as openapi/dis-sdk-models.json (the emulator must
 * not depend on the SDK at run time); sdk-models-sync.test.ts checks that the
 * file equals what this extracts from the installed SDK, and rewrites it when
 * run with UPDATE_DIS_SDK_MODELS=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { ModelDef, SdkModels, TypeRef } from '../../../src/routes/dis/views/sdk-models';

const LIB = path.dirname(require.resolve('oci-dataintegration/lib/model/index.js', { paths: [process.cwd()] }));
const RESPONSES = path.join(LIB, '..', 'response');
export const SDK_VERSION: string = JSON.parse(fs.readFileSync(path.join(LIB, '..', '..', 'package.json'), 'utf8')).version;

function enumsOf(file: ts.SourceFile): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  const visit = (node: ts.Node, ns: string) => {
    if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      for (const s of node.body.statements) visit(s, node.name.text);
    } else if (ts.isEnumDeclaration(node)) {
      // UNKNOWN_VALUE is the SDK's client-side stand-in for values it does not know: never on the wire.
      const values = node.members.map((m) => (m.initializer && ts.isStringLiteral(m.initializer) ? m.initializer.text : '')).filter((v) => v && v !== 'UNKNOWN_VALUE');
      enums.set(`${ns}.${node.name.text}`, values);
    }
  };
  file.statements.forEach((s) => visit(s, ''));
  return enums;
}

function typeOf(node: ts.TypeNode, enums: Map<string, string[]>): TypeRef {
  if (node.kind === ts.SyntaxKind.StringKeyword) return { kind: 'string' };
  if (node.kind === ts.SyntaxKind.NumberKeyword) return { kind: 'number' };
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return { kind: 'boolean' };
  if (ts.isArrayTypeNode(node)) return { kind: 'array', of: typeOf(node.elementType, enums) };
  if (ts.isUnionTypeNode(node)) return { kind: 'union', of: node.types.map((x) => typeOf(x, enums)) };
  if (ts.isTypeLiteralNode(node)) {
    const sig = node.members.find(ts.isIndexSignatureDeclaration);
    return sig?.type ? { kind: 'map', of: typeOf(sig.type, enums) } : { kind: 'any' };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.length === 1) return { kind: 'array', of: typeOf(node.typeArguments[0], enums) };
    if (name === 'Date') return { kind: 'date' };
    if (name.startsWith('model.')) return { kind: 'model', name: name.slice('model.'.length) };
    const values = enums.get(name);
    if (values) return { kind: 'enum', name, values };
    return { kind: 'model', name };
  }
  return { kind: 'any' };
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function allModels(): Map<string, ModelDef & { name: string }> {
  const models = new Map<string, ModelDef & { name: string }>();
  for (const f of fs.readdirSync(LIB)) {
    if (!f.endsWith('.d.ts') || f === 'index.d.ts') continue;
    const file = parse(path.join(LIB, f));
    const enums = enumsOf(file);
    for (const s of file.statements) {
      if (ts.isInterfaceDeclaration(s)) {
        const def: ModelDef & { name: string } = { name: s.name.text, props: {} };
        const ext = s.heritageClauses?.[0]?.types[0]?.expression.getText();
        if (ext) def.base = ext.replace(/^model\./, '');
        for (const m of s.members) {
          if (ts.isPropertySignature(m) && m.type) {
            def.props[(m.name as ts.StringLiteral).text] = { type: typeOf(m.type, enums), ...(m.questionToken ? {} : { required: true }) };
          }
        }
        models.set(def.name, def);
      } else if (ts.isModuleDeclaration(s) && s.body && ts.isModuleBlock(s.body)) {
        for (const st of s.body.statements) {
          if (!ts.isVariableStatement(st)) continue;
          for (const d of st.declarationList.declarations) {
            if (d.name.getText() === 'modelType' && d.initializer && ts.isStringLiteral(d.initializer)) {
              // The namespace follows its interface in every SDK file.
              const def = models.get(s.name.text);
              if (def) def.modelType = d.initializer.text;
            }
          }
        }
      }
    }
  }
  return models;
}

/** Operation name (camelCase) -> the model-typed property of its response declaration, or null. */
function operations(): Record<string, TypeRef | null> {
  const ops: Record<string, TypeRef | null> = {};
  for (const f of fs.readdirSync(RESPONSES).sort()) {
    if (!f.endsWith('-response.d.ts')) continue;
    const opId = f.replace(/-response\.d\.ts$/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    ops[opId] = null;
    for (const s of parse(path.join(RESPONSES, f)).statements) {
      if (!ts.isInterfaceDeclaration(s)) continue;
      for (const m of s.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        // Headers are strings and numbers; the body is the one model-typed property.
        const type = typeOf(m.type, new Map());
        if (type.kind === 'model' || (type.kind === 'array' && type.of.kind === 'model')) ops[opId] = type;
      }
    }
  }
  return ops;
}

let cached: SdkModels | null = null;

/** The SDK's response models, extracted from the installed package (cached per process). */
export function extractSdkModels(): SdkModels {
  if (cached) return cached;
  const models = allModels();
  const ops = operations();
  const keep = new Map<string, ModelDef>();
  const subtypesOf = new Map<string, string[]>();
  for (const m of models.values()) {
    if (m.base && m.modelType) subtypesOf.set(m.base, [...(subtypesOf.get(m.base) ?? []), m.name]);
  }
  const visitType = (t: TypeRef): void => {
    if (t.kind === 'model') visitModel(t.name);
    else if (t.kind === 'array' || t.kind === 'map') visitType(t.of);
    else if (t.kind === 'union') t.of.forEach(visitType);
  };
  const visitModel = (name: string): void => {
    if (keep.has(name)) return;
    const m = models.get(name);
    if (!m) throw new Error(`the SDK refers to a model ${name} it does not declare`);
    const { name: _n, ...def } = m;
    keep.set(name, def);
    if (m.base) visitModel(m.base);
    Object.values(m.props).forEach((p) => visitType(p.type));
    (subtypesOf.get(name) ?? []).forEach(visitModel);
  };
  Object.values(ops).forEach((t) => t && visitType(t));
  const sorted = Object.fromEntries([...keep.entries()].sort(([a], [b]) => a.localeCompare(b)));
  cached = { sdkVersion: SDK_VERSION, operations: ops, models: sorted };
  return cached;
}
