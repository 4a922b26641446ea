/**
 * apiOfPath: the one classification of paths by API, and what follows from
 * it: the error format of unknown paths, fault rules per API, and which
 * per-API reset clears a fault rule (apiOfRule).
 */
import t from 'tap';
import { apiOfPath, isOciApi } from '../../src/core/api-of-path';
import { apiOfRule, type FaultRule } from '../../src/control/faults';
import { buildTestApp } from '../helpers/app';

t.test('each path belongs to one API', async (t) => {
  const cases: Array<[string, ReturnType<typeof apiOfPath>]> = [
    ['/ic/api/integration/v1/integrations', 'oic'],
    ['/ic/api', 'oic'],
    ['/ic/**', 'oic'],
    ['/icx/api', 'other'],
    ['/20200430/workspaces', 'dis'],
    ['/20200430', 'dis'],
    ['/202004301', 'other'],
    ['/20190131/integrationInstances', 'integration'],
    ['/oauth2/v1/token', 'idcs'],
    ['/oauth2', 'idcs'],
    ['/admin/v1/SigningCert/jwk', 'idcs'],
    ['/.well-known/openid-configuration', 'idcs'],
    ['/_emulator/health', 'other'],
    ['/docs', 'other'],
    ['/', 'other'],
  ];
  for (const [path, api] of cases) t.equal(apiOfPath(path), api, path);
  t.same(['oic', 'dis', 'integration', 'idcs', 'other'].filter((a) => isOciApi(a as never)), ['dis', 'integration']);
});

t.test('a reset of one API clears the fault rules of its paths; the token endpoint goes with OIC', async (t) => {
  const rule = (r: Partial<FaultRule>) => ({ id: 'f', kind: 'error', active: true, ...r }) as FaultRule;
  t.equal(apiOfRule(rule({ path: '/oauth2/v1/token' })), 'oic');
  t.equal(apiOfRule(rule({ path: '/admin/v1/**' })), 'oic');
  t.equal(apiOfRule(rule({ api: 'idcs' })), 'oic');
  t.equal(apiOfRule(rule({ path: '/ic/api/**' })), 'oic');
  t.equal(apiOfRule(rule({ path: '/20200430/**' })), 'dis');
  t.equal(apiOfRule(rule({ api: 'dis', path: '/**' })), 'dis', 'the api field wins over the path');
  t.equal(apiOfRule(rule({ path: '/20190131/**' })), null, 'the control plane: only a full reset');
  t.equal(apiOfRule(rule({ api: 'integration' })), null);
  t.equal(apiOfRule(rule({})), null, 'a rule on every path spans APIs');
  t.equal(apiOfRule(rule({ kind: 'taskRunError' })), 'dis');
  t.equal(apiOfRule(rule({ kind: 'connectionTest' })), 'oic');
});

t.test('unknown paths and faults answer in the format of the path\'s API', async (t) => {
  const { app } = await buildTestApp(t);
  const oauth = await app.inject({ method: 'GET', url: '/oauth2/v1/nothing' });
  t.equal(oauth.statusCode, 404);
  t.same(oauth.json(), { error: 'invalid_request', error_description: 'No operation matches GET /oauth2/v1/nothing' });
  const dis = await app.inject({ method: 'GET', url: '/20200430/nothing' });
  t.same(dis.json(), { code: 'NotFound', message: 'No operation matches GET /20200430/nothing' });
  t.ok(dis.headers['opc-request-id'], 'OCI errors carry opc-request-id');
  const control = await app.inject({ method: 'GET', url: '/20190131/nothing' });
  t.same(control.json(), { code: 'NotFound', message: 'No operation matches GET /20190131/nothing' });
  const oic = await app.inject({ method: 'GET', url: '/ic/api/nothing' });
  t.equal(oic.json()['o:errorCode'], 'OIC-404001');

  // A fault rule on the IDCS paths answers as OAuth too, and is cleared by a reset of OIC.
  const add = await app.inject({ method: 'POST', url: '/_emulator/faults', payload: { kind: 'error', path: '/admin/v1/**', status: 503 } });
  t.equal(add.statusCode, 201, add.body);
  const faulted = await app.inject({ method: 'GET', url: '/admin/v1/SigningCert/jwk' });
  t.equal(faulted.statusCode, 503);
  t.equal(faulted.json().error, 'temporarily_unavailable');
  t.match(faulted.json().error_description, /injected by emulator fault/);
  const reset = await app.inject({ method: 'POST', url: '/_emulator/reset?api=oic' });
  t.equal(reset.statusCode, 200, reset.body);
  t.equal(reset.json().faultsCleared, 1);
  t.equal((await app.inject({ method: 'GET', url: '/admin/v1/SigningCert/jwk' })).statusCode, 200, 'the rule is gone');
});
