/**
 * Reading and writing the zip files archives are. Reading is defensive, and
 * one budget may be shared by an archive and the archives nested in it (a
 * .par holds .iar files), so nesting cannot multiply the limits: at most
 * MAX_ENTRIES entries and MAX_UNCOMPRESSED declared bytes in all. fflate
 * inflates each entry into a buffer of its declared size, so an entry that
 * lies about its size cannot grow past it; one that inflates to a different
 * size than declared is refused. Names with `..`, `.`, absolute paths,
 * drive letters, backslashes or control characters, and names given twice,
 * are refused. Nothing is ever written to disk.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { ApiError, badRequest } from '../../core/errors';

export const MAX_ENTRIES = 1000;
export const MAX_UNCOMPRESSED = 50 * 1024 * 1024;
const MAX_NAME = 512;

export interface ZipBudget { entries: number; bytes: number }
export const newBudget = (): ZipBudget => ({ entries: 0, bytes: 0 });

function unsafeName(name: string): string | undefined {
  if (!name || name.length > MAX_NAME) return `an entry name longer than ${MAX_NAME} characters`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) return 'an absolute path, drive letter or backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character';
  if (name.split('/').some((seg) => seg === '..' || seg === '.')) return "a '..' or '.' path segment";
  return undefined;
}

export function isZip(data: Uint8Array): boolean {
  return data.length >= 22 && data[0] === 0x50 && data[1] === 0x4b;
}

/**
 * Every file entry of `data` (directories skipped), name -> bytes, in the
 * archive's order. `what` names the archive in messages (".iar", "nested
 * archive 'x.iar'").
 */
export function readZip(data: Uint8Array, what: string, budget: ZipBudget = newBudget()): Map<string, Uint8Array> {
  if (!isZip(data)) throw badRequest(`The ${what} is not a zip file`);
  const seen = new Set<string>();
  const declared = new Map<string, number>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (f) => {
        if (++budget.entries > MAX_ENTRIES) throw badRequest(`The archive has more than ${MAX_ENTRIES} entries`);
        const why = unsafeName(f.name);
        if (why) throw badRequest(`The ${what} contains an unsafe entry name '${f.name.slice(0, 200)}' (${why})`);
        if (seen.has(f.name)) throw badRequest(`The ${what} contains the entry '${f.name}' twice`);
        seen.add(f.name);
        budget.bytes += f.originalSize;
        if (budget.bytes > MAX_UNCOMPRESSED) throw badRequest(`The archive expands to more than ${MAX_UNCOMPRESSED / 1024 / 1024} MB`);
        if (f.name.endsWith('/')) return false;
        declared.set(f.name, f.originalSize);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw badRequest(`The ${what} is not a readable zip archive (${(e as Error).message}); it may be truncated`);
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, size] of declared) {
    const bytes = files[name];
    if (!bytes || bytes.length !== size) throw badRequest(`The ${what} is not a readable zip archive: entry '${name}' does not inflate to its declared size`);
    out.set(name, bytes);
  }
  return out;
}

/** Zip timestamps only cover 1980-2099; a simulated clock may be anywhere. */
function zipTime(mtime: Date): Date {
  return new Date(Math.min(Math.max(mtime.getTime(), Date.UTC(1980, 0, 2)), Date.UTC(2099, 11, 30)));
}

/** A zip of `files` (deflated, level 1: archives are small and export must be quick). */
export function writeZip(files: Map<string, Uint8Array> | Array<[string, Uint8Array]>, mtime: Date, level: 0 | 1 | 6 = 1): Uint8Array {
  const z: Zippable = {};
  for (const [name, bytes] of files) z[name] = bytes;
  return zipSync(z, { level, mtime: zipTime(mtime) });
}
