/*
 * The emulator dashboard: reads /_emulator/ui/api/* (the same store and
 * runtime functions the OIC and DIS APIs use) every few seconds and after
 * each action; the buttons call the control plane (/_emulator/reset,
 * /_emulator/clock/advance). Plain DOM, no framework; Chart.js for the chart.
 */
'use strict';

const REFRESH_MS = 5000;
const state = { overview: null, instance: '', selectedIntegration: null, selectedExecution: null, chart: null, refreshes: 0 };
// Read by the end-to-end test (and handy in the browser console).
window.dashboard = state;

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : String(c));
  return node;
}

const badge = (status) => el('span', { class: `badge s-${status}` }, status ?? '—');

function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The chosen OIC service instance as a query parameter (nothing for the default one). */
function withInstance(path) {
  return state.instance ? `${path}${path.includes('?') ? '&' : '?'}instance=${encodeURIComponent(state.instance)}` : path;
}

async function api(path, options) {
  const res = await fetch(path.startsWith('/_emulator/ui/api/') ? withInstance(path) : path, { headers: { accept: 'application/json' }, ...options });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(body?.detail ?? body?.message ?? `${res.status} ${path}`);
  return body;
}

function setStatus(text) {
  $('#status').textContent = text;
}

// ---------------------------------------------------------------- rendering

function renderInstances(instances, current) {
  const select = $('#instance');
  const names = instances.map((i) => i.name);
  if (select.dataset.names !== names.join('\n')) {
    select.replaceChildren(...instances.map((i) => el('option', { value: i.name }, i.state && i.state !== 'ACTIVE' ? `${i.name} (${i.state})` : i.name)));
    select.dataset.names = names.join('\n');
  }
  select.value = current;
}

function renderClock(clock) {
  $('#clock-mode').textContent = clock.mode === 'manual' ? 'frozen clock' : 'real-time clock';
  $('#clock-now').textContent = when(clock.now);
  $('#clock-now').dateTime = clock.now;
}

function renderProjects(projects) {
  $('#projects').replaceChildren(...(projects.length ? projects.map((p) => el('li', { 'data-id': p.id }, p.name ?? p.id)) : [el('li', { class: 'muted' }, 'none')]));
}

function renderIntegrations(integrations) {
  const rows = integrations.map((i) => {
    const s = i.schedule;
    const tr = el('tr', { 'data-id': i.id, class: i.id === state.selectedIntegration ? 'selected' : null, onclick: () => selectIntegration(i.id) },
      el('td', {}, el('strong', {}, i.name), el('div', { class: 'muted' }, i.id)),
      el('td', {}, badge(i.status)),
      el('td', {}, s ? [s.frequency ?? '', ' ', badge(s.status)] : el('span', { class: 'muted' }, 'none')),
      el('td', {}, s?.nextRunTime ? when(s.nextRunTime) : '—'),
      el('td', { class: 'runs' }, String(i.executions ?? 0)));
    return tr;
  });
  $('#integrations tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No integrations'))]));
}

function renderExecutions(executions, hasRuntime) {
  $('#runtime-missing').hidden = hasRuntime;
  const rows = executions.map((e) => el('tr', { 'data-id': e.id, class: e.id === state.selectedExecution ? 'selected' : null, onclick: () => selectExecution(e.id) },
    el('td', {}, when(e.startTime)),
    el('td', {}, e.integrationName ?? e.integrationId),
    el('td', {}, badge(e.status)),
    el('td', {}, duration(e.duration)),
    el('td', {}, String(e.attempts ?? 1)),
    el('td', {}, e.source ?? '')));
  $('#executions tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No executions yet'))]));
}

