/**
 * JavaScript libraries and certificates (Developer API for Oracle
 * Integration 3, Integrations/Libraries and Certificates), uploaded the way
 * Oracle's curl examples do (-F name=... -F file=@...): import, list, get,
 * export the jar, replace the file, delete; upload, list, get, delete a
 * certificate. Every design-time change is in the audit trail.
 */
import t from 'tap';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expectProblem } from '../../../helpers/app';
import { API, MON, enc, multipart, realApp, type RealTestApp } from '../../../helpers/real-oic';

const LIBS = `${API}/libraries`;
const CERTS = `${API}/certificates`;
const JS = 'function add(a, b) { return a + b; }\n\nfunction greet(name) {\n  return "Hello " + name;\n}\n';
/** A self-signed certificate made for these tests (CN=partner.example.com, serial 1234). */
const PEM = `-----BEGIN CERTIFICATE-----
MIIDVTCCAj2gAwIBAgICEjQwDQYJKoZIhvcNAQELBQAwQzELMAkGA1UEBhMCVVMx
FjAUBgNVBAoMDUVtdWxhdG9yIFRlc3QxHDAaBgNVBAMME3BhcnRuZXIuZXhhbXBs
ZS5jb20wHhcNMjYxMjA2MTcxMjQxWhcNMzYxMjAzMTcxMjQxWjBDMQswCQYDVQQG
EwJVUzEWMBQGA1UECgwNRW11bGF0b3IgVGVzdDEcMBoGA1UEAwwTcGFydG5lci5l
eGFtcGxlLmNvbTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAM9lBcv0
5gADNvEOurDUZHMd1wg6TSvvXTBl/YQmNYMeId80DBoBCEmOLJr075OJrpHdv37Z
1GGOxVCSbRts1tXPGlGU9laefhCyy8GM/ZhQ88kh7DeINlDoEYNOuVOJNuT0J+Qt
B5ppY+ws34lWZa4EBnpTRCcv25NA13mgCEZC8XL0y40IQ4mF0ykySPXKg1EZNqnE
jDIoG150bT4yYHOjMGaDvSZSkR/r2i5OWDQzSZ0LbrOKBUrx1AQgWi3F5EtWDmeu
w+2FPGKpLwRx+Q/+Lxt3WWSlB5sY2I941O+kidmNhKcUrSuSiHCXti6hl2MRs+Z2
HywSSo0FRm2YmWcCAwEAAaNTMFEwHQYDVR0OBBYEFN/VF6a6lqKFcDPMbpguEl+J
XzUGMB8GA1UdIwQYMBaAFN/VF6a6lqKFcDPMbpguEl+JXzUGMA8GA1UdEwEB/wQF
MAMBAf8wDQYJKoZIhvcNAQELBQADggEBAKQDoO/1K01ZKyXOd6QpiGxjMNXZJ06L
C5pfCKfZ5dls9lGdE116mKeD8wPXrzgFfIesUhuT5Xj+LQ6T7NnMRsfH7kpSRGh5
yMO4pTmGQDLANXa8T1W6epe/xAcgM2UcFF+K1ycMuPnZdKEhfHyN6dqLYpYPK9QP
550HbzEsY8/TDmzR+3mJXcnOMFy/lSCHBkHMBWa3IszLwn903iSpAIwpKkF48sdL
oAmAQDWBDHSHkoMz4ocdlQ7pTcdJ6VdWAKDhdPvvoba1Vs/t0OS66F4ULKPe2Tuy
+Zt882rWlJ23kPFFVolTNsGlrcjn4UhwrwIiVi8m45ROgVHRywv51VU=
-----END CERTIFICATE-----
`;

function form(c: RealTestApp, method: 'POST', url: string, fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const body = multipart(file ? [{ field: 'file', name: file.name, content: file.content }] : [], fields);
  return c.call({ method, url, payload: body.payload, headers: body.headers });
}

const libraryFields = (extra: Record<string, string> = {}) => ({ name: 'Math helpers', code: 'JSLIB', version: '01.00.0000', type: 'API', description: 'adds and greets', ...extra });

