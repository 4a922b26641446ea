/**
 * The logger (src/control/logger.ts): pretty lines in a terminal or when
 * asked, JSON otherwise.
 */
import t from 'tap';
import { PassThrough } from 'node:stream';
import { createLogger, wantsPretty } from '../../src/control/logger';

t.test('logs: pretty in a terminal (or when asked), JSON otherwise', async (t) => {
  t.equal(wantsPretty({ logFormat: 'auto' }, true), true);
  t.equal(wantsPretty({ logFormat: 'auto' }, false), false);
  t.equal(wantsPretty({ logFormat: 'pretty' }, false), true);
  t.equal(wantsPretty({ logFormat: 'json' }, true), false);
  const capture = (format: 'pretty' | 'json') => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let out = '';
    (stream as unknown as PassThrough).on('data', (d) => (out += d));
    const log = createLogger({ logFormat: format, logLevel: 'info' }, stream);
    return { log, out: () => out };
  };
  const json = capture('json');
  // pino's default destination is stdout; the JSON logger is checked by shape instead.
  t.type(json.log.info, 'function');
  const pretty = capture('pretty');
  pretty.log.info({ method: 'GET', url: '/ic/api/x', status: 200, ms: 1.5, caller: 'me' }, 'request');
  pretty.log.info({ other: 1 }, 'something else');
  await new Promise((r) => setImmediate(r));
  t.match(pretty.out(), /INFO: GET \/ic\/api\/x 200 1\.5ms \(me\)/, 'one access-log style line per request');
  t.match(pretty.out(), /INFO: something else/);
});
