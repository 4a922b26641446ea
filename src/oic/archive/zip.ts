/**
 * Reading and writing the zip files archives are, with node:zlib (native
 * inflate/deflate: several times faster than a JavaScript inflater on
 * archives of a few hundred KB).
 *
 * Reading is defensive, and one budget may be shared by an archive and the
 * archives nested in it (a .par holds .iar files), so nesting cannot
 * multiply the limits: at most MAX_ENTRIES entries and MAX_UNCOMPRESSED
 * declared bytes in all. Each entry is inflated with its declared size as
 * the output limit, so an entry that lies about its size cannot grow past
 * it; one that inflates to a different size than declared is refused.
 * Names with `..`, `.`, absolute paths, drive letters, backslashes or
 * control characters, names given twice, encrypted entries, zip64 and
 * compression methods other than stored/deflate are refused. The entries'
 * CRCs are not checked (a corrupt deflate stream fails on its own; a
 * corrupt stored entry is just its bytes). Nothing is ever written to disk.
 */
import zlib from 'node:zlib';
import { badRequest } from '../../core/errors';

export const MAX_ENTRIES = 1000;
export const MAX_UNCOMPRESSED = 50 * 1024 * 1024;
const MAX_NAME = 512;

export interface ZipBudget { entries: number; bytes: number }

/** An entry as it sits in a zip (compressed data, method, CRC), copied into another zip without inflating it again. */
export interface RawEntry { raw: Uint8Array; method: number; crc: number; size: number }
export type ZipContent = Uint8Array | RawEntry;
const isRaw = (v: ZipContent): v is RawEntry => !(v instanceof Uint8Array);
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

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Every file entry of `data` (directories skipped), name -> bytes, in the
 * archive's order. `what` names the archive in messages ("uploaded file",
 * "nested archive 'x.iar'").
 */
export function readZip(data: Uint8Array, what: string, budget: ZipBudget = newBudget()): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [name, e] of readZipEntries(data, what, budget, true)) out.set(name, e.bytes!);
  return out;
}

/**
 * The entries with their compressed form too; `inflate` false (for zips the
 * emulator wrote itself) skips inflating: only the raw form is returned.
 */
export function readZipEntries(data: Uint8Array, what: string, budget: ZipBudget, inflate: boolean): Map<string, RawEntry & { bytes?: Uint8Array }> {
  if (!isZip(data)) throw badRequest(`The ${what} is not a zip file`);
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const broken = (why: string) => badRequest(`The ${what} is not a readable zip archive (${why}); it may be truncated`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw badRequest(`The ${what} is a zip64 archive, which is not supported`);
  if (cdOffset + cdSize > eocd) throw broken('central directory out of bounds');
  const out = new Map<string, RawEntry & { bytes?: Uint8Array }>();
  const seen = new Set<string>();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw broken('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > eocd) throw broken('bad central directory entry');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    if (++budget.entries > MAX_ENTRIES) throw badRequest(`The archive has more than ${MAX_ENTRIES} entries`);
    const why = unsafeName(name);
    if (why) throw badRequest(`The ${what} contains an unsafe entry name '${name.slice(0, 200)}' (${why})`);
    if (seen.has(name)) throw badRequest(`The ${what} contains the entry '${name}' twice`);
    seen.add(name);
    if (usize === 0xffffffff || csize === 0xffffffff) throw badRequest(`The ${what} is a zip64 archive (entry '${name}'), which is not supported`);
    budget.bytes += usize;
    if (budget.bytes > MAX_UNCOMPRESSED) throw badRequest(`The archive expands to more than ${MAX_UNCOMPRESSED / 1024 / 1024} MB`);
    if (name.endsWith('/')) continue;
    if (flags & 1) throw badRequest(`The ${what} has an encrypted entry '${name}'; encrypted archives are not supported`);

    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw broken(`bad local header of '${name}'`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + csize > buf.length) throw broken(`entry '${name}' is cut off`);
    const raw = buf.subarray(start, start + csize);
    if (!inflate) {
      out.set(name, { raw, method, crc, size: usize });
      continue;
    }
    let bytes: Uint8Array;
    if (method === 0) bytes = raw;
    else if (method === 8) {
      try {
        bytes = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(usize, 1) });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'ERR_BUFFER_TOO_LARGE') throw badRequest(`The ${what} is not a readable zip archive: entry '${name}' does not inflate to its declared size`);
        throw broken(`entry '${name}': ${(e as Error).message}`);
      }
    } else throw badRequest(`The ${what} uses compression method ${method} for '${name}'; only stored and deflated entries are supported`);
    if (bytes.length !== usize) throw badRequest(`The ${what} is not a readable zip archive: entry '${name}' does not inflate to its declared size`);
    out.set(name, { raw, method, crc, size: usize, bytes });
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** DOS time and date; zip timestamps only cover 1980-2107, a simulated clock may be anywhere. */
function dosTime(mtime: Date): [number, number] {
  const t = new Date(Math.min(Math.max(mtime.getTime(), Date.UTC(1980, 0, 2)), Date.UTC(2099, 11, 30)));
  return [(t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1), ((t.getUTCFullYear() - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate()];
}

/** What an entry's local header and its central directory record both carry, in the same order. */
interface EntryFields { method: number; time: number; date: number; crc: number; compressedSize: number; size: number; nameLength: number }

/** Writes the 22 bytes both headers share (flags to name length) at `at`; extra-field length stays 0. */
function writeEntryFields(buf: Buffer, at: number, f: EntryFields): void {
  buf.writeUInt16LE(0x0800, at); // names are UTF-8
  buf.writeUInt16LE(f.method, at + 2);
  buf.writeUInt16LE(f.time, at + 4);
  buf.writeUInt16LE(f.date, at + 6);
  buf.writeUInt32LE(f.crc, at + 8);
  buf.writeUInt32LE(f.compressedSize, at + 12);
  buf.writeUInt32LE(f.size, at + 16);
  buf.writeUInt16LE(f.nameLength, at + 20);
}

/**
 * A zip of `files`: deflated at `level` (1 by default: archives are small and
 * export must be quick) when that makes an entry smaller, else stored; level
 * 0 stores everything.
 */
export function writeZip(files: Map<string, ZipContent> | Array<[string, ZipContent]>, mtime: Date, level: 0 | 1 | 6 = 1): Uint8Array {
  const [time, date] = dosTime(mtime);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const [name, content] of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    let body: Uint8Array;
    let method = 0;
    let crc: number;
    let size: number;
    if (isRaw(content)) {
      // Copied as it is: no inflate, no deflate, the same CRC.
      ({ raw: body, method, crc, size } = content);
    } else {
      body = content;
      size = content.length;
      if (level > 0 && content.length > 64) {
        const deflated = zlib.deflateRawSync(content, { level });
        if (deflated.length < content.length) {
          body = deflated;
          method = 8;
        }
      }
      crc = crc32(content);
    }
    const fields: EntryFields = { method, time, date, crc, compressedSize: body.length, size, nameLength: nameBuf.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    writeEntryFields(local, 6, fields);
    parts.push(local, nameBuf, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(CENTRAL, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    writeEntryFields(cd, 8, fields);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, nameBuf);
    offset += 30 + nameBuf.length + body.length;
    count++;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, eocd]);
}