t.test('libraries: import a .js, list, get, export as a jar, replace, delete', async (t) => {
  const c = await realApp(t);
  const imported = await form(c, 'POST', `${LIBS}/archive?integrationInstance=x`, libraryFields(), { name: 'JSLIB_01.00.0000.js', content: JS });
  t.equal(imported.statusCode, 204);
  t.equal(imported.body, '');
  t.equal(imported.headers.location, `${LIBS}/JSLIB%7C01.00.0000`);

  const lib = await c.ok('GET', `${LIBS}/JSLIB%7C01.00.0000`);
  t.match(lib, {
    id: 'JSLIB|01.00.0000', code: 'JSLIB', version: '01.00.0000', name: 'Math helpers', description: 'adds and greets', type: 'API',
    fileName: 'JSLIB_01.00.0000.js', functions: [{ name: 'add' }, { name: 'greet' }], created: '2025-06-15T10:00:00.000Z',
  });
  const jar = await c.call({ method: 'GET', url: `${LIBS}/JSLIB%7C01.00.0000/archive` });
  t.equal(jar.statusCode, 200);
  t.equal(jar.headers['content-type'], 'application/octet-stream');
  t.equal(jar.headers['content-disposition'], 'attachment; filename="JSLIB_01.00.0000.jar"');
  const entries = unzipSync(jar.rawPayload);
  t.equal(strFromU8(entries['JSLIB_01.00.0000.js']), JS, 'the exported jar holds the bytes imported');

  // A jar upload (as Oracle exports them) is kept as sent.
  const upload = Buffer.from(zipSync({ 'lib/strings.js': strToU8('function upper(s) { return s.toUpperCase(); }') }));
  t.equal((await form(c, 'POST', `${LIBS}/archive`, libraryFields({ code: 'STRLIB', name: 'Strings' }), { name: 'STRLIB.jar', content: upload })).statusCode, 204);
  t.same((await c.call({ method: 'GET', url: `${LIBS}/STRLIB%7C01.00.0000/archive` })).rawPayload, upload);

  const list = await c.ok('GET', LIBS);
  t.same(list.items.map((l: any) => l.id), ['JSLIB|01.00.0000', 'STRLIB|01.00.0000']);
  t.match(list, { totalResults: 2, hasMore: false });
  t.same((await c.ok('GET', `${LIBS}?q=${enc("{name: /^Str/}")}`)).items.map((l: any) => l.code), ['STRLIB']);
  t.same((await c.ok('GET', `${LIBS}?limit=1&offset=1`)).items.map((l: any) => l.code), ['STRLIB']);

  await c.advance(60);
  const replaced = await form(c, 'POST', `${LIBS}/JSLIB%7C01.00.0000/archive`, {}, { name: 'v2.js', content: 'function sub(a, b) { return a - b; }' });
  t.equal(replaced.statusCode, 200);
  t.match(replaced.json(), { id: 'JSLIB|01.00.0000', name: 'Math helpers', fileName: 'v2.js', functions: [{ name: 'sub' }], lastUpdated: '2025-06-15T10:01:00.000Z' });

  t.equal((await c.call({ method: 'DELETE', url: `${LIBS}/JSLIB%7C01.00.0000` })).statusCode, 200);
  expectProblem(t, await c.call({ method: 'GET', url: `${LIBS}/JSLIB%7C01.00.0000` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'DELETE', url: `${LIBS}/JSLIB%7C01.00.0000` }), 404, 'OIC-404001');

  const audit = await c.ok('GET', `${MON}/auditRecords?q=${enc("{type: 'API_LIBRARY'}")}`);
  t.same(audit.items.map((r: any) => `${r.action} ${r.resourceId}`), ['DELETE JSLIB|01.00.0000', 'UPDATE JSLIB|01.00.0000', 'IMPORT STRLIB|01.00.0000', 'IMPORT JSLIB|01.00.0000']);
  t.match(audit.items[3], { code: 'JSLIB', version: '01.00.0000' });
});

t.test('libraries: bad imports are refused and store nothing', async (t) => {
  const c = await realApp(t);
  await form(c, 'POST', `${LIBS}/archive`, libraryFields(), { name: 'a.js', content: JS });
  const snap = c.snapshot();
  const cases: Array<[Record<string, string>, { name: string; content: string | Buffer } | undefined, number, RegExp]> = [
    [libraryFields(), { name: 'a.js', content: JS }, 409, /already exists/],
    [libraryFields({ code: 'js-lib' }), { name: 'a.js', content: JS }, 400, /code/],
    [libraryFields({ version: '1.0' }), { name: 'a.js', content: JS }, 400, /01.00.0000/],
    [libraryFields({ type: 'PREBUILT', code: 'OTHER' }), { name: 'a.js', content: JS }, 400, /type/],
    [{ name: 'x', code: 'OTHER', version: '01.00.0000' }, { name: 'a.js', content: JS }, 400, /'type' is required/],
    [libraryFields({ code: 'OTHER' }), undefined, 400, /No file uploaded/],
    [libraryFields({ code: 'OTHER' }), { name: 'a.js', content: 'var x = 1;' }, 400, /declares no function/],
    [libraryFields({ code: 'OTHER' }), { name: 'a.py', content: 'def f(): pass' }, 400, /JavaScript file/],
    [libraryFields({ code: 'OTHER' }), { name: 'a.jar', content: Buffer.from(zipSync({ 'README.txt': strToU8('hi') })) }, 400, /no .js file/],
    [{ ...libraryFields({ code: 'OTHER' }), colour: 'red' }, { name: 'a.js', content: JS }, 400, /'colour' is not one of/],
  ];
  for (const [fields, file, status, detail] of cases) {
    const res = await form(c, 'POST', `${LIBS}/archive`, fields, file);
    t.match(expectProblem(t, res, status, status === 409 ? 'OIC-409001' : 'OIC-400001').detail, detail);
  }
  t.equal(c.snapshot(), snap, 'nothing written by a refused import');
  expectProblem(t, await c.call({ method: 'POST', url: `${LIBS}/archive`, payload: { name: 'x' } }), 415, 'OIC-415001');
  expectProblem(t, await c.call({ method: 'GET', url: `${LIBS}/NOPE%7C01.00.0000/archive` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'GET', url: `${LIBS}?orderBy=size` }), 400, 'OIC-400001');
});

