/**
 * A linear-time matcher for the small regular expressions OIC's `q` filter
 * takes (`{name: /Order/}`), so a client's pattern can never stall the
 * emulator (JavaScript's RegExp backtracks; `/(a+)+$/` on a long name would).
 *
 * Supported: literal characters, `.`, escapes (`\d \w \s \D \W \S` and
 * escaped punctuation), character classes `[a-z0-9_]` / `[^...]`, the
 * quantifiers `*`, `+`, `?` on a single atom, `^` at the start, `$` at the
 * end, and the flag `i`. Groups, alternation, `{n,m}` and backreferences are
 * rejected with a message that says so. Matching simulates the NFA (a set of
 * positions in the token list), O(text length x pattern length).
 */

type Atom = (ch: string) => boolean;

interface Token {
  atom: Atom;
  /** '1' exactly once, '*' zero or more, '?' zero or one ('+' is expanded to atom, atom*). */
  q: '1' | '*' | '?';
}

export class RegexSyntaxError extends Error {}

const MAX_PATTERN = 200;

function classEscape(c: string): Atom | null {
  switch (c) {
    case 'd': return (x) => x >= '0' && x <= '9';
    case 'D': return (x) => !(x >= '0' && x <= '9');
    case 'w': return (x) => /[A-Za-z0-9_]/.test(x);
    case 'W': return (x) => !/[A-Za-z0-9_]/.test(x);
    case 's': return (x) => /\s/.test(x);
    case 'S': return (x) => !/\s/.test(x);
    default: return null;
  }
}

function literalEscape(c: string): string {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    default:
      if (/[A-Za-z0-9]/.test(c)) throw new RegexSyntaxError(`escape '\\${c}' is not supported`);
      return c;
  }
}

export class SafeRegex {
  private readonly tokens: Token[] = [];
  private readonly anchoredStart: boolean;
  private readonly anchoredEnd: boolean;
  private readonly ignoreCase: boolean;

  constructor(readonly source: string, flags = '') {
    if (source.length > MAX_PATTERN) throw new RegexSyntaxError(`pattern longer than ${MAX_PATTERN} characters`);
    for (const f of flags) if (f !== 'i') throw new RegexSyntaxError(`flag '${f}' is not supported (only 'i')`);
    this.ignoreCase = flags.includes('i');
    let s = source;
    this.anchoredStart = s.startsWith('^');
    if (this.anchoredStart) s = s.slice(1);
    this.anchoredEnd = s.endsWith('$') && !s.endsWith('\\$');
    if (this.anchoredEnd) s = s.slice(0, -1);
    this.parse(s);
  }

  private norm(c: string): string {
    return this.ignoreCase ? c.toLowerCase() : c;
  }

  private parse(s: string): void {
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      let atom: Atom;
      if (c === '(' || c === ')' || c === '|' || c === '{' || c === '}') {
        throw new RegexSyntaxError(`'${c}' (groups, alternation, counted repetition) is not supported`);
      } else if (c === '^' || c === '$') {
        throw new RegexSyntaxError(`'${c}' is only supported at the start / end of the pattern`);
      } else if (c === '*' || c === '+' || c === '?') {
        throw new RegexSyntaxError(`quantifier '${c}' at position ${i} has nothing to repeat`);
      } else if (c === '.') {
        atom = (x) => x !== '\n';
        i++;
      } else if (c === '\\') {
        const e = s[i + 1];
        if (e === undefined) throw new RegexSyntaxError('pattern ends with a lone backslash');
        const cls = classEscape(e);
        if (cls) atom = cls;
        else {
          const lit = this.norm(literalEscape(e));
          atom = (x) => this.norm(x) === lit;
        }
        i += 2;
      } else if (c === '[') {
        const end = this.parseClass(s, i);
        atom = end.atom;
        i = end.next;
      } else {
        const lit = this.norm(c);
        atom = (x) => this.norm(x) === lit;
        i++;
      }
      const q = s[i];
      if (q === '*' || q === '?') {
        this.tokens.push({ atom, q });
        i++;
      } else if (q === '+') {
        this.tokens.push({ atom, q: '1' }, { atom, q: '*' });
        i++;
      } else {
        this.tokens.push({ atom, q: '1' });
      }
      if (s[i] === '*' || s[i] === '+' || s[i] === '?') throw new RegexSyntaxError(`stacked quantifiers at position ${i} are not supported`);
    }
  }

  private parseClass(s: string, start: number): { atom: Atom; next: number } {
    let i = start + 1;
    const negate = s[i] === '^';
    if (negate) i++;
    const ranges: Array<[string, string]> = [];
    const escapes: Atom[] = [];
    let first = true;
    while (i < s.length && (s[i] !== ']' || first)) {
      first = false;
      let lo = s[i];
      if (lo === '\\') {
        const e = s[i + 1];
        if (e === undefined) break;
        const cls = classEscape(e);
        i += 2;
        if (cls) { escapes.push(cls); continue; }
        lo = literalEscape(e);
      } else i++;
      let hi = lo;
      if (s[i] === '-' && s[i + 1] !== undefined && s[i + 1] !== ']') {
        hi = s[i + 1] === '\\' ? literalEscape(s[i + 2] ?? '') : s[i + 1];
        i += s[i + 1] === '\\' ? 3 : 2;
        if (hi < lo) throw new RegexSyntaxError(`range '${lo}-${hi}' is out of order`);
      }
      ranges.push([lo, hi]);
    }
    if (s[i] !== ']') throw new RegexSyntaxError('unterminated character class');
    const inClass = (x: string): boolean => {
      const cands = this.ignoreCase ? [x.toLowerCase(), x.toUpperCase()] : [x];
      return cands.some((y) => ranges.some(([a, b]) => y >= a && y <= b) || escapes.some((f) => f(y)));
    };
    return { atom: negate ? (x) => !inClass(x) : inClass, next: i + 1 };
  }

  /** Add state `i` and everything reachable from it without reading a character. */
  private close(set: Uint8Array, list: number[], i: number): void {
    while (!set[i]) {
      set[i] = 1;
      list.push(i);
      const t = this.tokens[i];
      if (!t || t.q === '1') return;
      i++; // '*' and '?' may match nothing
    }
  }

  test(text: string): boolean {
    const n = this.tokens.length;
    let set = new Uint8Array(n + 1);
    let list: number[] = [];
    this.close(set, list, 0);
    if (set[n] && (!this.anchoredEnd || text.length === 0)) return true;
    let nextSet = new Uint8Array(n + 1);
    for (const ch of text) {
      nextSet.fill(0);
      const nextList: number[] = [];
      for (const s of list) {
        const t = this.tokens[s];
        if (!t || !t.atom(ch)) continue;
        this.close(nextSet, nextList, t.q === '*' ? s : s + 1);
      }
      if (!this.anchoredStart) this.close(nextSet, nextList, 0);
      [set, nextSet] = [nextSet, set];
      list = nextList;
      if (!this.anchoredEnd && set[n]) return true;
      if (list.length === 0) return false;
    }
    return set[n] === 1;
  }
}
