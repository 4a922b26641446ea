/**
 * Entity tags for conditional GETs, HTTP-free. The tag is a hash of the exact
 * bytes a client would receive, so it changes whenever the representation
 * does: an update, an activation, a new or deleted item on a list page, a
 * different `fields` selection. SHA-1 is fast and collisions are irrelevant
 * here (this is not a security boundary).
 */
import crypto from 'node:crypto';

/** A strong ETag (quoted) for a response body. */
export function etagOf(body: string | Buffer): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Does an If-None-Match header match the current tag? RFC 9110 13.1.2: `*`
 * matches any current representation; otherwise the header is a list of
 * entity tags compared weakly (a `W/` prefix is ignored). A tag sent without
 * its quotes is accepted too: our tags never contain commas or quotes, so
 * the list can be split on commas.
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  const want = bare(etag);
  return value.split(',').some((tag) => bare(tag) === want);
}
