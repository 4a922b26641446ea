/*
 * Dashboard panels beside the overview (loaded before app.js, which calls
 * them): connections, lookups and schedules; the executions list with its
 * integration/status filters and paging; DIS task run logs; the empty-state
 * hint. Helpers ($, el, badge, when, api, duration) come from app.js and are
 * only used once the page has loaded.
 */
'use strict';

const panels = { page: { integrationId: '', status: '', offset: 0, limit: 20, total: 0 }, logsOf: null };
window.dashboardPanels = panels;

function renderConnections(connections) {
  const rows = connections.map((c) => el('tr', { 'data-id': c.id },
    el('td', {}, el('strong', {}, c.name), el('div', { class: 'muted' }, c.id)),
    el('td', {}, c.adapterType ?? ''),
    el('td', {}, badge(c.status)),
    el('td', {}, c.testStatus ? badge(c.testStatus) : '—')));
  $('#connections tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No connections'))]));
}

function renderLookups(lookups) {
  $('#lookups').replaceChildren(...(lookups.length ? lookups.map((l) => el('li', { 'data-id': l.id }, l.name ?? l.id, ' ', badge(l.status))) : [el('li', { class: 'muted' }, 'none')]));
}

function renderSchedules(integrations) {
  const rows = integrations.filter((i) => i.schedule).map((i) => el('tr', { 'data-id': i.id },
    el('td', {}, i.name),
    el('td', {}, i.schedule.frequency ?? i.schedule.icalExpression ?? ''),
    el('td', {}, badge(i.schedule.status)),
    el('td', {}, when(i.schedule.nextRunTime)),
    el('td', {}, when(i.schedule.lastRunTime))));
  $('#schedules tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No schedules'))]));
}

/** The empty state: nothing in either API yet. */
function renderHint(o) {
  const empty = o.oic.integrations.length === 0 && o.oic.connections.length === 0 && o.dis.workspaces.length === 0;
  $('#empty-hint').hidden = !empty;
}

/** The integration filter's options follow the integrations; the chosen one stays chosen. */
function renderExecutionFilter(integrations) {
  const select = $('#exec-integration');
  const want = panels.page.integrationId;
  const options = [el('option', { value: '' }, 'All integrations (latest)')].concat(integrations.map((i) => el('option', { value: i.id }, i.name)));
  select.replaceChildren(...options);
  select.value = integrations.some((i) => i.id === want) ? want : '';
  panels.page.integrationId = select.value;
}

/** The executions table: the overview's latest (all integrations), or one page of one integration. */
async function loadExecutions(latest) {
  const p = panels.page;
  let items = latest;
  if (p.integrationId) {
    const q = new URLSearchParams({ integrationId: p.integrationId, offset: String(p.offset), limit: String(p.limit) });
    if (p.status) q.set('status', p.status);
    const page = await api(`/_emulator/ui/api/executions?${q}`);
    items = page.items;
    p.total = page.total;
    $('#exec-range').textContent = page.total ? `${p.offset + 1}–${p.offset + items.length} of ${page.total}` : '0 of 0';
  } else {
    if (p.status) items = latest.filter((e) => e.status === p.status);
    p.total = items.length;
    $('#exec-range').textContent = `latest ${items.length}`;
  }
  $('#exec-prev').disabled = !p.integrationId || p.offset === 0;
  $('#exec-next').disabled = !p.integrationId || p.offset + p.limit >= p.total;
  return items;
}

async function showTaskRunLogs(workspaceId, run) {
  panels.logsOf = { workspaceId, applicationKey: run.applicationKey, key: run.key, name: run.name };
  await renderTaskRunLogs();
}

async function renderTaskRunLogs() {
  const box = $('#task-run-logs');
  const sel = panels.logsOf;
  box.hidden = !sel;
  if (!sel) return;
  let lines;
  try {
    const q = new URLSearchParams({ workspaceId: sel.workspaceId, applicationKey: sel.applicationKey, key: sel.key });
    lines = (await api(`/_emulator/ui/api/task-run-logs?${q}`)).items.map((l) => l.message);
  } catch (e) {
    lines = [e.message];
  }
  box.replaceChildren(el('h3', {}, `Task run logs — ${sel.name}`), el('pre', { class: 'logs' }, lines.length ? lines.join('\n') : '(no log lines yet)'));
}

function wirePanels(refresh) {
  const again = () => { refresh(); };
  $('#exec-integration').addEventListener('change', (e) => { panels.page.integrationId = e.target.value; panels.page.offset = 0; again(); });
  $('#exec-status').addEventListener('change', (e) => { panels.page.status = e.target.value; panels.page.offset = 0; again(); });
  $('#exec-prev').addEventListener('click', () => { panels.page.offset = Math.max(0, panels.page.offset - panels.page.limit); again(); });
  $('#exec-next').addEventListener('click', () => { panels.page.offset += panels.page.limit; again(); });
}
