/**
 * Paths and path ids of the File Server API. A folder's `guid` (Oracle's
 * "path id") is its absolute path in base64url, so it is stable, needs no
 * table, and reads back to the path. Names are checked strictly: no `/`,
 * no `.` or `..`, no control characters, at most 255 characters; a path at
 * most 1024 characters and 32 levels.
 */
import { badRequest, notFound } from '../../core/errors';

export const guidOf = (path: string) => Buffer.from(path, 'utf8').toString('base64url');

export function pathOfGuid(guid: string): string {
  const path = /^[A-Za-z0-9_-]+$/.test(guid) ? Buffer.from(guid, 'base64url').toString('utf8') : '';
  if (!path.startsWith('/') || guidOf(path) !== guid) throw notFound(`Folder with path id '${guid}' was not found`);
  return path;
}

export function checkName(field: string, name: unknown): string {
  if (typeof name !== 'string' || !name) throw badRequest(`${field} is required (a file or folder name)`);
  // eslint-disable-next-line no-control-regex
  if (name.length > 255 || name === '.' || name === '..' || /[/\\\u0000-\u001f\u007f]/.test(name)) {
    throw badRequest(`${field} '${name}' is not a valid name: no '/', '\\', control characters, '.' or '..'; at most 255 characters`);
  }
  return name;
}

/** An absolute folder path as a client writes it ('/a/b', 'a/b/', '/'), normalised. */
export function checkPath(field: string, raw: unknown): string {
  if (typeof raw !== 'string' || !raw.trim()) throw badRequest(`${field} is required (an absolute folder path such as /upload)`);
  const parts = raw.trim().split('/').filter(Boolean);
  parts.forEach((p, i) => checkName(`${field} (part ${i + 1})`, p));
  const path = `/${parts.join('/')}`;
  if (path.length > 1024 || parts.length > 32) throw badRequest(`${field} is too long (at most 1024 characters and 32 levels)`);
  return path;
}

/** A filterPattern glob (`*.csv`, `report-??.txt`) as a matcher; undefined matches everything. */
export function globMatcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined || pattern === '' || pattern === '*') return () => true;
  if (pattern.length > 255 || (pattern.match(/\*/g)?.length ?? 0) > 10) throw badRequest("Query parameter 'filterPattern' is longer than 255 characters or has more than 10 '*'");
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (name) => re.test(name);
}
