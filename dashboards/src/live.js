// The live connection to the heat hub: the selection shown is subscribed to and its pushes kept in the store, alerts
// and drills are passed on as they happen, and the page comes back by itself after a server restart. With the time
// slider in the past, heat is read from the API as it stood instead.
import { HubConnectionBuilder, HubConnectionState } from '../vendor/signalr/index.js';
import { api } from './api.js';
import { selectionOf, selectionQuery, sliderInstant } from './shaping.js';

const SELECTION = ['set', 'group', 'window', 'month'];

export class LiveHeat {
  // `badge` shows the connection's state; `page` carries it and the subscribed selection as data attributes, which
  // the browser checks wait on. `alsoOnConnect` is awaited with each subscription (the alerts are read afresh).
  constructor(badge, store, { page, onAlert, onGeographyChanged, alsoOnConnect }) {
    this.badge = badge;
    this.store = store;
    this.page = page;
    this.onAlert = onAlert;
    this.onGeographyChanged = onGeographyChanged;
    this.alsoOnConnect = alsoOnConnect;
    this.connection = null;
    this.subscribed = null;
    this.pending = new Map();
    store.subscribe(changed => {
      if (changed.has('account') && !store.state.account) this.connection?.stop();
      if (SELECTION.some(key => changed.has(key))) this.refresh();
      else if (changed.has('areas') && this.connected) this.resync();
    });
  }

  get connected() { return this.connection?.state === HubConnectionState.Connected; }

  async connect() {
    if (this.connection) return this.start();
    const connection = new HubConnectionBuilder()
      .withUrl('/hubs/heat')
      // Never give up: a wall screen must come back by itself after a server restart, however long it takes.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(5000, 250 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
      .build();
    this.connection = connection;
    connection.on('HeatChanged', update => this.received(update));
    connection.on('DrillRecorded', drill => this.store.set({ drill }));
    connection.on('AlertRaised', alert => this.onAlert(alert, true));
    connection.on('AlertUpdated', alert => this.onAlert(alert, false));
    connection.on('AlertResolved', alert => this.onAlert(alert, false));
    // Zones redrawn or a new ward set made current: boundaries and figures are read again.
    connection.on('GeographyChanged', () => this.onGeographyChanged());
    connection.onreconnecting(() => this.show('reconnecting…', 'connecting'));
    connection.onreconnected(() => this.resync());
    // Signed out, the hub would refuse the page: it tries again once someone signs in.
    connection.onclose(() => {
      this.show('offline', '');
      if (this.store.state.account) setTimeout(() => this.start(), 1000);
    });
    await this.start();
  }

  async start() {
    if (this.connection.state !== HubConnectionState.Disconnected) return;
    this.show('connecting…', 'connecting');
    try {
      await this.connection.start();
      await this.resync();
    } catch {
      this.show('offline: retrying', '');
      if (this.store.state.account) setTimeout(() => this.start(), 2000);
    }
  }

  // After any (re)connection the server may have restarted: subscribe afresh and reload alerts, so nothing is stale.
  async resync() {
    this.subscribed = null;
    await Promise.all([this.subscribe(), this.alsoOnConnect()]);
    const replay = this.store.state.status?.store === 'replay';
    this.show(replay ? 'REPLAY' : 'live', replay ? 'live replay' : 'live');
  }

  show(text, state) {
    this.badge.textContent = text;
    this.badge.className = `connection ${state}`;
    this.page.dataset.connection = state || 'offline';
  }

  // The heat of the selection shown: followed live, or read as it stood when the slider is in the past.
  async refresh() {
    const s = this.store.state;
    if (s.hoursBack === 0) {
      if (this.connected) await this.subscribe();
      return;
    }
    const selection = selectionOf(s);
    const past = await api(`/api/heat?${selectionQuery(selection, { set: selection.set, at: sliderInstant(new Date(), s.hoursBack).toISOString() })}`);
    this.showSnapshot(past.areas, past.harm);
  }

  async subscribe() {
    const wanted = selectionOf(this.store.state);
    if (this.subscribed) await this.connection.invoke('Unsubscribe', this.subscribed).catch(() => {});
    this.subscribed = null;
    this.pending.clear();
    const snapshot = await this.connection.invoke('Subscribe', wanted);
    this.subscribed = wanted;
    if (this.store.state.hoursBack === 0) this.showSnapshot(snapshot.areas, snapshot.harm);
    this.page.dataset.selection = [snapshot.set, snapshot.group, snapshot.window, snapshot.month].filter(Boolean).join('|');
  }

  showSnapshot(areas, harm) {
    this.store.set({ heat: { areas: new Map(areas.map(a => [a.code, a])), changed: areas, pushed: false, harm: Boolean(harm) } });
  }

  // Pushes for the selection subscribed to are gathered and applied once a frame, however fast they come.
  received(update) {
    const s = this.subscribed;
    if (this.store.state.hoursBack !== 0 || !s || update.set !== s.set || update.group !== s.group || update.window !== s.window || (update.month ?? null) !== s.month) return;
    for (const area of update.areas) this.pending.set(area.code, area);
    requestAnimationFrame(() => this.flush());
  }

  flush() {
    if (this.pending.size === 0) return;
    const changed = [...this.pending.values()];
    this.pending.clear();
    const areas = new Map(this.store.state.heat.areas);
    for (const area of changed) areas.set(area.code, area);
    this.store.set({ heat: { areas, changed, pushed: true, harm: this.store.state.heat.harm } });
  }
}
