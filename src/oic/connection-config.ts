/**
 * Whether a connection is configured: no connection property is without a
 * value (null), and none is still an export placeholder (`%%<CODE>_<name>`, what
 * Oracle writes into archives in place of instance-specific values). A
 * connection that is not configured cannot be used by an activation and
 * fails its test with the same reason. Connections created through the API
 * with concrete values are configured as soon as they exist.
 */
import { isPlainObject } from './merge';

export const CONFIGURED = 'CONFIGURED';
/** Oracle's status of a connection whose configuration is incomplete. */
export const INCOMPLETE = 'INPROGRESS';

/** No value at all (null), or an export placeholder; an empty string is an optional property left empty. */
const unset = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.startsWith('%%'));

/** The names of the properties that still need a value (sorted). */
export function missingProperties(props: unknown): string[] {
  if (!isPlainObject(props)) return [];
  return Object.entries(props).filter(([, v]) => unset(v)).map(([k]) => k).sort();
}

export const connectionStatusOf = (props: unknown) => (missingProperties(props).length ? INCOMPLETE : CONFIGURED);

/** "connectionUrl has no value, username is still the placeholder %%X_username" */
export function whatIsMissing(props: unknown): string {
  const p = (isPlainObject(props) ? props : {}) as Record<string, unknown>;
  return missingProperties(p).map((k) => (typeof p[k] === 'string' && (p[k] as string).startsWith('%%') ? `${k} is still the placeholder ${p[k] as string}` : `${k} has no value`)).join(', ');
}
