/**
 * Zip files built byte by byte, so they can lie: the sizes in the headers
 * are whatever the caller says, not what the data inflates to. Deflate data
 * comes from node:zlib (a gigabyte of zeros is a megabyte of deflate).
 */
import zlib from 'node:zlib';

export interface RawEntry {
  name: string;
  /** Raw deflate data (method 8), or stored bytes (method 0). */
  data: Buffer;
  method?: 0 | 8;
  /** Uncompressed size written in both headers. */
  declaredSize: number;
}

export function zipOf(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(0, 14); // CRC: not checked by the reader under test
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(Math.min(e.declaredSize, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(Math.min(e.declaredSize, 0xffffffff), 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

/** Raw deflate of `mb` megabytes of zeros, without ever holding them. */
export function deflatedZeros(mb: number): Buffer {
  const zero = Buffer.alloc(1024 * 1024);
  // One megabyte deflated and ended with a sync flush (no final block, byte-aligned) can be
  // repeated: each copy only refers back into its own output. An empty final block ends it.
  const mbDeflated = zlib.deflateRawSync(zero, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array(mb).fill(mbDeflated), Buffer.from([0x03, 0x00])]);
}
