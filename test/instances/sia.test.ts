/**
 * Service instances: attachments and archive jobs belong to the instance a
 * request names; an archive exported by one instance imports into another
 * of the same emulator.
 */
import t from 'tap';
import { expectOicError as expectProblem } from '../helpers/real-oic';
import { API, multipart, realApp } from '../helpers/real-oic';

const COMMON = '/ic/api/common/v1';
const A = 'integrationInstance=team-a';
const B = 'integrationInstance=team-b';

t.test('one instance exports, another imports; jobs and attachments do not leak', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', `${API}/connections?${A}`, { name: 'Files', identifier: 'FILES', adapterType: 'rest', connectionProperties: { baseUrl: 'https://files.example.com' } });
  t.equal((await c.call({ method: 'POST', url: `${API}/connections/FILES/attachments/spec?${A}`, ...multipart([{ field: 'file', name: 'openapi.json', content: '{"openapi":"3.0.0"}' }]) })).statusCode, 200);
  await c.ok('POST', `${API}/lookups?${A}`, { name: 'Codes', identifier: 'CODES', columns: [{ name: 'k', type: 'STRING' }], data: [{ k: 'a' }] });
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/connections/FILES/attachments/spec?${B}` }), 404, 'OIC-404001');

  const exp = await c.ok('POST', `${COMMON}/exportServiceInstanceArchive?${A}`, { jobName: 'team_a_export' });
  expectProblem(t, await c.call({ method: 'GET', url: `${COMMON}/exportServiceInstanceArchive/${exp.jobId}?${B}` }), 404, 'OIC-404001');
  await c.advance(3);
  t.equal((await c.ok('GET', `${COMMON}/exportServiceInstanceArchive/${exp.jobId}?${A}`)).status, 'COMPLETED');

  const imp = await c.ok('POST', `${COMMON}/importServiceInstanceArchive?${B}`, { archiveFile: 'team_a_export', jobName: 'from team a' });
  t.equal(imp.status, 'NOT_STARTED');
  await c.advance(3);
  const done = await c.ok('GET', `${COMMON}/importServiceInstanceArchive/${imp.jobId}?${B}`);
  t.match(done, { status: 'COMPLETED', summary: { connections: 1, lookups: 1, attachments: 1 } });
  t.equal((await c.ok('GET', `${API}/lookups/CODES?${B}`)).displayName, 'Codes');
  t.equal((await c.call({ method: 'GET', url: `${API}/connections/FILES/attachments/spec?${B}` })).body, '{"openapi":"3.0.0"}');
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/lookups/CODES` }), 404, 'OIC-404001');
  t.equal((await c.ok('GET', `${API}/connections?${B}`)).items.length, 1);
});
