/**
 * The dashboard: its files and JSON through inject(), then the real page in
 * headless Chromium (Debian's chromium package, driven by playwright-core):
 * it loads, shows the demo fixtures, draws the chart, and advancing the clock
 * adds executions. Skipped, saying why, only when no Chromium is installed.
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp, expectProblem } from '../helpers/app';
import { startEmulator } from '../../src/index';
import { Clock } from '../../src/core/clock';

const DEMO = path.resolve(__dirname, '../../fixtures/demo');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Browser globals inside page.evaluate() callbacks (this project compiles without the DOM library).
declare const document: any;
declare const window: any;
type HTMLCanvasElement = any;
type HTMLButtonElement = any;

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

t.test('the page, its assets and its JSON', async (t) => {
  const { app } = await buildTestApp(t, { fixtures: DEMO });
  const page = await app.inject({ method: 'GET', url: '/_emulator/ui' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  t.match(page.body, /<canvas id="metrics-chart"/);
  t.notMatch(page.body, /https?:\/\/(?!127\.0\.0\.1)/, 'no external URLs: works offline');
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/ui/' })).statusCode, 200, 'trailing slash');
  for (const [file, type] of [['app.js', /javascript/], ['style.css', /text\/css/], ['chart.umd.min.js', /javascript/]] as const) {
    const res = await app.inject({ method: 'GET', url: `/_emulator/ui/${file}` });
    t.equal(res.statusCode, 200, file);
    t.match(res.headers['content-type'], type);
  }
  t.match((await app.inject({ method: 'GET', url: '/_emulator/ui/chart.umd.min.js' })).body, /Chart/, 'Chart.js from node_modules');
  expectProblem(t, await app.inject({ method: 'GET', url: '/_emulator/ui/secrets.json' }), 404, 'OIC-404001');
  expectProblem(t, await app.inject({ method: 'GET', url: '/_emulator/ui/..%2F..%2Fpackage.json' }), 404, 'OIC-404001');
  for (const name of ['__proto__', 'constructor', 'toString']) {
    expectProblem(t, await app.inject({ method: 'GET', url: `/_emulator/ui/${name}` }), 404, 'OIC-404001');
  }

  const o = (await app.inject({ method: 'GET', url: '/_emulator/ui/api/overview' })).json();
  t.match(o, { clock: { mode: 'real' }, oic: { runtime: true }, control: { faults: 0 } });
  t.same(o.oic.projects.map((p: any) => p.id), ['CUSTOMER_PROJECT']);
  const sync = o.oic.integrations.find((i: any) => i.id === 'CUSTOMER_DATA_SYNC|01.00.0000');
  t.match(sync, { status: 'ACTIVE', executions: 168, schedule: { frequency: 'HOURLY', status: 'ACTIVE', nextRunTime: String } });
  t.equal(o.oic.executions.length, 20, 'the latest executions');
  t.match(o.dis.workspaces, [{ displayName: 'demo-workspace', lifecycleState: 'ACTIVE', applications: [{ name: 'Customer Application', published: 1 }] }]);
  t.same(o.dis.workspaces[0].taskRuns.map((r: any) => r.name).sort(), ['Load customers (catch-up)', 'Load customers (nightly)'], 'the demo task runs');

  const exec = o.oic.executions[0].id;
  const detail = (await app.inject({ method: 'GET', url: `/_emulator/ui/api/executions/${exec}` })).json();
  t.match(detail, { execution: { id: exec }, activities: { activities: Array }, errors: { errors: Array } });
  expectProblem(t, await app.inject({ method: 'GET', url: '/_emulator/ui/api/executions/nope' }), 404, 'OIC-404001');
  const metrics = (await app.inject({ method: 'GET', url: '/_emulator/ui/api/metrics/CUSTOMER_DATA_SYNC%7C01.00.0000?period=24h' })).json();
  t.equal(metrics.metrics.timeSeries.length, 24);
  t.match(expectProblem(t, await app.inject({ method: 'GET', url: '/_emulator/ui/api/metrics/CUSTOMER_DATA_SYNC%7C01.00.0000?period=2y' }), 400, 'OIC-400001').detail, /period must be one of 1h, 6h, 24h, 7d, 30d/);
  expectProblem(t, await app.inject({ method: 'GET', url: '/_emulator/ui/api/metrics/NOPE?period=24h' }), 404, 'OIC-404001');
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/requests' })).json().size, 1, 'dashboard reads are not journaled (only the test token request is)');
});

/** Where the browser test leaves its screenshots (for a look after a failure). */
const SHOTS = path.join(os.tmpdir(), 'oie-dashboard-shots');

