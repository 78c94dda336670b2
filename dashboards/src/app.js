import { api, whenSignedOut, ApiError } from './api.js';
import { steps, noBaseline, legendIntro, labelFor, colourFor, inkFor, scoreText } from './heat.js';
import { groups, categories, categoryLabel, windows, windowHolds, windowLabel, monthLabel, rankingColumns, rankRows, cellsOf, rankingCsv, seriesLabels, sliderInstant, sliderLabel } from './shaping.js';
import { HeatMap } from './map.js';
import { AlertsPanel, RESOLVED_DAYS } from './alerts.js';
import { renderBarChart } from './charts.js';
import { OperationsPanel } from './operations-panel.js';

const $ = id => document.getElementById(id);
const state = {
  account: null,
  areas: { wards: [], zones: [] },
  heat: new Map(),
  sort: { key: 'score', descending: true },
  hoursBack: 0,
  subscribed: null,
  connection: null,
  map: null,
  alerts: null,
  selectedArea: null,
  pending: new Map(),
  rankingDue: false,
};

const selection = () => ({
  set: document.querySelector('input[name=set]:checked').value,
  group: $('group').value,
  window: $('window').value,
  month: $('window').value === 'month' ? $('month').value : null,
});

const query = (s, extra = {}) =>
  new URLSearchParams(Object.entries({ group: s.group, window: s.window, month: s.month, ...extra }).filter(([, v]) => v != null)).toString();

const thisMonth = () => new Date().toISOString().slice(0, 7);

// Only a page that was signed in has a session to lose; a first visit just asks to sign in.
whenSignedOut(() => showSignIn(state.account ? 'Your session has ended: sign in again.' : ''));

// ---- Sign-in ----

function showSignIn(message) {
  state.connection?.stop();
  $('sign-in').hidden = false;
  $('main').hidden = true;
  $('controls').hidden = true;
  for (const id of ['sign-out', 'meeting', 'print', 'operations-toggle']) $(id).hidden = true;
  $('operations').hidden = true;
  $('who').textContent = '';
  $('sign-in-error').textContent = message ?? '';
  $('user-name').focus();
}

$('sign-in-form').addEventListener('submit', async e => {
  e.preventDefault();
  const body = { name: $('user-name').value.trim(), password: $('password').value };
  if (!$('new-password-fields').hidden) {
    if ($('new-password').value !== $('new-password-again').value) {
      $('sign-in-error').textContent = 'The two new passwords differ.';
      return;
    }
    body.newPassword = $('new-password').value;
  }
  $('sign-in-error').textContent = '';
  try {
    const account = await api('/api/account/sign-in', { method: 'POST', body });
    $('password').value = $('new-password').value = $('new-password-again').value = '';
    $('new-password-fields').hidden = true;
    await start(account);
  } catch (error) {
    if (error instanceof ApiError && error.problem.passwordChangeRequired) {
      $('new-password-fields').hidden = false;
      $('new-password').required = $('new-password-again').required = true;
      $('new-password').focus();
    }
    $('sign-in-error').textContent = error.message;
  }
});

$('sign-out').addEventListener('click', async () => {
  await api('/api/account/sign-out', { method: 'POST' });
  location.reload();
});

// ---- Start ----

async function boot() {
  try {
    await start(await api('/api/account'));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) showSignIn(`The service could not be reached (${error.message}).`);
  }
}

