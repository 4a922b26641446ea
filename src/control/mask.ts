/**
 * Masks secrets in what the request journal keeps: JSON and form bodies,
 * query strings and headers. The journal is for asserting what a client sent,
 * so structure and harmless values stay; anything that looks like a credential
 * becomes "***".
 */

import { PAIR_VALUE_KEYS, pairNameOf } from '../oic/secrets';

export const MASK = '***';

/** Keys whose values are secrets (password, client_secret, access_token, privateKey, ...). */
const SECRET_KEY = /(pass(word|wd|phrase)?|pwd|secret|token|authorization|api[-_]?key|private[-_]?key|credentials?|signature|cookie)$/i;


export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/[^A-Za-z0-9_-]/g, ''));
}

export function maskValue(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  const obj = value as Record<string, unknown>;
  // Name/value pairs (OIC connection properties) whose name says the value is secret.
  const pairName = pairNameOf(obj);
  const secretPair = pairName !== undefined && isSecretKey(pairName);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (isSecretKey(k) && v !== null && v !== undefined && v !== '') out[k] = MASK;
    else if (secretPair && PAIR_VALUE_KEYS.includes(k)) out[k] = MASK;
    else out[k] = maskValue(v, depth + 1);
  }
  return out;
}

/** Mask the values of secret parameters in an x-www-form-urlencoded string. */
export function maskForm(text: string): string {
  const params = new URLSearchParams(text);
  for (const key of new Set(params.keys())) if (isSecretKey(key)) params.set(key, MASK);
  return params.toString().replace(/%2A%2A%2A/g, MASK);
}

/** Authorization-like header values keep their scheme ("Bearer ***") so a test can see which was used. */
export function maskHeader(name: string, value: string): string {
  if (!isSecretKey(name) && !/^x-.*(key|token|secret)/i.test(name)) return value;
  const scheme = /^(\w+)\s+\S/.exec(value);
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

/**
 * Last resort for bodies that did not parse: blank the values of "key": value
 * pairs that look secret — quoted, unterminated, or bare (a malformed body is
 * often malformed right there: `"password": hunter2`).
 */
export function maskLooseText(text: string): string {
  const scalars = text.replace(/("([^"\\]{0,64})"\s*:\s*)("(?:[^"\\]|\\.)*(?:"|$)|[^\s"{[,}\]][^,}\]\r\n]*)/g, (all, prefix: string, key: string) => (isSecretKey(key) ? `${prefix}"${MASK}"` : all));
  return maskLooseStructures(scalars);
}

/** `"password": {...}` / `[...]` in a body that did not parse: the whole bracketed value (to its end, or the text's). */
function maskLooseStructures(text: string): string {
  const starts: Array<{ from: number; to: number }> = [];
  for (const m of text.matchAll(/"([^"\\]{0,64})"\s*:\s*([{[])/g)) {
    if (!isSecretKey(m[1])) continue;
    const from = m.index! + m[0].length - 1;
    if (starts.length && from < starts[starts.length - 1].to) continue;
    let depth = 0;
    let to = text.length;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (c === '"') { for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++; continue; }
      if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) { to = i + 1; break; }
    }
    starts.push({ from, to });
  }
  let out = text;
  for (const { from, to } of starts.reverse()) out = `${out.slice(0, from)}"${MASK}"${out.slice(to)}`;
  return out;
}

/** A URL with the values of secret query parameters masked (log lines; `?client_secret=...` happens). */
export function maskUrl(url: string): string {
  const i = url.indexOf('?');
  if (i < 0) return url;
  const query = url.slice(i + 1);
  if (![...new URLSearchParams(query).keys()].some(isSecretKey)) return url;
  return `${url.slice(0, i)}?${maskForm(query)}`;
}
