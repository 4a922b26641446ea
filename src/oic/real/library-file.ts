/**
 * The file of a JavaScript library: a .js file, or a jar (zip) of .js files
 * as Oracle exports them. What the library offers is the functions its
 * JavaScript declares (`function name(...)`), found by a plain scan, never
 * by running the code. A jar is read with bounded sizes (no zip bombs), and
 * only its .js entries are inflated.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { badRequest } from '../../core/errors';

const MAX_ENTRY = 10 * 1024 * 1024;
const MAX_ENTRIES = 200;
const FUNCTION = /\bfunction\s+([A-Za-z_$][\w$]*)\s*\(/g;

const isZip = (data: Buffer) => data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;

function functionsIn(text: string): string[] {
  return [...text.matchAll(FUNCTION)].map((m) => m[1]);
}

/** The functions a library file declares (400 when it is not JavaScript or declares none). */
export function libraryFunctions(data: Buffer, fileName: string | undefined): string[] {
  let names: string[];
  if (isZip(data)) {
    let entries = 0;
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(data, {
        filter: (f) => {
          if (++entries > MAX_ENTRIES) throw new Error(`more than ${MAX_ENTRIES} entries`);
          if (!f.name.toLowerCase().endsWith('.js')) return false;
          if (f.originalSize > MAX_ENTRY) throw new Error(`${f.name} inflates to more than ${MAX_ENTRY} bytes`);
          return true;
        },
      });
    } catch (e) {
      throw badRequest(`The library jar cannot be read: ${(e as Error).message}`);
    }
    const scripts = Object.entries(files);
    if (!scripts.length) throw badRequest('The library jar holds no .js file');
    names = scripts.flatMap(([, bytes]) => functionsIn(Buffer.from(bytes).toString('utf8')));
  } else {
    if (fileName && !/\.js$/i.test(fileName)) throw badRequest(`The library file '${fileName}' must be a JavaScript file (.js) or a jar of them (.jar)`);
    const text = data.toString('utf8');
    if (text.includes('\u0000') || Buffer.from(text, 'utf8').length !== data.length) throw badRequest('The library file is not UTF-8 JavaScript text');
    names = functionsIn(text);
  }
  if (!names.length) throw badRequest('The library declares no function (a library offers its top-level `function name(...)` declarations)');
  return [...new Set(names)];
}

/** The jar an export answers: the uploaded jar as it was, or a jar holding the uploaded .js file. */
export function libraryJar(content: Buffer, fileName: string | null, code: string, mtime: number): Buffer {
  if (isZip(content)) return content;
  const name = fileName ?? `${code.toLowerCase()}.js`;
  return Buffer.from(zipSync({ 'META-INF/MANIFEST.MF': strToU8('Manifest-Version: 1.0\n'), [name]: new Uint8Array(content) }, { level: 6, mtime: new Date(mtime) }));
}
