import t from 'tap';
import { globPattern, regexPattern, pathForms } from '../../src/control/patterns';
import { maskValue, maskForm, maskHeader, maskLooseText, isSecretKey } from '../../src/control/mask';
import { RequestJournal, type JournalEntry } from '../../src/control/journal';

t.test('globs: * within a segment, ** across, literal otherwise', async (t) => {
  const g = globPattern('/ic/api/integration/v1/integrations/*');
  t.ok(g.test('/ic/api/integration/v1/integrations/A|1'));
  t.ok(g.test('/ic/api/integration/v1/integrations/A|1/'), 'trailing slash');
  t.notOk(g.test('/ic/api/integration/v1/integrations/A/activate'));
  t.notOk(g.test('/ic/api/integration/v1/integrations'));
  const all = globPattern('/20200430/**');
  t.ok(all.test('/20200430'));
  t.ok(all.test('/20200430/workspaces/x/taskRuns'));
  t.notOk(all.test('/202004301'));
  t.ok(globPattern('/a/**/c').test('/a/b/x/c'));
  t.ok(globPattern('/a.b').test('/a.b'));
  t.notOk(globPattern('/a.b').test('/axb'), 'dots are literal');
  t.ok(globPattern('/x/pre*').test('/x/prefix'));
  for (const bad of ['', 'x', '/a/***', '/a?b', '/a b', '/a#b']) t.throws(() => globPattern(bad), /pattern/, JSON.stringify(bad));
  t.ok(regexPattern('^/a/\\d+$').test('/a/12'));
  t.throws(() => regexPattern('('), /not a valid regular expression/);
  t.throws(() => regexPattern(''), /must not be empty/);
  t.same(pathForms('/a/X%7C1?x=1'), ['/a/X%7C1', '/a/X|1']);
  t.same(pathForms('/a/%E0%A4%A'), ['/a/%E0%A4%A'], 'undecodable paths kept raw');
});

t.test('masking', async (t) => {
  for (const k of ['password', 'client_secret', 'clientSecret', 'access_token', 'refresh_token', 'Authorization', 'apiKey', 'api-key', 'privateKey', 'passphrase', 'credentials', 'x-api-key']) t.ok(isSecretKey(k), k);
  for (const k of ['name', 'username', 'host', 'tokenTtl', 'keyId', 'description', 'scope']) t.notOk(isSecretKey(k), k);
  t.same(maskValue({ a: [{ password: 'x' }, { password: '' }], b: null, password: null }), { a: [{ password: '***' }, { password: '' }], b: null, password: null }, 'empty values stay visible');
  t.same(maskValue({ name: 'client_secret', value: 'v' }), { name: 'client_secret', value: '***' });
  t.same(maskValue({ name: 'batchSize', value: '1000' }), { name: 'batchSize', value: '1000' });
  t.equal(maskForm('client_id=a&client_secret=b%20c&scope=x'), 'client_id=a&client_secret=***&scope=x');
  t.equal(maskHeader('authorization', 'Signature keyId="a",signature="b"'), 'Signature ***');
  t.equal(maskHeader('x-api-key', 'abc'), '***');
  t.equal(maskHeader('content-type', 'application/json'), 'application/json');
  t.equal(maskLooseText('{"password":"a\\"b","user":"u"'), '{"password":"***","user":"u"');
});

t.test('journal ring buffer order and wrap-around', async (t) => {
  const j = new RequestJournal(4);
  const entry = (seq: number): JournalEntry => ({ seq, time: '', clockTime: '', method: 'GET', path: `/p/${seq}`, query: {}, status: 200, durationMs: 0, api: 'other', caller: null, requestId: String(seq), headers: {}, contentType: null, bodyBytes: 0, body: null, bodyTruncated: false, errorCode: null });
  // Recorded out of arrival order (a slow request finishes last).
  for (const s of [1, 3, 2, 4, 5, 7, 6]) j.record(entry(s));
  t.same(j.list().map((e) => e.seq), [7, 6, 5, 4], 'last 4 recorded, newest arrival first');
  t.equal(j.size, 4);
  t.same(j.list({ limit: 1 }).map((e) => e.seq), [7]);
  t.equal(j.clear(), 4);
  t.same(j.list(), []);
  const off = new RequestJournal(0);
  off.record(entry(1));
  t.same(off.list(), []);
  t.equal(off.enabled, false);
});
