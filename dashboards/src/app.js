// Wiring: the page's one store, each feature given its own part of the page, and what is read after sign-in. The
// features talk through the store; the few events that are not state (a pushed alert, new geography) are passed here.
import { api, whenSignedOut } from './api.js';
import { createStore } from './state.js';
import { thisMonth } from './shaping.js';
import { Session } from './session.js';
import { ServerStatus } from './server-status.js';
import { Controls } from './controls.js';
import { MapView } from './map-view.js';
import { TimeSlider } from './time-slider.js';
import { Ranking } from './ranking.js';
import { DrillDown } from './drill-down.js';
import { AlertsPanel } from './alerts.js';
import { LiveHeat } from './live.js';
import { MeetingAndPrint } from './meeting-print.js';
import { OperationsPanel } from './operations-panel.js';
import { ReportsPanel } from './reports-panel.js';
import { Drills } from './drills.js';
import { GridLayer } from './grid-layer.js';
import { LocalityEditor } from './locality-editor.js';

const store = createStore({
  account: null, // the signed-in person: name, role and the roles it includes
  config: null, // GET /api/dashboard: base map tiles and the partnership's home area
  categories: null, // GET /api/categories: the groups and categories with their labels
  status: null, // GET /api/status: geography, live or replay store, latest month with data
  areas: { wards: [], zones: [] }, // both area sets' GeoJSON features
  localities: [], // GET /api/localities: the localities in force, each a named set of ward codes
  locality: '', // the locality the map and ranking are limited to ('' for all wards); heat still comes for the whole set
  set: 'wards', group: 'all', window: '24h', month: thisMonth(), // what the map shows (month with the month window)
  hoursBack: 0, // the time slider: 0 is live
  gridLayer: 'off', // micro-places over the map: 'off', 'grid' (Gi* hot and cold cells) or 'emerging'
  heat: { areas: new Map(), changed: [], pushed: false, harm: false }, // every area's heat; what the last update changed, whether it was pushed, whether weighed by harm
  selectedArea: null, // { set, code } of the area in the drill-down
  drill: null, // the last drill recorded while the page was open
  meeting: false,
  printing: false,
});

const byId = id => document.getElementById(id);
const page = document.body;
const bar = document.querySelector('header .session');

// Listeners hear changes in the order they subscribed: the session shows the page before the map is drawn into it.
const session = new Session({ form: byId('sign-in'), bar, signedIn: [byId('main'), byId('controls')] }, store, { onSignedIn: start });
new ServerStatus({ replayBanner: byId('replay-banner'), geographyNote: byId('geography-note'), page }, store);
const controls = new Controls(byId('controls'), store, { note: byId('window-note') });
const mapView = new MapView(document.querySelector('.map-panel'), store);
// After the map view: its redraw of the areas clears the map, then the grid is drawn over them again.
new GridLayer(document.querySelector('.map-panel'), store, { getMap: () => mapView.map?.map });
new Ranking(document.querySelector('.ranking'), store);
const drillDown = new DrillDown(byId('drill-down'), store);
const alerts = new AlertsPanel(byId('alerts'), store, { announcer: byId('alert-announcer') });
const live = new LiveHeat(byId('connection'), store, {
  page,
  onAlert: (alert, raised) => {
    alerts.receive(alert, raised);
    if (raised) drillDown.refreshFor(alert.areaCode);
  },
  onGeographyChanged: async () => store.set({ areas: await loadAreas() }),
  alsoOnConnect: () => alerts.load(),
});
new TimeSlider(document.querySelector('.timeline'), store, { banner: byId('as-at-banner'), page, refresh: () => live.refresh() });
new MeetingAndPrint({ bar, summary: byId('print-summary'), page }, store);
new OperationsPanel(byId('operations'), store, { toggle: byId('operations-toggle'), header: document.querySelector('header') });
new ReportsPanel(byId('reports'), store, { toggle: byId('reports-toggle'), header: document.querySelector('header') });
new Drills(byId('admin-tools'), store, { banner: byId('drill-banner') });
new LocalityEditor(byId('locality-admin'), store);

whenSignedOut(() => session.signedOut());

async function loadAreas() {
  const [wards, zones] = await Promise.all([api('/api/areas?set=wards'), api('/api/areas?set=zones')]);
  return { wards: wards.features, zones: zones.features };
}

async function start(account) {
  const [config, categories, status, areas, localities] = await Promise.all([
    api('/api/dashboard'), api('/api/categories'), api('/api/status'), loadAreas(), api('/api/localities')]);
  store.set({ account, config, categories, status, areas, localities });
  await controls.openOnDataWindow();
  if (new URLSearchParams(location.search).get('meeting') === '1') store.set({ meeting: true });
  await live.connect();
}

session.boot();
