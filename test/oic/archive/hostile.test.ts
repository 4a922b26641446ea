/**
 * Hostile uploads against every multipart operation of the spec (the .iar
 * import and replace; the real-OIC lookup CSV import and replace): zip bombs
 * that declare their size and bombs that lie about it, thousands of entries,
 * path traversal names, truncated zips, non-zips named .iar, JSON nested to
 * the bottom. Each is a 4xx in problem JSON, writes nothing, answers quickly,
 * and the process does not swell (nothing is inflated past what an entry
 * declares, and declared sizes are capped).
 */
import t from 'tap';
import zlib from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { buildTestApp, expectProblem } from '../../helpers/app';
import { loadSpec } from '../../../src/openapi/spec';
import { multipart } from '../../helpers/oic';
import { StateWatcher } from '../../helpers/fuzz-world';
import { deflatedZeros, zipOf } from './hostile-zip';

const PROJECT = (id = 'EVIL', v = '01.00.0000') => `icspackage/project/${id}_${v}/PROJECT-INF/project.xml`;
const xml = (body: string, doctype = '') => `<?xml version="1.0"?>${doctype}<icsproject xmlns="http://www.oracle.com/2014/03/ics/project">${body}</icsproject>`;
const def = xml('<projectCode>EVIL</projectCode><projectVersion>01.00.0000</projectVersion><projectName>Evil</projectName>');
/** Hostile as archives, but readable text: valid one-column CSV files for a lookup upload. */
const TEXT = new Set(['plain text named .iar', 'two bytes']);
const zip = (files: Record<string, string | Uint8Array>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]))));

function hostileArchives(): Array<[string, Buffer]> {
  const bomb = deflatedZeros(512); // 512 MB of zeros in ~0.5 MB
  const small = zlib.deflateRawSync(Buffer.alloc(4 * 1024 * 1024));
  const good = zip({ [PROJECT()]: def });
  const many: Record<string, string> = {};
  for (let i = 0; i < 5000; i++) many[`junk/${i}.txt`] = '';
  const deepXml = xml('<a>'.repeat(20_000) + '</a>'.repeat(20_000));
  const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
  const xxe = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
  const conn = (body: string) => `<ApplicationInstance xmlns="http://xmlns.oracle.com/adapters/cloud">${body}</ApplicationInstance>`;
  return [
    ['a bomb declaring 512 MB', zipOf([{ name: PROJECT(), data: bomb, declaredSize: 512 * 1024 * 1024 }])],
    ['a bomb declaring 100 bytes (it lies)', zipOf([{ name: PROJECT(), data: bomb, declaredSize: 100 }])],
    ['a lying bomb under an ignored name', zipOf([{ name: 'junk/zeros.bin', data: bomb, declaredSize: 1 }, { name: PROJECT(), data: Buffer.from('{}'), method: 0, declaredSize: 2 }])],
    ['many entries each just under the cap', zipOf(Array.from({ length: 20 }, (_, i) => ({ name: `junk/${i}`, data: small, declaredSize: 4 * 1024 * 1024 })))],
    ['a size field of 0xFFFFFFFF (zip64 marker without zip64 data)', zipOf([{ name: PROJECT(), data: small, declaredSize: 0xffffffff }])],
    ['5000 entries', zip(many)],
    ['../ traversal', zip({ '../../etc/passwd': 'x', [PROJECT()]: def })],
    ['traversal inside the path', zip({ 'icspackage/project/../../../x': 'x', [PROJECT()]: def })],
    ['an absolute path', zip({ '/etc/cron.d/x': 'x', [PROJECT()]: def })],
    ['a drive letter', zip({ 'C:/Windows/x': 'x', [PROJECT()]: def })],
    ['backslashes', zip({ 'a\\..\\..\\b': 'x', [PROJECT()]: def })],
    ['a NUL in a name', zip({ 'a\u0000b': 'x', [PROJECT()]: def })],
    ['a 600-character name', zip({ ['n'.repeat(600)]: 'x', [PROJECT()]: def })],
    ['truncated to half', good.subarray(0, Math.floor(good.length / 2))],
    ['truncated by one byte', good.subarray(0, good.length - 1)],
    ['only the end record', good.subarray(good.length - 22)],
    ['zip magic then garbage', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 0xff)])],
    ['plain text named .iar', Buffer.from('definitely not a zip archive')],
    ['a PNG named .iar', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ['two bytes', Buffer.from('PK')],
    ['XML nested 20,000 deep', zip({ [PROJECT()]: deepXml })],
    ['a billion laughs', zip({ [PROJECT()]: xml('<projectCode>&lol3;</projectCode>', laughs) })],
    ['an external entity (XXE)', zip({ [PROJECT()]: xml('<projectCode>&xxe;</projectCode>', xxe) })],
    ['an XXE in a connection descriptor', zip({ [PROJECT()]: def, 'icspackage/appinstances/C.xml': `<?xml version="1.0"?>${xxe}` + conn('<instanceCode>&xxe;</instanceCode>') })],
    ['malformed XML', zip({ [PROJECT()]: '<icsproject><projectCode>EVIL</projectCode>' })],
    ['a project.xml with another root', zip({ [PROJECT()]: '<html><body/></html>' })],
    ['a project.xml that disagrees with its folder', zip({ [PROJECT('OTHER')]: def })],
    ['a malformed properties file', zip({ [PROJECT()]: def, 'icspackage/project/EVIL_01.00.0000/ics_project_attributes.properties': 'project_name=\\uZZZZ\n' })],
    ['properties that disagree with project.xml', zip({ [PROJECT()]: def, 'icspackage/project/EVIL_01.00.0000/ics_project_attributes.properties': 'project_code=GOOD\n' })],
    ['a descriptor without an adapter type', zip({ [PROJECT()]: def, 'icspackage/appinstances/C.xml': conn('<instanceCode>C</instanceCode>') })],
    ['a descriptor named after another connection', zip({ [PROJECT()]: def, 'icspackage/appinstances/C.xml': conn('<instanceCode>D</instanceCode><applicationTypeRef>rest</applicationTypeRef>') })],
    ['a duplicate entry name', zipOf([{ name: PROJECT(), data: Buffer.from(def), method: 0, declaredSize: def.length }, { name: PROJECT(), data: Buffer.from(def), method: 0, declaredSize: def.length }])],
  ];
}

