/**
 * Java `.properties` files (ics_project_attributes.properties,
 * ics_package_attributes.properties), read with Java's rules: `#`/`!`
 * comments, `=`, `:` or whitespace between key and value, backslash line
 * continuations, escapes (`\:`, `\=`, `\t`, `\uXXXX`...). A malformed
 * `\u` escape or a NUL byte is a 400, as Java refuses the former too.
 * Files are ISO-8859-1 in Java; Oracle writes ASCII with `\u` escapes, so
 * the text is read as UTF-8 (identical for those) to keep UTF-8 files right.
 */
import { strFromU8 } from 'fflate';
import { badRequest } from '../../core/errors';

const SEPARATORS = new Set(['=', ':', ' ', '\t', '\f']);

function logicalLines(text: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const physical of text.split(/\r\n|\r|\n/)) {
    const line = current === undefined ? physical.replace(/^[ \t\f]+/, '') : physical.replace(/^[ \t\f]+/, '');
    if (current === undefined && (line === '' || line[0] === '#' || line[0] === '!')) continue;
    let slashes = 0;
    for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) slashes++;
    if (slashes % 2 === 1) current = (current ?? '') + line.slice(0, -1);
    else {
      out.push((current ?? '') + line);
      current = undefined;
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

function unescape(s: string, entry: string, lineNo: number): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === undefined) break;
    if (n === 'u') {
      const hex = s.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw badRequest(`Archive entry '${entry}' is not a valid properties file: malformed \\uxxxx escape in property ${lineNo}`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else out += n === 't' ? '\t' : n === 'n' ? '\n' : n === 'r' ? '\r' : n === 'f' ? '\f' : n;
  }
  return out;
}

export function parseProperties(entry: string, bytes: Uint8Array): Map<string, string> {
  const text = strFromU8(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw badRequest(`Archive entry '${entry}' is not a valid properties file: it contains NUL bytes`);
  const map = new Map<string, string>();
  logicalLines(text).forEach((line, idx) => {
    let i = 0;
    while (i < line.length && !SEPARATORS.has(line[i])) i += line[i] === '\\' ? 2 : 1;
    const key = line.slice(0, i);
    while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '\f')) i++;
    if (line[i] === '=' || line[i] === ':') i++;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '\f')) i++;
    map.set(unescape(key, entry, idx + 1), unescape(line.slice(i), entry, idx + 1));
  });
  return map;
}

function escape(s: string, isKey: boolean): string {
  let out = '';
  for (const [i, c] of [...s].entries()) {
    const code = c.codePointAt(0)!;
    if (c === '\\' || c === '=' || c === ':' || c === '#' || c === '!') out += `\\${c}`;
    else if (c === ' ' && (isKey || i === 0)) out += '\\ ';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) {
      for (const unit of c.split('')) out += `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
    } else out += c;
  }
  return out;
}

/** `key=value` lines in the given order, escaped as Java writes them. */
export function writeProperties(entries: Array<[string, string]>, comment?: string): string {
  return (comment ? `#${comment}\n` : '') + entries.map(([k, v]) => `${escape(k, true)}=${escape(v, false)}\n`).join('');
}
