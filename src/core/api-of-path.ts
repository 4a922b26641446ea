/**
 * The one answer to "which API does this path belong to?". It decides the
 * error format of unknown routes and of errors raised before any API plugin
 * (OIC problem JSON, OCI {code,message}, OAuth {error,error_description}),
 * which API a fault rule's `api` matches, the journal's `api` field, and
 * which per-API reset clears a fault rule.
 */

/** 'idcs' is the mock identity service: the token endpoint, its signing keys and discovery document. */
export type PathApi = 'oic' | 'dis' | 'integration' | 'idcs' | 'other';

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/** The API of a path (no query string). */
export function apiOfPath(path: string): PathApi {
  // Everything under /ic is Oracle Integration's (its API is /ic/api; a rule's glob may say /ic/**).
  if (under(path, '/ic')) return 'oic';
  if (under(path, '/20200430')) return 'dis';
  // The OCI Integration control plane: OCI-signed, OCI error bodies, like DIS.
  if (under(path, '/20190131')) return 'integration';
  if (under(path, '/oauth2') || under(path, '/admin/v1') || under(path, '/.well-known')) return 'idcs';
  return 'other';
}

/** DIS and the Integration control plane answer errors as OCI does. */
export function isOciApi(api: PathApi): boolean {
  return api === 'dis' || api === 'integration';
}