// Skipped only when there is truly no browser; a browser that fails to start fails the test.
const noChromium = fs.existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`;

t.test('in headless Chromium: demo data, the chart, advancing the clock, reset', { skip: noChromium }, async (t) => {
  const { chromium } = await import('playwright-core');
  const clock = new Clock();
  clock.setManual(Date.parse('2025-06-16T09:30:00Z'));
  const emulator = await startEmulator({ fixtures: DEMO, clock });
  t.teardown(() => emulator.close());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.accept(); });
  await page.goto(`${emulator.url}/_emulator/ui`);
  const refreshes = () => page.evaluate(() => Number(document.body.dataset.refreshes ?? 0));
  await page.waitForFunction(() => Number(document.body.dataset.refreshes ?? 0) >= 1, undefined, { timeout: 30_000 });

  t.equal(await page.textContent('#clock-now'), '2025-06-16 09:30:00Z', 'the emulator clock');
  t.match(await page.textContent('#projects'), /Customer Integration Project/);
  const integrations = await page.textContent('#integrations tbody');
  t.match(integrations, /Customer Data Sync/);
  t.match(integrations, /CUSTOMER_ORDER_INT\|01\.00\.0000/);
  t.match(integrations, /HOURLY/);
  t.equal(await page.locator('#executions tbody tr').count(), 20, 'latest executions listed');
  t.match(await page.textContent('#workspaces'), /demo-workspace[\s\S]*ACTIVE[\s\S]*Customer Application \(1 published\)[\s\S]*Load customers \(nightly\)/);

  // The chart: Chart.js loaded from the emulator, drawn with the busiest integration's last 24 h.
  t.ok(await page.evaluate(() => typeof (window as any).Chart === 'function'), 'Chart.js loaded');
  const chart = await page.evaluate(() => {
    const canvas = document.querySelector('#metrics-chart') as HTMLCanvasElement;
    const c = (window as any).Chart.getChart(canvas);
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
    return { points: Number(canvas.dataset.points), executions: Number(canvas.dataset.executions), datasets: c?.data.datasets.length, width: canvas.width, painted };
  });
  t.equal(chart.points, 24, 'one bar per hour');
  t.equal(chart.datasets, 2, 'successful and failed');
  t.ok(chart.executions > 0, `history in the chart (${chart.executions} executions)`);
  t.ok(chart.width > 0 && chart.painted > 1000, `the canvas is drawn on (${chart.painted} painted pixels)`);

  // Advancing the clock a day fires the hourly schedules: more executions.
  const runsOf = async (id: string) => Number(await page.textContent(`#integrations tr[data-id="${id}"] td.runs`));
  const before = await runsOf('CUSTOMER_DATA_SYNC|01.00.0000');
  let seen = await refreshes();
  await page.click('#advance-day');
  await page.waitForFunction((n) => Number(document.body.dataset.refreshes) > n && !(document.querySelector('#advance-day') as HTMLButtonElement).disabled, seen, { timeout: 30_000 });
  t.equal(await page.textContent('#clock-now'), '2025-06-17 09:30:00Z');
  t.equal(await runsOf('CUSTOMER_DATA_SYNC|01.00.0000'), before + 24, 'a day of hourly runs');
  seen = await refreshes();
  await page.click('#advance-hour');
  await page.waitForFunction((n) => Number(document.body.dataset.refreshes) > n && !(document.querySelector('#advance-hour') as HTMLButtonElement).disabled, seen, { timeout: 30_000 });
  t.equal(await runsOf('CUSTOMER_DATA_SYNC|01.00.0000'), before + 25, 'and one more after an hour');

  // Connections, lookups and schedules panels, drawn (element screenshots with content).
  t.match(await page.textContent('#connections tbody'), /Salesforce|Oracle|REST|rest/i);
  t.ok(await page.locator('#connections tbody tr').count() >= 2, 'connections listed');
  t.ok(await page.locator('#lookups li').count() >= 1, 'lookups listed');
  t.match(await page.textContent('#schedules tbody'), /Customer Data Sync[\s\S]*HOURLY/);
  for (const sel of ['#connections', '#lookups', '#schedules']) {
    const shot = await page.locator(sel).screenshot();
    t.ok(shot.length > 1500, `${sel} drawn (${shot.length} bytes of PNG)`);
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(path.join(SHOTS, `${sel.slice(1)}.png`), shot);
  }
  t.equal(await page.isHidden('#empty-hint'), true, 'no empty-state hint with data');
  t.ok(requests.some((u) => u.endsWith('/_emulator/ui/favicon.svg')), 'the favicon is loaded');

  // Executions: one integration, paged, filtered by status.
  await page.selectOption('#exec-integration', 'CUSTOMER_DATA_SYNC|01.00.0000');
  await page.waitForFunction(() => /of \d+/.test(document.querySelector('#exec-range')!.textContent ?? ''), undefined, { timeout: 30_000 });
  const range1 = await page.textContent('#exec-range');
  t.match(range1, /^1–20 of \d+$/);
  await page.click('#exec-next');
  await page.waitForFunction(() => /^21–/.test(document.querySelector('#exec-range')!.textContent ?? ''), undefined, { timeout: 30_000 });
  t.equal(await page.locator('#executions tbody tr').count(), 20, 'the second page');
  await page.selectOption('#exec-status', 'FAILED');
  await page.waitForFunction(() => /^(1–\d+|0) of \d+$/.test(document.querySelector('#exec-range')!.textContent ?? ''), undefined, { timeout: 30_000 });
  const failed = await page.$$eval('#executions tbody tr td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
  t.ok(failed.length > 0 && failed.every((x) => x === 'FAILED'), `only failed runs (${failed.length})`);
  await page.selectOption('#exec-status', '');
  await page.selectOption('#exec-integration', '');
  await page.waitForFunction(() => /^latest/.test(document.querySelector('#exec-range')!.textContent ?? ''), undefined, { timeout: 30_000 });

  // The chart's time range: a week of hourly bars... as the metrics API buckets it.
  await page.selectOption('#chart-period', '7d');
  await page.waitForFunction(() => (document.querySelector('#metrics-chart') as HTMLCanvasElement).dataset.period === '7d', undefined, { timeout: 30_000 });
  const week = await page.evaluate(() => ({ points: Number((document.querySelector('#metrics-chart') as HTMLCanvasElement).dataset.points), label: (window as any).Chart.getChart(document.querySelector('#metrics-chart')).data.labels[0] }));
  t.ok(week.points >= 7, `a week of buckets (${week.points})`);
  t.match(week.label, /^\d\d-\d\d \d\d:\d\d$/, 'labels carry the date over more than a day');

  // A DIS task run's logs (the nightly task schedule fired during the day).
  const taskRun = page.locator('#workspaces table.task-runs tbody tr[data-key]').first();
  if (await taskRun.count()) {
    await taskRun.click();
    await page.waitForSelector('#task-run-logs pre.logs', { timeout: 30_000 });
    t.ok((await page.textContent('#task-run-logs pre.logs'))!.length > 0, 'task run logs shown');
  } else t.fail('no DIS task run to show the logs of');

  // An execution's activity stream.
  await page.click('#executions tbody tr:first-child');
  await page.waitForSelector('#execution-detail ol.activities li', { timeout: 30_000 });
  t.ok(await page.locator('#execution-detail ol.activities li').count() > 0, 'activity stream shown');

  // Reset: back to the fixtures.
  seen = await refreshes();
  await page.click('#reset');
  await page.waitForFunction((n) => Number(document.body.dataset.refreshes) > n && !(document.querySelector('#reset') as HTMLButtonElement).disabled, seen, { timeout: 30_000 });
  t.match(await page.textContent('#status'), /Reset: done/);
  t.equal(dialogs.length, 1, 'reset asked for confirmation');
  t.match(dialogs[0], /^Reset the emulator to its start-up state\?/);
  t.equal(await runsOf('CUSTOMER_DATA_SYNC|01.00.0000'), 168, 'fixture history only');

  // Real time: the frozen clock follows the wall clock again.
  t.equal(await page.textContent('#clock-mode'), 'frozen clock');
  seen = await refreshes();
  await page.click('#real-time');
  await page.waitForFunction((n) => Number(document.body.dataset.refreshes) > n && !(document.querySelector('#real-time') as HTMLButtonElement).disabled, seen, { timeout: 30_000 });
  t.equal(await page.textContent('#clock-mode'), 'real-time clock');
  t.match(await page.textContent('#status'), /Back to real time: done/);

  // A narrow window: nothing cut off sideways.
  await page.setViewportSize({ width: 380, height: 800 });
  await page.waitForTimeout(200);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  t.ok(widths.scroll <= widths.view, `no horizontal overflow at 380 px (${widths.scroll} <= ${widths.view})`);
  fs.writeFileSync(path.join(SHOTS, 'narrow.png'), await page.screenshot({ fullPage: true }));

  t.same(pageErrors, [], 'no script errors');
  t.same(requests.filter((u) => !u.startsWith(emulator.url)), [], 'no request leaves the emulator');
});

t.test('in headless Chromium: an empty emulator shows the empty-state hint', { skip: noChromium }, async (t) => {
  const { chromium } = await import('playwright-core');
  const emulator = await startEmulator();
  t.teardown(() => emulator.close());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${emulator.url}/_emulator/ui`);
  await page.waitForFunction(() => Number(document.body.dataset.refreshes ?? 0) >= 1, undefined, { timeout: 30_000 });
  t.equal(await page.isVisible('#empty-hint'), true);
  t.match(await page.textContent('#empty-hint'), /Nothing here yet[\s\S]*--fixtures fixtures\/demo/);
  t.equal(await page.textContent('#connections tbody'), 'No connections');
  t.equal(await page.textContent('#schedules tbody'), 'No schedules');
});