t.test('hostile archives on every multipart operation: 4xx, nothing written, bounded time and memory', async (t) => {
  const { app, call } = await buildTestApp(t, { maxPayload: 4 * 1024 * 1024 });
  const ops = [...loadSpec('oic').operations.values()].filter((o) => o.bodyTypes.some((b) => b.startsWith('multipart/')));
  t.ok(ops.length >= 2, `${ops.length} multipart operations: ${ops.map((o) => o.operationId).join(', ')}`);
  const archives = hostileArchives();
  const watcher = new StateWatcher(app.ctx.db);
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const wrong: string[] = [];
  for (const op of ops) {
    // A lookup upload is CSV text: a text file is a (one-column) lookup there, every binary one is refused.
    const csv = /Lookup/.test(op.operationId);
    for (const [name, data] of archives.filter(([n]) => !csv || !TEXT.has(n))) {
      const body = multipart([{ field: 'file', filename: 'hostile.iar', data }]);
      const started = Date.now();
      const res = await call({ method: op.method as 'POST', url: op.path, payload: body.payload, headers: body.headers });
      const ms = Date.now() - started;
      peak = Math.max(peak, process.memoryUsage().rss);
      const problem = res.statusCode >= 400 && res.statusCode < 500 ? res.json() : null;
      if (!problem || !String(problem['o:errorCode']).startsWith(`OIC-${res.statusCode}`)) wrong.push(`${op.operationId} / ${name}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      if (ms > 5000) wrong.push(`${op.operationId} / ${name}: took ${ms} ms`);
      const changed = watcher.check(true);
      if (changed.length) wrong.push(`${op.operationId} / ${name}: wrote ${changed.join(', ')}`);
    }
  }
  t.same(wrong, [], 'every hostile upload refused cleanly');
  // Inflating any of the bombs would cost 512 MB; what is allowed is the uploads themselves and some garbage.
  t.ok(peak - rss0 < 200 * 1024 * 1024, `memory stayed bounded (rss +${Math.round((peak - rss0) / 1024 / 1024)} MB at most)`);

  // The reasons are named (test/routes/oic/archive.test.ts checks the rest).
  const send = (data: Buffer) => call({ method: 'POST', url: '/ic/api/integration/v1/integrations/archive', ...multipart([{ field: 'file', filename: 'x.iar', data }]) });
  t.match(expectProblem(t, await send(archives[0][1]), 400, 'OIC-400001').detail, /expands to more than 50 MB/);
  t.match(expectProblem(t, await send(archives[1][1]), 400, 'OIC-400001').detail, /not a readable zip archive/);
  t.match(expectProblem(t, await send(archives[5][1]), 400, 'OIC-400001').detail, /more than 1000 entries/);
  const detail = async (name: string) => expectProblem(t, await send(archives.find(([n]) => n === name)![1]), 400, 'OIC-400001').detail;
  t.match(await detail('XML nested 20,000 deep'), /project\.xml' is not (well-formed|readable) XML/);
  t.match(await detail('a billion laughs'), /has a DOCTYPE or entity declaration; archives with DTDs or entities are refused/);
  t.match(await detail('an external entity (XXE)'), /DOCTYPE or entity declaration/);
  t.match(await detail('an XXE in a connection descriptor'), /appinstances\/C\.xml' has a DOCTYPE/);
  t.match(await detail('malformed XML'), /is not well-formed XML/);
  t.match(await detail('a project.xml with another root'), /is not an integration: its root element is 'html', expected icsproject/);
  t.match(await detail('a project.xml that disagrees with its folder'), /Archive folder 'OTHER_01\.00\.0000' does not match the integration inside it \(EVIL_01\.00\.0000\)/);
  t.match(await detail('a malformed properties file'), /not a valid properties file: malformed \\uxxxx escape/);
  t.match(await detail('properties that disagree with project.xml'), /says project_code 'GOOD', but PROJECT-INF\/project\.xml says 'EVIL'/);
  t.match(await detail('a descriptor without an adapter type'), /has no applicationTypeRef/);
  t.match(await detail('a descriptor named after another connection'), /describes connection 'D', but its file name says 'C'/);
  t.match(await detail('a duplicate entry name'), /contains the entry '.*project\.xml' twice/);
  const csv = await call({ method: 'POST', url: '/ic/api/integration/v1/lookups/archive', ...multipart([{ field: 'file', filename: 'Lookup.csv', data: archives[6][1] }]) });
  t.match(expectProblem(t, csv, 400, 'OIC-400001').detail, /not a text CSV file/);
});
