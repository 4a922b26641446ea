/**
 * The archive benchmark's code path with tiny counts (bench/scenarios/archives.ts),
 * so `npm run bench:archives` cannot rot unnoticed. It checks that every
 * figure is measured and the archives are the advertised size, never how
 * fast anything is: figures come from `npm run bench:archives`.
 */
import t from 'tap';
import { runArchiveBench } from '../../bench/scenarios/archives';

t.test('every figure measured', async (t) => {
  const r = await runArchiveBench({ runs: 2, bigMb: 1 });
  t.ok(r.iarBytes > 200 * 1024 && r.iarBytes < 300 * 1024, `the .iar is about 250 KB (${r.iarBytes} bytes)`);
  t.equal(r.iarEntries, 250, '250 entries');
  t.ok(r.importIarP50 > 0 && r.exportIarP50 > 0 && r.importCarP50 > 0, 'import, export and .car import timed');
  t.ok(r.bigBytes > 1024 * 1024, 'the large archive is built');
  t.ok(r.peakRssMb >= r.baseRssMb && r.baseRssMb > 0, 'RSS read');
});
