import t from 'tap';
import crypto from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import { buildTestApp, expectProblem, basic, userBasic, tokenFor } from '../helpers/app';
import { Clock } from '../../src/core/clock';
import { ISSUER, realPublicPem, sign } from './forge';

const LIST = '/ic/api/integration/v1/integrations';
const otherKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;


t.test('a valid token and a declared Basic user are accepted', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: LIST, headers: { authorization: auth } });
  t.equal(res.statusCode, 200);
  const viaBasic = await app.inject({ method: 'GET', url: LIST, headers: { authorization: userBasic() } });
  t.equal(viaBasic.statusCode, 200);
  const selfSigned = await app.inject({ method: 'GET', url: LIST, headers: { authorization: `Bearer ${await sign({})}` } });
  t.equal(selfSigned.statusCode, 200, 'a token signed with the emulator key and right claims is valid');
});

t.test('missing, forged and expired credentials: 401 OIC-401001 saying why', async (t) => {
  const { app } = await buildTestApp(t);
  const now = Math.floor(Date.now() / 1000);
  const good = await tokenFor(app);
  const [h, p, s] = good.split('.');
  const tampered = `${h}.${base64url.encode(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'admin' }))}.${s}`;
  const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.`;
  const publicPem = realPublicPem;
  const hs256 = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(publicPem));
  const cases: Array<[string, string | undefined, RegExp]> = [
    ['no Authorization', undefined, /missing/],
    ['garbage bearer', 'Bearer not-a-jwt', /malformed/],
    ['unknown scheme', 'Token abc', /Unsupported authorization scheme/],
    ['expired', `Bearer ${await sign({}, { iat: now - 7200, nbf: now - 7200, exp: now - 3600 })}`, /expired/],
    ['not yet valid', `Bearer ${await sign({}, { nbf: now + 3600, exp: now + 7200 })}`, /not valid yet/],
    ['wrong issuer', `Bearer ${await sign({}, { iss: 'https://evil.example.com/' })}`, /issuer/],
    ['tampered payload', `Bearer ${tampered}`, /signature/],
    ['alg none', `Bearer ${none}`, /algorithm|malformed/],
    ['HS256 with the public key as secret', `Bearer ${hs256}`, /algorithm/],
    ['signed by another key', `Bearer ${await sign({}, { key: otherKey })}`, /signature/],
    ['Basic with a wrong password', basic('user@example.com', 'wrong'), /Invalid password/],
    ['Basic for an unknown user', basic('nobody@example.com', 'x'), /Unknown user/],
    ['Basic malformed', 'Basic !!!', /malformed/],
  ];
  for (const [name, authorization, detail] of cases) {
    const res = await app.inject({ method: 'GET', url: LIST, headers: authorization ? { authorization } : {} });
    const body = expectProblem(t, res, 401, 'OIC-401001');
    t.match(body.detail, detail, `${name}: detail says why`);
    t.match(res.headers['www-authenticate'], /Bearer/, `${name}: WWW-Authenticate`);
  }
});

t.test('a rejected write stores nothing', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const res = await app.inject({ method: 'POST', url: LIST, headers: { authorization: 'Bearer nope' }, payload: { name: 'X', identifier: 'X', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION', style: 'SCHEDULED' } });
  expectProblem(t, res, 401, 'OIC-401001');
  const list = await app.inject({ method: 'GET', url: LIST, headers: { authorization: auth } });
  t.equal(list.json().totalResults, 0);
});

t.test('token lifetimes follow real time, not the simulated clock', async (t) => {
  const clock = new Clock();
  const { app, auth } = await buildTestApp(t, {}, clock);
  clock.advance(48 * 3600_000);
  const res = await app.inject({ method: 'GET', url: LIST, headers: { authorization: auth } });
  t.equal(res.statusCode, 200);
});
