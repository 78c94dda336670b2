import { steps, colourFor, projector, pathFor } from './heat.js';

const $ = id => document.getElementById(id);
const svgNs = 'http://www.w3.org/2000/svg';
const state = { key: null, heat: new Map(), connection: null, selection: null };

// A key can arrive in the URL fragment (the start banner prints such a link); it is kept for this tab only.
const fromFragment = new URLSearchParams(location.hash.slice(1)).get('key');
if (fromFragment) { sessionStorage.setItem('hotspots.key', fromFragment); history.replaceState(null, '', location.pathname); }
state.key = sessionStorage.getItem('hotspots.key');

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${state.key}` } });
  if (response.status === 401) throw Object.assign(new Error('That key was not accepted.'), { unauthorised: true });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function showSignIn(message) {
  $('sign-in').hidden = false; $('main').hidden = true; $('sign-out').hidden = true;
  $('sign-in-error').textContent = message ?? '';
}

async function start() {
  if (!state.key) return showSignIn();
  let wards, zones;
  try {
    [wards, zones] = await Promise.all([api('/api/areas?set=wards'), api('/api/areas?set=zones')]);
  } catch (e) {
    sessionStorage.removeItem('hotspots.key');
    return showSignIn(e.message);
  }
  $('sign-in').hidden = true; $('main').hidden = false; $('sign-out').hidden = false;
  if (wards.geography === 'demo') { $('geography-note').hidden = false; $('geography-note').textContent = wards.note; }
  drawMap(wards.features, zones.features);
  drawLegend();
  await connect();
}

function drawMap(wardFeatures, zoneFeatures) {
  const svg = $('map');
  const { width, height, point } = projector(wardFeatures);
  svg.setAttribute('viewBox', `0 0 ${width.toFixed(0)} ${height.toFixed(0)}`);
  for (const f of wardFeatures) {
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', pathFor(f.geometry, point));
    path.setAttribute('class', 'ward');
    path.setAttribute('tabindex', '0');
    path.dataset.code = f.properties.code;
    path.dataset.name = f.properties.name;
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = f.properties.name;
    path.append(title);
    svg.append(path);
  }
  for (const f of zoneFeatures) {
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', pathFor(f.geometry, point));
    path.setAttribute('class', 'zone');
    path.dataset.code = f.properties.code;
    path.setAttribute('aria-label', f.properties.name);
    svg.append(path);
  }
}

function drawLegend() {
  $('legend').replaceChildren('Heat: observed against this ward\'s own normal for the window —',
    ...steps.map(s => {
      const item = document.createElement('span');
      const swatch = document.createElement('span');
      swatch.className = 'swatch'; swatch.style.background = s.colour;
      item.append(swatch, ' ', s.label);
      return item;
    }));
}

function selection() {
  return { set: 'wards', group: $('group').value, window: $('window').value, month: null };
}

function apply(areas, pulse) {
  for (const a of areas) {
    state.heat.set(a.code, a);
    const path = document.querySelector(`#map path.ward[data-code="${a.code}"]`);
    if (!path) continue;
    path.style.fill = colourFor(a.score);
    path.dataset.observed = a.observed;
    path.dataset.score = a.score;
    path.dataset.drills = a.drills ?? 0;
    path.classList.toggle('drill', (a.drills ?? 0) > 0);
    path.querySelector('title').textContent =
      `${a.name}: ${a.observed} observed${a.drills ? ` (${a.drills} of them DRILL incidents)` : ''}, about ${a.expected.toFixed(1)} expected (heat ${a.score.toFixed(2)})`;
    if (pulse) { path.classList.remove('pulse'); void path.getBBox(); path.classList.add('pulse'); }
  }
  const rows = [...state.heat.values()].sort((a, b) => b.score - a.score).map(a => {
    const tr = document.createElement('tr');
    for (const v of [a.drills ? `${a.name} (DRILL)` : a.name, a.observed, a.expected.toFixed(1), a.score.toFixed(2)]) {
      const td = document.createElement('td'); td.textContent = v; tr.append(td);
    }
    return tr;
  });
  $('ranking').tBodies[0].replaceChildren(...rows);
}

function showDrill(drill) {
  const banner = $('drill-banner');
  banner.textContent = `DRILL ${drill.id}: ${drill.description} (${drill.areaName}). Training only: not real incidents.`;
  banner.hidden = false;
}

function setConnection(text, cls) {
  $('connection').textContent = text;
  $('connection').className = `connection ${cls}`;
}

async function subscribe() {
  const wanted = selection();
  if (state.selection) await state.connection.invoke('Unsubscribe', state.selection);
  state.selection = wanted;
  state.heat.clear();
  const snapshot = await state.connection.invoke('Subscribe', wanted);
  apply(snapshot.areas, false);
  document.body.dataset.selection = `${snapshot.group}|${snapshot.window}`;
}

async function connect() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/heat', { accessTokenFactory: () => state.key })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 500 * 2 ** ctx.previousRetryCount) })
    .build();
  state.connection = connection;
  connection.on('HeatChanged', update => {
    if (state.selection && update.group === state.selection.group && update.window === state.selection.window) apply(update.areas, true);
  });
  connection.on('DrillRecorded', drill => showDrill(drill));
  connection.onreconnecting(() => setConnection('reconnecting…', 'connecting'));
  connection.onreconnected(async () => { state.selection = null; await subscribe(); setConnection('live', 'live'); });
  connection.onclose(() => setConnection('offline', ''));
  setConnection('connecting…', 'connecting');
  await connection.start();
  await subscribe();
  setConnection('live', 'live');
}

$('controls').addEventListener('change', () => subscribe());
$('sign-in-form').addEventListener('submit', e => {
  e.preventDefault();
  state.key = $('key').value.trim();
  sessionStorage.setItem('hotspots.key', state.key);
  start();
});
$('sign-out').addEventListener('click', () => { sessionStorage.removeItem('hotspots.key'); location.reload(); });
start();
