/**
 * The `q` parameter of OIC lists, parsed without eval. Two forms:
 *
 *   q=Order                              plain term: case-insensitive substring of name or identifier
 *   q={name: /Order/i, status: 'ACTIVATED'}  Oracle's filter form: every condition must hold
 *
 * In the filter form a value is a quoted string (exact match), a /regex/ with
 * optional flag i (see safe-regex.ts for what is supported), a number or
 * true/false. Keys may be bare or quoted. Each resource declares which fields
 * it filters on (and aliases, e.g. Oracle's `code` for `identifier`); anything
 * else is a 400 that lists the supported fields.
 */
import { badRequest } from '../core/errors';
import { RegexSyntaxError, SafeRegex } from './safe-regex';

export interface QField<T> {
  get(row: T): string | null | undefined;
  /** Normalise an exact-match value and the stored value before comparing (e.g. status synonyms). */
  normalize?(value: string): string;
}

export interface QFields<T> {
  fields: Record<string, QField<T>>;
  aliases?: Record<string, string>;
  /** Fields a plain term is searched in. */
  termFields: string[];
}

type Value = { kind: 'eq'; text: string } | { kind: 'regex'; regex: SafeRegex };

interface Condition { key: string; value: Value }

const MAX_Q = 1000;

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(msg: string): never {
    throw badRequest(`Query parameter 'q' is not a valid filter: ${msg} (at position ${this.i}); use e.g. q={name: /Order/, status: 'ACTIVATED'}`);
  }

  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  expect(c: string): void {
    this.ws();
    if (this.s[this.i] !== c) this.fail(`expected '${c}'${this.i < this.s.length ? ` but found '${this.s[this.i]}'` : ' but the text ended'}`);
    this.i++;
  }

  quoted(): string {
    const quote = this.s[this.i++];
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== quote) {
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) this.i++;
      out += this.s[this.i++];
    }
    if (this.s[this.i] !== quote) this.fail('unterminated string');
    this.i++;
    return out;
  }

  key(): string {
    this.ws();
    const c = this.s[this.i];
    if (c === '"' || c === "'") return this.quoted();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a field name');
    this.i += m[0].length;
    return m[0];
  }

  value(): Value {
    this.ws();
    const c = this.s[this.i];
    if (c === '"' || c === "'") return { kind: 'eq', text: this.quoted() };
    if (c === '/') {
      this.i++;
      let src = '';
      let inClass = false;
      while (this.i < this.s.length && (this.s[this.i] !== '/' || inClass)) {
        const ch = this.s[this.i];
        if (ch === '\\' && this.i + 1 < this.s.length) { src += ch + this.s[this.i + 1]; this.i += 2; continue; }
        if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        src += ch;
        this.i++;
      }
      if (this.s[this.i] !== '/') this.fail('unterminated /regex/');
      this.i++;
      const flags = /^[a-z]*/.exec(this.s.slice(this.i))![0];
      this.i += flags.length;
      try {
        return { kind: 'regex', regex: new SafeRegex(src, flags) };
      } catch (e) {
        if (e instanceof RegexSyntaxError) this.fail(`regex /${src}/: ${e.message}`);
        throw e;
      }
    }
    const m = /^(-?\d+(\.\d+)?|true|false)(?![A-Za-z0-9_])/.exec(this.s.slice(this.i));
    if (!m) this.fail("expected a 'string', a /regex/, a number or true/false");
    this.i += m[0].length;
    return { kind: 'eq', text: m[0] };
  }

  object(): Condition[] {
    const out: Condition[] = [];
    this.expect('{');
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return out; }
    for (;;) {
      const key = this.key();
      this.expect(':');
      out.push({ key, value: this.value() });
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        this.ws();
        if (this.s[this.i] === '}') { this.i++; break; }
        continue;
      }
      if (this.s[this.i] === '}') { this.i++; break; }
      this.fail(this.i < this.s.length ? `expected ',' or '}' but found '${this.s[this.i]}'` : "expected ',' or '}' but the text ended");
    }
    this.ws();
    if (this.i < this.s.length) this.fail('unexpected text after the closing }');
    return out;
  }
}

/** Compile `q` into a predicate over rows; undefined/empty q matches everything. */
export function compileQ<T>(q: string | undefined, spec: QFields<T>): (row: T) => boolean {
  if (q === undefined) return () => true;
  const text = q.trim();
  if (!text) return () => true;
  if (text.length > MAX_Q) throw badRequest(`Query parameter 'q' is longer than ${MAX_Q} characters`);
  if (!text.startsWith('{')) {
    const term = text.toLowerCase();
    return (row) => spec.termFields.some((f) => (spec.fields[f].get(row) ?? '').toLowerCase().includes(term));
  }
  const conditions = new Parser(text).object();
  const known = Object.keys(spec.fields);
  const checks = conditions.map(({ key, value }) => {
    const name = spec.fields[key] ? key : spec.aliases?.[key];
    if (!name || !spec.fields[name]) {
      throw badRequest(`Query parameter 'q' filters on '${key}', which is not supported here; supported fields: ${[...known, ...Object.keys(spec.aliases ?? {})].join(', ')}`);
    }
    const field = spec.fields[name];
    if (value.kind === 'regex') return (row: T) => value.regex.test(field.get(row) ?? '');
    const norm = field.normalize ?? ((v: string) => v);
    const want = norm(value.text);
    return (row: T) => {
      const have = field.get(row);
      return have !== null && have !== undefined && norm(have) === want;
    };
  });
  return (row) => checks.every((c) => c(row));
}

/** The conditions of a filter-form `q` ({key: 'v', other: /re/}), for endpoints whose keys are not all row fields. */
export function qConditions(q: string): Array<{ key: string; value: { kind: 'eq'; text: string } | { kind: 'regex'; test(s: string): boolean; source: string } }> {
  const text = q.trim();
  if (text.length > MAX_Q) throw badRequest(`Query parameter 'q' is longer than ${MAX_Q} characters`);
  if (!text.startsWith('{')) throw badRequest(`Query parameter 'q' must be a filter such as {type: /ICS_AppInstance/, timewindow: '1d'}, got '${q}'`);
  return new Parser(text).object().map(({ key, value }) => ({
    key,
    value: value.kind === 'eq' ? value : { kind: 'regex' as const, test: (s: string) => value.regex.test(s), source: value.regex.source },
  }));
}
