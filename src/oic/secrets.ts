/**
 * Connection secrets: stored as given, never shown. Under
 * `connectionProperties.security` a key is secret when it looks like a
 * password, secret, token, key or credential (`password`, `clientSecret`,
 * `accessToken`, `privateKey`, `apiKey`, `passphrase`, ...); elsewhere in
 * `connectionProperties` only the unmistakable names are (password, secret,
 * token, apiKey, privateKey, passphrase, credential(s)). Responses replace the
 * values with MASK; export archives leave the keys out entirely.
 */
import { isPlainObject } from './merge';

export const MASK = '********';

const SECRET_ANYWHERE = /(password|passwd|pwd|secret|token|apikey|api_key|privatekey|private_key|passphrase|credentials?)$/i;
const SECRET_IN_SECURITY = /(password|passwd|pwd|secret|token|key|passphrase|credentials?)$/i;

function isSecret(key: string, inSecurity: boolean): boolean {
  return (inSecurity ? SECRET_IN_SECURITY : SECRET_ANYWHERE).test(key);
}

/** Oracle's name/value pair form: `securityProperties: [{propertyName: "password", propertyValue: "..."}]`. */
const PAIR_NAME_KEYS = ['propertyName', 'name', 'key'];
/** The keys that hold a name/value pair's value. */
export const PAIR_VALUE_KEYS = ['propertyValue', 'value'];

/** The name of a name/value pair (its first string `propertyName`, `name` or `key`), if `obj` has one. */
export function pairNameOf(obj: Record<string, unknown>): string | undefined {
  for (const k of PAIR_NAME_KEYS) if (typeof obj[k] === 'string') return obj[k] as string;
  return undefined;
}

/**
 * Copy of `props` with every secret value replaced (mask) or removed (strip).
 * Below a secret key everything is secret, whatever its own name: a password
 * sent as `{"password": {"value": "..."}}` or `["..."]` is masked to its
 * leaves (archives leave the whole key out). The value of a name/value pair
 * whose name is secret is masked too.
 */
function transform(props: unknown, mode: 'mask' | 'strip', inSecurity = false, secret = false): unknown {
  if (Array.isArray(props)) return props.map((v) => transform(v, mode, inSecurity, secret));
  if (!isPlainObject(props)) return secret ? MASK : props;
  const pairName = pairNameOf(props);
  const secretPair = pairName !== undefined && isSecret(pairName, inSecurity);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    const sec = inSecurity || k === 'security';
    const isSecretValue = secret || isSecret(k, inSecurity) || (secretPair && PAIR_VALUE_KEYS.includes(k));
    if (isSecretValue && (mode === 'strip' || (!isPlainObject(v) && !Array.isArray(v)))) {
      if (mode === 'mask') out[k] = MASK;
      continue;
    }
    out[k] = transform(v, mode, sec, isSecretValue);
  }
  return out;
}

export const maskSecrets = <T>(connectionProperties: T): T => transform(connectionProperties, 'mask') as T;
export const stripSecrets = <T>(connectionProperties: T): T => transform(connectionProperties, 'strip') as T;

/**
 * A client that GETs a connection and PUTs it back sends MASK where the
 * secrets were: keep the stored values there instead of storing the mask.
 */
export function restoreMasked(patch: unknown, stored: unknown): unknown {
  if (Array.isArray(patch)) return patch.map((v, i) => restoreMasked(v, Array.isArray(stored) ? stored[i] : undefined));
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    const prev = isPlainObject(stored) ? stored[k] : undefined;
    out[k] = v === MASK && prev !== undefined ? prev : restoreMasked(v, prev);
  }
  return out;
}
