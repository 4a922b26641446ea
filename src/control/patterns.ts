/**
 * Path patterns for fault rules and journal filters.
 *
 * A glob is the clearest way to say "every integration route":
 *   `*`  matches within one path segment   (/ic/api/integration/v1/integrations/*)
 *   `**` matches across segments           (/20200430/**)
 * Anything else is literal. A regular expression can be given instead when a
 * glob is not enough. Both are checked when a rule is created, so a malformed
 * pattern is a 400 at once, not a rule that silently never matches.
 */

export class PatternError extends Error {}

export interface PathPattern {
  /** What the user wrote, for listings. */
  source: string;
  kind: 'glob' | 'regex';
  test(path: string): boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function globPattern(glob: string): PathPattern {
  if (typeof glob !== 'string' || glob.length === 0) throw new PatternError('path pattern must not be empty');
  if (!glob.startsWith('/')) throw new PatternError(`path pattern '${glob}' must start with '/'`);
  if (/\*{3,}/.test(glob)) throw new PatternError(`path pattern '${glob}' is malformed: use '*' (one segment) or '**' (any depth), not '***'`);
  if (/[?#\s]/.test(glob)) throw new PatternError(`path pattern '${glob}' is malformed: a path pattern has no query string, fragment or spaces`);
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '*' && glob[i + 1] === '*') {
      // "/x/**" also matches "/x" itself: the slash before ** is optional.
      if (source.endsWith('/') && i + 2 === glob.length) source = source.slice(0, -1) + '(?:/.*)?';
      else source += '.*';
      i++;
    } else if (glob[i] === '*') {
      source += '[^/]*';
    } else {
      source += escape(glob[i]);
    }
  }
  const regex = new RegExp(`^${source}/?$`);
  return { source: glob, kind: 'glob', test: (p) => regex.test(p) };
}

export function regexPattern(text: string): PathPattern {
  if (typeof text !== 'string' || text.length === 0) throw new PatternError('pathRegex must not be empty');
  let regex: RegExp;
  try {
    regex = new RegExp(text);
  } catch (e) {
    throw new PatternError(`pathRegex '${text}' is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  return { source: text, kind: 'regex', test: (p) => regex.test(p) };
}

/** The path of a URL without its query, plus its percent-decoded form (clients send %7C for '|'). */
export function pathForms(url: string): string[] {
  const raw = url.split('?')[0];
  let decoded = raw;
  try { decoded = decodeURIComponent(raw); } catch { /* keep raw */ }
  return decoded === raw ? [raw] : [raw, decoded];
}

export function matchesAny(pattern: PathPattern, forms: string[]): boolean {
  return forms.some((f) => pattern.test(f));
}