function renderWorkspaces(workspaces) {
  const cards = workspaces.map((w) => el('div', { class: 'card workspace', 'data-id': w.id },
    el('h3', {}, w.displayName, ' ', badge(w.lifecycleState)),
    el('div', { class: 'muted' }, w.id),
    el('p', {}, `${w.applications.length} application(s): `, w.applications.map((a) => `${a.name} (${a.published} published)`).join(', ') || '—'),
    el('table', { class: 'task-runs' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Task run'), el('th', {}, 'Status'), el('th', {}, 'Application'), el('th', {}, 'Created'))),
      el('tbody', {}, w.taskRuns.length
        ? w.taskRuns.map((r) => el('tr', { title: r.errorMessage ?? 'show the logs', 'data-key': r.key, onclick: () => showTaskRunLogs(w.id, r) }, el('td', {}, r.name), el('td', {}, badge(r.status)), el('td', {}, r.applicationName), el('td', {}, when(r.timeCreated))))
        : el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No task runs'))))));
  $('#workspaces').replaceChildren(...(cards.length ? cards : [el('p', { class: 'muted' }, 'No workspaces')]));
}

async function renderChart() {
  const canvas = $('#metrics-chart');
  const id = state.selectedIntegration;
  $('#chart-empty').hidden = Boolean(id);
  canvas.hidden = !id;
  if (!id) return;
  const period = $('#chart-period').value;
  const metrics = await api(`/_emulator/ui/api/metrics/${encodeURIComponent(id)}?period=${period}`);
  const series = metrics?.metrics?.timeSeries ?? [];
  $('#chart-title').textContent = `— ${id}`;
  // Over more than a day the hour alone repeats: the labels carry the date too.
  const long = period.endsWith('d');
  const labels = series.map((p) => new Date(p.timestamp).toISOString().slice(long ? 5 : 11, 16).replace('T', ' '));
  canvas.dataset.period = period;
  const ok = series.map((p) => p.successful ?? 0);
  const failed = series.map((p) => p.failed ?? 0);
  canvas.dataset.points = String(series.length);
  canvas.dataset.executions = String(ok.reduce((a, b) => a + b, 0) + failed.reduce((a, b) => a + b, 0));
  if (!state.chart) {
    state.chart = new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: [
        { label: 'Successful', data: ok, backgroundColor: '#2e8b57' },
        { label: 'Failed', data: failed, backgroundColor: '#c0392b' },
      ] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  } else {
    state.chart.data.labels = labels;
    state.chart.data.datasets[0].data = ok;
    state.chart.data.datasets[1].data = failed;
    state.chart.update('none');
  }
}

async function renderExecutionDetail() {
  const box = $('#execution-detail');
  const id = state.selectedExecution;
  if (!id) return;
  let detail;
  try {
    detail = await api(`/_emulator/ui/api/executions/${encodeURIComponent(id)}`);
  } catch (e) {
    box.replaceChildren(el('h3', {}, 'Execution'), el('p', { class: 'muted' }, e.message));
    return;
  }
  const { execution, activities, errors } = detail;
  box.replaceChildren(
    el('h3', {}, 'Execution ', badge(execution.status)),
    el('div', { class: 'muted' }, `${execution.id} · ${execution.integrationId}`),
    el('h3', {}, 'Activity stream'),
    el('ol', { class: 'activities' }, (activities.activities ?? []).map((a) =>
      el('li', {}, el('strong', {}, a.name ?? a.activity ?? a.type ?? 'activity'), ' ', badge(a.status), ' ', el('span', { class: 'muted' }, when(a.startTime ?? a.timestamp))))),
    el('h3', {}, `Errors (${(errors.errors ?? []).length})`),
    el('ul', {}, (errors.errors ?? []).map((x) => el('li', { class: 'error' }, `${x.activity ?? ''}: ${x.errorCode ?? ''} ${x.errorMessage ?? ''}`, x.errorDetails ? el('div', { class: 'muted' }, x.errorDetails) : null))),
  );
}

// ---------------------------------------------------------------- behaviour

function selectIntegration(id) {
  state.selectedIntegration = id;
  refresh();
}

function selectExecution(id) {
  state.selectedExecution = id;
  refresh();
}

let refreshing = null;
async function refresh() {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    try {
      const o = await api('/_emulator/ui/api/overview');
      state.overview = o;
      const ids = o.oic.integrations.map((i) => i.id);
      if (!ids.includes(state.selectedIntegration)) {
        // The integration with the most executions makes the most telling chart.
        const busiest = [...o.oic.integrations].sort((a, b) => (b.executions ?? 0) - (a.executions ?? 0))[0];
        state.selectedIntegration = busiest ? busiest.id : null;
      }
      renderInstances(o.instances, o.instance);
      renderClock(o.clock);
      renderProjects(o.oic.projects);
      renderIntegrations(o.oic.integrations);
      renderConnections(o.oic.connections);
      renderLookups(o.oic.lookups);
      renderSchedules(o.oic.integrations);
      renderHint(o);
      renderExecutionFilter(o.oic.integrations);
      renderExecutions(await loadExecutions(o.oic.executions), o.oic.runtime);
      renderWorkspaces(o.dis.workspaces);
      await renderTaskRunLogs();
      $('#journal').textContent = `${o.control.journal} request(s) in the journal, ${o.control.faults} fault rule(s)`;
      await renderChart();
      await renderExecutionDetail();
      state.refreshes++;
      document.body.dataset.refreshes = String(state.refreshes);
    } catch (e) {
      setStatus(`Refresh failed: ${e.message}`);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function action(button, label, path, body, method = 'POST') {
  const buttons = document.querySelectorAll('.actions button');
  buttons.forEach((b) => (b.disabled = true));
  setStatus(`${label}…`);
  try {
    const result = await api(path, body === undefined
      ? { method }
      : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (path === '/_emulator/reset') state.selectedExecution = null;
    setStatus(`${label}: done${result?.durationMs !== undefined ? ` in ${result.durationMs} ms` : ''}${result?.now ? ` (now ${when(result.now)})` : ''}`);
    await refresh();
  } catch (e) {
    setStatus(`${label} failed: ${e.message}`);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

$('#advance-hour').addEventListener('click', (e) => action(e.currentTarget, 'Advance one hour', '/_emulator/clock/advance', { duration: 'PT1H' }));
$('#advance-day').addEventListener('click', (e) => action(e.currentTarget, 'Advance one day', '/_emulator/clock/advance', { duration: 'P1D' }));
$('#real-time').addEventListener('click', (e) => action(e.currentTarget, 'Back to real time', '/_emulator/clock', { mode: 'real' }, 'PUT'));
$('#chart-period').addEventListener('change', () => renderChart().catch((e) => setStatus(`Chart failed: ${e.message}`)));
$('#reset').addEventListener('click', (e) => {
  // A reset throws the whole state away (on a --db file too): asked first.
  const db = state.overview?.control?.db;
  const where = db && db !== ':memory:' ? ` This also empties the database file ${db}.` : '';
  if (!confirm(`Reset the emulator to its start-up state? Every integration, execution and task run created since start-up is deleted and the fixtures are loaded again.${where}`)) return;
  action(e.currentTarget, 'Reset', '/_emulator/reset');
});
$('#instance').addEventListener('change', (e) => {
  state.instance = e.currentTarget.value === state.overview?.instances?.[0]?.name ? '' : e.currentTarget.value;
  state.selectedIntegration = null;
  state.selectedExecution = null;
  refresh();
});

wirePanels(refresh);
refresh();
setInterval(refresh, REFRESH_MS);