t.test('certificates: upload an X.509 trust certificate, list, get, delete', async (t) => {
  const c = await realApp(t);
  const up = await form(c, 'POST', `${CERTS}?integrationInstance=x`, { name: 'partner_ca', type: 'X509', category: 'TRUST', description: 'Partner CA' }, { name: 'partner.pem', content: PEM });
  t.equal(up.statusCode, 204);
  t.equal(up.headers.location, `${CERTS}/partner_ca`);
  const cert = await c.ok('GET', `${CERTS}/partner_ca`);
  t.match(cert, { id: 'partner_ca', name: 'partner_ca', type: 'X509', category: 'TRUST', description: 'Partner CA', installedType: 'USER', serialNumber: '1234', created: '2025-06-15T10:00:00.000Z' });
  t.match(cert.subjectDN, /CN=partner.example.com/);
  t.equal(cert.subjectDN, cert.issuerDN, 'self-signed');
  t.ok(Date.parse(cert.expirationDate) > Date.parse(cert.validFrom));

  const pgp = await form(c, 'POST', CERTS, { name: 'pgp_pub', type: 'PGP', category: 'PUBLIC', ascii: 'true' }, { name: 'k.asc', content: '-----BEGIN PGP PUBLIC KEY BLOCK-----\nabc\n-----END PGP PUBLIC KEY BLOCK-----\n' });
  t.equal(pgp.statusCode, 204);
  const keystore = await form(c, 'POST', CERTS, { name: 'client_identity', type: 'X509', category: 'IDENTITY', keystorePassword: 'secret-pass' }, { name: 'id.jks', content: Buffer.from([0xfe, 0xed, 0xfe, 0xed, 1, 2]) });
  t.equal(keystore.statusCode, 204);
  t.notOk(c.snapshot().includes('secret-pass'), 'passwords are never stored');

  const list = await c.ok('GET', CERTS);
  t.same(list.items.map((i: any) => `${i.id} ${i.type} ${i.category}`), ['client_identity X509 IDENTITY', 'partner_ca X509 TRUST', 'pgp_pub PGP PUBLIC']);
  t.same((await c.ok('GET', `${CERTS}?q=${enc("{type: 'PGP'}")}`)).items.map((i: any) => i.id), ['pgp_pub']);

  const snap = c.snapshot();
  const bad: Array<[Record<string, string>, string | undefined, number, RegExp]> = [
    [{ name: 'partner_ca', type: 'X509', category: 'TRUST' }, PEM, 409, /already exists/],
    [{ name: 'other', type: 'X509', category: 'TRUST' }, 'not a certificate', 400, /not an X.509 certificate/],
    [{ name: 'other', type: 'X509', category: 'PUBLIC' }, PEM, 400, /TRUST or IDENTITY/],
    [{ name: 'other', type: 'X509', category: 'IDENTITY' }, 'keystore', 400, /keystorePassword/],
    [{ name: 'other', type: 'SSH', category: 'PUBLIC' }, PEM, 400, /type' must be one of/],
    [{ name: 'bad alias!', type: 'X509', category: 'TRUST' }, PEM, 400, /name/],
    [{ type: 'X509', category: 'TRUST' }, PEM, 400, /'name' is required/],
    [{ name: 'other', type: 'X509', category: 'TRUST' }, undefined, 400, /No file uploaded/],
  ];
  for (const [fields, content, status, detail] of bad) {
    const res = await form(c, 'POST', CERTS, fields, content === undefined ? undefined : { name: 'f.pem', content });
    t.match(expectProblem(t, res, status, status === 409 ? 'OIC-409001' : 'OIC-400001').detail, detail);
  }
  t.equal(c.snapshot(), snap, 'nothing written by a refused upload');

  t.equal((await c.call({ method: 'DELETE', url: `${CERTS}/pgp_pub` })).statusCode, 200);
  expectProblem(t, await c.call({ method: 'GET', url: `${CERTS}/pgp_pub` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'DELETE', url: `${CERTS}/pgp_pub` }), 404, 'OIC-404001');
  const audit = await c.ok('GET', `${MON}/auditRecords?q=${enc("{type: /Certificate/}")}`);
  t.same(audit.items.map((r: any) => `${r.action} ${r.resourceId}`), ['DELETE pgp_pub', 'IMPORT client_identity', 'IMPORT pgp_pub', 'IMPORT partner_ca']);
});