async function start(account) {
  state.account = account;
  const [config, wards, zones] = await Promise.all([api('/api/dashboard'), api('/api/areas?set=wards'), api('/api/areas?set=zones')]);
  state.areas = { wards: wards.features, zones: zones.features };
  state.tiles = { url: config.tileUrl, attribution: config.tileAttribution };
  $('sign-in').hidden = true;
  $('main').hidden = false;
  $('controls').hidden = false;
  for (const id of ['sign-out', 'meeting', 'print', 'operations-toggle']) $(id).hidden = false;
  $('who').textContent = `${account.name} (${account.role})`;
  if (wards.geography === 'demo') { $('geography-note').hidden = false; $('geography-note').textContent = wards.note; }

  fillControls();
  await chooseDefaultWindow();
  drawLegend();
  drawRankingHead();
  state.map ??= new HeatMap($('map'), { tileUrl: config.tileUrl, tileAttribution: config.tileAttribution, home: config.home, onSelect: code => openDrillDown(selection().set, code) });
  state.map.show(selection().set, state.areas.wards, state.areas.zones);
  state.alerts ??= new AlertsPanel($('alerts'), {
    canHandle: () => state.account.roles.includes('analyst'),
    onAcknowledge: (id, note) => api(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST', body: { note } }),
    onResolve: (id, note) => api(`/api/alerts/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: { note } }),
    onSelectArea: (set, code) => openDrillDown(set, code),
  });
  if (account.roles.includes('admin')) await showAdminTools();
  if (new URLSearchParams(location.search).get('meeting') === '1') setMeeting(true);
  await connect();
}

function fillControls() {
  if ($('group').options.length) return;
  const named = document.createElement('optgroup');
  named.label = 'Groups';
  for (const g of groups) named.append(new Option(g.label, g.value, false, g.value === 'all'));
  const single = document.createElement('optgroup');
  single.label = 'Single categories';
  for (const c of categories) single.append(new Option(categoryLabel(c), c));
  $('group').append(named, single);
  for (const w of windows) $('window').append(new Option(w.label, w.value, false, w.value === '24h'));
  $('month').max = $('month').value = thisMonth();
  for (const g of groups.filter(g => g.value !== 'all')) $('alert-group').append(new Option(g.label, g.value));
}

// police.uk data arrives a month or two late and gives months only: when the rolling windows hold nothing at all, the
// page opens on the latest month that has data and says why, instead of an all-zero map.
async function chooseDefaultWindow() {
  const [status, recent] = await Promise.all([api('/api/status'), api('/api/heat?set=wards&group=all&window=28d')]);
  state.latestMonth = status.latestMonth ?? null;
  showStore(status);
  const empty = recent.areas.every(a => a.observed === 0);
  if (empty && state.latestMonth && $('window').value === '24h') {
    $('window').value = 'month';
    $('month').value = state.latestMonth;
  }
  showWindowNote(empty);
}

// A replay server must never pass for a live one: its badge says REPLAY and a banner gives the period it holds.
function showStore(status) {
  state.replay = status.store === 'replay';
  document.body.classList.toggle('replay', state.replay);
  $('replay-banner').hidden = !state.replay;
  if (!state.replay) return;
  const day = iso => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  const period = status.replay?.from ? `${day(status.replay.from)} to ${day(status.replay.to)}` : 'nothing replayed yet';
  $('replay-banner').textContent =
    `REPLAY: not live data. This server shows replayed incidents only (times moved so that the replayed period ends as the replay ends): ${period}.`;
  // The period grows while a replay runs.
  state.replayTimer ??= setInterval(async () => showStore(await api('/api/status')), 15000);
}

function showWindowNote(rollingEmpty = false) {
  const s = selection();
  const latest = state.latestMonth && s.window === 'month' && s.month === state.latestMonth && rollingEmpty
    ? `Nothing in the last 28 days, so this shows ${monthLabel(state.latestMonth)}, the latest month with data. `
    : '';
  $('month-picker').hidden = s.window !== 'month';
  // The slider goes back hours, which a calendar month does not have.
  $('time').disabled = $('play').disabled = s.window === 'month';
  $('window-note').textContent = latest + windowHolds[s.window];
  $('window-note').hidden = false;
}

function drawLegend() {
  $('legend-intro').textContent = legendIntro;
  $('legend-steps').replaceChildren(...[...steps, noBaseline].map(s => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = s.colour;
    li.append(swatch, s.label);
    return li;
  }));
}

// ---- Live heat ----

async function connect() {
  if (state.connection) return;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/heat')
    // Never give up: a wall screen must come back by itself after a server restart, however long it takes.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(5000, 250 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
    .build();
  state.connection = connection;
  connection.on('HeatChanged', update => {
    const s = state.subscribed;
    if (state.hoursBack !== 0 || !s || update.set !== s.set || update.group !== s.group || update.window !== s.window || (update.month ?? null) !== s.month) return;
    for (const area of update.areas) state.pending.set(area.code, area);
    requestAnimationFrame(flushPending);
  });
  connection.on('DrillRecorded', drill => showDrill(drill));
  connection.on('AlertRaised', alert => { state.alerts.receive(alert, true); refreshDrillDownFor(alert.areaCode); });
  connection.on('AlertUpdated', alert => state.alerts.receive(alert, false));
  connection.on('AlertResolved', alert => state.alerts.receive(alert, false));
  // Zones redrawn or a new ward set made current: boundaries and figures are read again.
  connection.on('GeographyChanged', () => reloadGeography());
  connection.onreconnecting(() => setConnection('reconnecting…', 'connecting'));
  connection.onreconnected(() => resync());
  connection.onclose(() => { setConnection('offline', ''); setTimeout(() => startConnection(), 1000); });
  await startConnection();
}

async function startConnection() {
  const connection = state.connection;
  if (connection.state !== signalR.HubConnectionState.Disconnected) return;
  setConnection('connecting…', 'connecting');
  try {
    await connection.start();
    await resync();
  } catch {
    setConnection('offline: retrying', '');
    setTimeout(() => startConnection(), 2000);
  }
}

// After any (re)connection the server may have restarted: subscribe afresh and reload alerts, so nothing is stale.
async function resync() {
  state.subscribed = null;
  await Promise.all([subscribe(), loadAlerts()]);
  setConnection(state.replay ? 'REPLAY' : 'live', state.replay ? 'live replay' : 'live');
}

// The active alerts and those resolved within the resolved view's reach; older resolved ones stay on the server.
async function loadAlerts() {
  const since = new Date(Date.now() - RESOLVED_DAYS * 86400000).toISOString();
  const lists = await Promise.all([
    api('/api/alerts?status=open'),
    api('/api/alerts?status=acknowledged'),
    api(`/api/alerts?status=resolved&since=${encodeURIComponent(since)}`),
  ]);
  state.alerts.setAll(lists.flat());
}

function setConnection(text, cls) {
  $('connection').textContent = text;
  $('connection').className = `connection ${cls}`;
  document.body.dataset.connection = cls || 'offline';
}

async function subscribe() {
  const wanted = selection();
  const connection = state.connection;
  if (state.subscribed) await connection.invoke('Unsubscribe', state.subscribed).catch(() => {});
  state.subscribed = null;
  state.pending.clear();
  const snapshot = await connection.invoke('Subscribe', wanted);
  state.subscribed = wanted;
  if (state.hoursBack === 0) showHeat(snapshot.areas, false);
  document.body.dataset.selection = [snapshot.set, snapshot.group, snapshot.window, snapshot.month].filter(Boolean).join('|');
}

function flushPending() {
  if (state.pending.size === 0) return;
  const areas = [...state.pending.values()];
  state.pending.clear();
  for (const area of areas) state.heat.set(area.code, area);
  state.map.apply(areas, true);
  scheduleRanking();
}

function showHeat(areas, pulse) {
  state.heat = new Map(areas.map(a => [a.code, a]));
  state.map.apply(areas, pulse);
  renderRanking();
  updatePrintSummary();
}

function showDrill(drill) {
  const banner = $('drill-banner');
  banner.textContent = `DRILL ${drill.id}: ${drill.description} (${drill.areaName}). Training only: not real incidents.`;
  banner.hidden = false;
}

// ---- Controls ----

$('controls').addEventListener('change', async e => {
  if (e.target.name === 'set') {
    state.map.show(selection().set, state.areas.wards, state.areas.zones);
    closeDrillDown();
  }
  if (e.target.id === 'month' && !$('month').value) return;
  if (selection().window === 'month') setHoursBack(0);
  showWindowNote();
  await refreshHeat();
  if (state.selectedArea) openDrillDown(state.selectedArea.set, state.selectedArea.code);
});

async function refreshHeat() {
  if (state.hoursBack === 0) await subscribe();
  else showHeat((await api(`/api/heat?${query(selection(), { set: selection().set, at: sliderInstant(new Date(), state.hoursBack).toISOString() })}`)).areas, false);
}

// ---- Time slider ----

let sliderTimer = null;
let playing = null;

function setHoursBack(hours) {
  state.hoursBack = hours;
  $('time').value = String(-hours);
  $('time-label').textContent = sliderLabel(new Date(), hours);
  $('as-at-banner').hidden = hours === 0;
  $('as-at-banner').textContent = hours === 0 ? '' : `${sliderLabel(new Date(), hours)}: live updates resume when the slider is back at Live.`;
  document.body.classList.toggle('past', hours !== 0);
}

$('time').addEventListener('input', () => {
  setHoursBack(-Number($('time').value));
  clearTimeout(sliderTimer);
  sliderTimer = setTimeout(() => refreshHeat(), 120);
});

$('play').addEventListener('click', () => {
  if (playing) return stopPlaying();
  if (state.hoursBack === 0) setHoursBack(168);
  $('play').textContent = '❚❚ Pause';
  $('play').setAttribute('aria-label', 'Pause the replay');
  const step = async () => {
    if (!playing) return;
    const next = Math.max(0, state.hoursBack - 3);
    setHoursBack(next);
    await refreshHeat();
    if (next === 0) stopPlaying();
    else playing = setTimeout(step, 350);
  };
  playing = setTimeout(step, 0);
});

function stopPlaying() {
  clearTimeout(playing);
  playing = null;
  $('play').textContent = '▶ Play';
  $('play').setAttribute('aria-label', 'Play the last 7 days of heat');
}

// ---- Ranking ----

function drawRankingHead() {
  const row = $('ranking').tHead.rows[0];
  row.replaceChildren(...rankingColumns.map(column => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.dataset.key = column.key;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = column.label;
    button.addEventListener('click', () => {
      state.sort = { key: column.key, descending: state.sort.key === column.key ? !state.sort.descending : column.numeric };
      renderRanking();
    });
    th.append(button);
    return th;
  }));
}

function scheduleRanking() {
  if (state.rankingDue) return;
  state.rankingDue = true;
  setTimeout(() => { state.rankingDue = false; renderRanking(); }, 1000);
}

function currentRows() {
  return rankRows([...state.heat.values()], state.sort);
}

const RANKING_ROWS = 25;

// The map's box on an A4 landscape page with 12 mm margins (styles.css, @media print), less the panel's padding.
const PRINTED_MAP = { width: '268mm', height: '120mm' };

$('ranking-more').addEventListener('click', () => {
  state.showAllRows = !state.showAllRows;
  renderRanking();
});

// Rows are kept per area and only their changed cells rewritten, so a busy feed costs a few text updates, not a new table.
const rankingRows = new Map();

function rankingRow(row) {
  let entry = rankingRows.get(row.code);
  if (entry) return entry;
  const tr = document.createElement('tr');
  tr.dataset.code = row.code;
  const cells = rankingColumns.map(() => tr.appendChild(document.createElement('td')));
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.addEventListener('click', () => openDrillDown(selection().set, row.code));
  cells[0].append(button);
  cells[4].className = 'heat-cell';
  entry = { tr, cells, button, texts: [] };
  rankingRows.set(row.code, entry);
  return entry;
}

function renderRanking() {
  for (const th of $('ranking').tHead.rows[0].cells) {
    th.setAttribute('aria-sort', th.dataset.key === state.sort.key ? (state.sort.descending ? 'descending' : 'ascending') : 'none');
  }
  const body = $('ranking').tBodies[0];
  const all = currentRows();
  // The top rows only, unless asked: laying out hundreds of rows on every refresh cost a busy feed its frame rate.
  const rows = state.showAllRows || state.printing ? all : all.slice(0, RANKING_ROWS);
  $('ranking-more').hidden = all.length <= RANKING_ROWS;
  $('ranking-more').textContent = state.showAllRows ? `Show the top ${RANKING_ROWS}` : `Show all ${all.length} areas`;
  $('ranking-more').setAttribute('aria-expanded', String(Boolean(state.showAllRows)));
  const wanted = new Set(rows.map(r => r.code));
  for (const [code, entry] of rankingRows) {
    if (!wanted.has(code)) { entry.tr.remove(); rankingRows.delete(code); }
  }
  const trs = rows.map(row => {
    const entry = rankingRow(row);
    cellsOf(row).forEach((text, i) => {
      if (entry.texts[i] === text) return;
      entry.texts[i] = text;
      if (i === 0) entry.button.textContent = text;
      else entry.cells[i].textContent = text;
      if (i === 4) {
        entry.cells[4].style.background = colourFor(row.score, row.hasBaseline);
        entry.cells[4].style.color = inkFor(row.score, row.hasBaseline);
      }
    });
    return entry.tr;
  });
  if (trs.length !== body.children.length || trs.some((tr, i) => body.children[i] !== tr)) body.append(...trs);
}

$('export').addEventListener('click', () => {
  const s = selection();
  const at = sliderInstant(new Date(), state.hoursBack);
  const blob = new Blob([rankingCsv(currentRows(), { group: s.group, window: s.window, month: s.month, at })], { type: 'text/csv;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  const stamp = at.toISOString().slice(0, 16).replace(':', '');
  link.download = `hotspots-${s.set}-${s.group}-${s.month ?? s.window}-${stamp}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
});

// ---- Drill-down ----

async function openDrillDown(set, code) {
  state.selectedArea = { set, code };
  state.map.select(code);
  const s = selection();
  const extra = state.hoursBack === 0 || s.window === 'month' ? {} : { at: sliderInstant(new Date(), state.hoursBack).toISOString() };
  const { area, alerts } = await api(`/api/areas/${set}/${encodeURIComponent(code)}?${query(s, extra)}`);
  const panel = $('drill-down');
  panel.dataset.code = code;
  $('dd-title').textContent = area.name;
  // Drills count on the map but are kept out of the category table and charts, so the summary says how many there are.
  const drills = area.heat.drills ? ` (${area.heat.drills} of them DRILL incidents, not in the table or charts below)` : '';
  $('dd-summary').textContent =
    `${categoryLabel(area.group)}, ${windowLabel(area.window, area.month)}: ${area.heat.observed} observed${drills} against about ${area.heat.expected.toFixed(1)} expected, ${labelFor(area.heat.score, area.heat.hasBaseline)}.`;
  $('dd-categories').tBodies[0].replaceChildren(...area.categories
    .filter(c => c.observed > 0 || c.expected >= 0.5)
    .sort((a, b) => b.observed - a.observed || a.category.localeCompare(b.category))
    .map(c => {
      const tr = document.createElement('tr');
      for (const text of [categoryLabel(c.category), c.observed, c.expected.toFixed(1), scoreText(c.score, c.hasBaseline)]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
  // A chosen month's trends end with that month; the live windows' end today.
  const days = seriesLabels(area.daily.from, area.daily.counts.length, false);
  const months = seriesLabels(area.monthly.from, area.monthly.counts.length, true);
  const past = area.window === 'month' && area.month !== thisMonth();
  renderBarChart($('dd-daily'), {
    values: area.daily.counts, labels: days,
    title: `${categoryLabel(area.group)} per day, ${past ? `28 days to ${days.at(-1)} (incidents known only to their month have no day)` : 'last 28 days'}`, unit: 'day', every: 7,
  });
  renderBarChart($('dd-monthly'), {
    values: area.monthly.counts, labels: months,
    title: `${categoryLabel(area.group)} per month, ${past ? `12 months to ${monthLabel(area.month)}` : 'last 12 months'}`, unit: 'month', every: 2,
  });
  $('dd-locations-when').textContent = past ? `12 months to ${monthLabel(area.month)}` : 'last 12 months';
  $('dd-locations').replaceChildren(...(area.repeatLocations.length
    ? area.repeatLocations.map(l => Object.assign(document.createElement('li'), { textContent: `${l.location}: ${l.count}` }))
    : [Object.assign(document.createElement('li'), { textContent: 'No location with more than one incident.', className: 'empty' })]));
  $('dd-alerts').replaceChildren(...(alerts.length
    ? alerts.map(a => Object.assign(document.createElement('li'), { textContent: `${a.status}: ${a.explanation}` }))
    : [Object.assign(document.createElement('li'), { textContent: 'No alerts for this area.', className: 'empty' })]));
  const opening = panel.hidden;
  panel.hidden = false;
  if (opening) $('dd-title').focus();
}

function refreshDrillDownFor(code) {
  if (state.selectedArea?.code === code && !$('drill-down').hidden) openDrillDown(state.selectedArea.set, code);
}

function closeDrillDown() {
  $('drill-down').hidden = true;
  state.selectedArea = null;
  state.map?.select(null);
}

$('dd-close').addEventListener('click', closeDrillDown);
document.addEventListener('keydown', e => { if (e.key === 'Escape' && !$('drill-down').hidden) closeDrillDown(); });

// ---- Meeting mode and print ----

function setMeeting(on) {
  document.body.classList.toggle('meeting', on);
  $('meeting').setAttribute('aria-pressed', String(on));
  if (on && document.fullscreenEnabled && !document.fullscreenElement) document.documentElement.requestFullscreen().catch(() => {});
  if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => {});
  requestAnimationFrame(() => state.map.resize());
}

$('meeting').addEventListener('click', () => setMeeting(!document.body.classList.contains('meeting')));

// ---- Operations ----

function setOperations(open) {
  $('operations-toggle').setAttribute('aria-pressed', String(open));
  if (!open) { state.operations?.close(); return; }
  state.operations ??= new OperationsPanel($('operations'), { wards: state.areas.wards, tiles: state.tiles, canManage: () => state.account.roles.includes('analyst') });
  state.operations.wards = state.areas.wards;
  state.operations.open();
  $('op-title').focus();
}

$('operations-toggle').addEventListener('click', () => setOperations($('operations').hidden));
$('op-close').addEventListener('click', () => setOperations(false));

async function reloadGeography() {
  const [wards, zones] = await Promise.all([api('/api/areas?set=wards'), api('/api/areas?set=zones')]);
  state.areas = { wards: wards.features, zones: zones.features };
  state.map.show(selection().set, state.areas.wards, state.areas.zones);
  await resync();
  if (!$('operations').hidden) { state.operations.wards = state.areas.wards; await state.operations.load(); }
}
document.addEventListener('fullscreenchange', () => { if (!document.fullscreenElement && document.body.classList.contains('meeting')) setMeeting(false); });

function updatePrintSummary() {
  const s = selection();
  const when = state.hoursBack === 0 ? `at ${new Date().toLocaleString('en-GB')}` : sliderLabel(new Date(), state.hoursBack).toLowerCase();
  $('print-summary').textContent =
    `${categoryLabel(s.group)}, ${windowLabel(s.window, s.month)}, by ${s.set === 'wards' ? 'ward' : 'zone'}, ${when}. Prepared by ${state.account?.name ?? ''}. OFFICIAL-SENSITIVE.`;
}

$('print').addEventListener('click', () => window.print());
// Printed: the whole ranking (the minutes need every area) and the map fitted to the page's map box (styles.css).
window.addEventListener('beforeprint', () => {
  state.printing = true;
  updatePrintSummary();
  renderRanking();
  state.map?.sizeForPrint(PRINTED_MAP.width, PRINTED_MAP.height);
});
window.addEventListener('afterprint', () => {
  state.printing = false;
  renderRanking();
  state.map?.sizeForScreen();
});

// ---- Admin: drills ----

async function showAdminTools() {
  const scenarios = await api('/api/drills/scenarios');
  $('drill-scenario').replaceChildren(...scenarios.map(s => new Option(`${s.name}: ${s.description}`, s.name)));
  $('admin-tools').hidden = false;
}

$('drill-form').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    const run = await api('/api/drills', { method: 'POST', body: { scenario: $('drill-scenario').value } });
    $('drill-result').textContent = `Drill ${run.id} injected.`;
  } catch (error) {
    $('drill-result').textContent = error.message;
  }
});

boot();
