/**
 * An imported REST trigger's resource template (`ResourceURI` of its .jca,
 * e.g. `/orders/{orderId}/lines/{line}`) matched against a called path:
 * literal segments must be equal, `{name}` takes one segment (decoded).
 * A trailing slash is ignored on both.
 */
export function matchResource(template: string, path: string): Record<string, string> | undefined {
  const split = (s: string) => s.replace(/^\/+|\/+$/g, '').split('/').filter((x, i, a) => x !== '' || a.length > 1);
  const t = split(template);
  const p = split(path);
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const m = /^\{([^{}]+)\}$/.exec(t[i]);
    if (m) {
      if (p[i] === '') return undefined;
      try {
        params[m[1]] = decodeURIComponent(p[i]);
      } catch {
        return undefined;
      }
    } else if (t[i] !== p[i]) return undefined;
  }
  return params;
}
