import t from 'tap';
import { buildTestApp } from '../../helpers/app';

t.test('health answers', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/_emulator/health' });
  t.equal(res.statusCode, 200);
  t.equal(res.json().status, 'UP');
});
