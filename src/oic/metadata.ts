/**
 * Connection metadata: what an adapter exposes. The adapter family's
 * built-in objects, plus every object an integration operates on through the
 * connection, with the fields it reads (`fields`) or writes (mapping
 * `target`s), the operations used and the integrations using it. Field types
 * are guessed from their names (fieldType).
 */
import { familyOf, fieldType } from './adapters';
import { isPlainObject } from './merge';

interface UsingIntegration {
  id: string;
  connections: Array<{ connectionId: string; operations?: Array<Record<string, unknown>> }>;
}

export function adapterMetadata(connectionId: string, adapterType: string, users: UsingIntegration[]): Record<string, unknown> {
  const family = familyOf(adapterType);
  const objects = new Map<string, { name: string; type: string; fields: Set<string>; operations: Set<string>; usedBy: Set<string> }>();
  const objectOf = (name: string, type: string) => {
    let o = objects.get(name);
    if (!o) objects.set(name, (o = { name, type, fields: new Set(), operations: new Set(), usedBy: new Set() }));
    return o;
  };
  for (const b of family.objects) b.fields.forEach((f) => objectOf(b.name, b.type).fields.add(f));
  for (const integ of users) {
    for (const ref of integ.connections) {
      if (ref.connectionId !== connectionId) continue;
      for (const op of ref.operations ?? []) {
        if (typeof op.objectName !== 'string') continue;
        const o = objectOf(op.objectName, family.objectType);
        if (typeof op.operationType === 'string') o.operations.add(op.operationType);
        o.usedBy.add(integ.id);
        for (const f of Array.isArray(op.fields) ? op.fields : []) if (typeof f === 'string') o.fields.add(f);
        for (const m of Array.isArray(op.mappings) ? op.mappings : []) if (isPlainObject(m) && typeof m.target === 'string') o.fields.add(m.target);
      }
    }
  }
  return {
    connectionId,
    adapterType,
    operations: family.operations,
    objects: [...objects.values()].map((o) => ({
      name: o.name,
      type: o.type,
      fields: [...o.fields].map((f) => ({ name: f, type: fieldType(f) })),
      operations: [...o.operations],
      usedBy: [...o.usedBy],
    })),
  };
}
