// The alerts panel: active alerts newest first, each with its one-sentence explanation; analysts acknowledge (with a
// note) and resolve. New alerts flash and, unless muted, chime. A toggle shows the alerts resolved in the last weeks
// instead, so a meeting can look back at what was handled and how.
import { api } from './api.js';
import { activeAlerts, resolvedAlerts, upsertAlert, categoryLabel } from './shaping.js';

// How far back the resolved view reaches: a tasking meeting looks back over the weeks since the one before.
export const RESOLVED_DAYS = 28;

const MUTE_KEY = 'hotspots.alerts.muted';

export class AlertsPanel {
  // `announcer` is the page's live region that reads a new alert out; choosing an alert's area selects it in `store`.
  constructor(root, store, { announcer }) {
    this.root = root;
    this.store = store;
    this.announcer = announcer;
    this.list = root.querySelector('#alert-list');
    this.filter = root.querySelector('#alert-group');
    this.muteButton = root.querySelector('#alert-mute');
    this.resolvedButton = root.querySelector('#alert-resolved');
    this.showResolved = false;
    this.count = root.querySelector('#alert-count');
    this.alerts = [];
    this.items = new Map();
    this.fresh = new Set();
    this.muted = localStorage.getItem(MUTE_KEY) === 'true';
    this.showMuted();
    this.filter.addEventListener('change', () => this.render());
    this.resolvedButton.addEventListener('click', () => {
      this.showResolved = !this.showResolved;
      this.resolvedButton.setAttribute('aria-pressed', String(this.showResolved));
      this.render();
    });
    this.muteButton.addEventListener('click', () => {
      this.muted = !this.muted;
      localStorage.setItem(MUTE_KEY, String(this.muted));
      this.showMuted();
    });
    store.subscribe(changed => { if (changed.has('categories')) this.fillGroups(); });
  }

  // The list filters by the named groups; its first choice, every group, stands for "all".
  fillGroups() {
    const groups = this.store.state.categories.groups.filter(g => g.slug !== 'all');
    this.filter.replaceChildren(this.filter.options[0], ...groups.map(g => new Option(g.label, g.slug)));
  }

  get canHandle() { return this.store.state.account?.roles.includes('analyst') ?? false; }

  // The active alerts and those resolved within the resolved view's reach; older resolved ones stay on the server.
  async load() {
    const since = new Date(Date.now() - RESOLVED_DAYS * 86400000).toISOString();
    const lists = await Promise.all([
      api('/api/alerts?status=open'),
      api('/api/alerts?status=acknowledged'),
      api(`/api/alerts?status=resolved&since=${encodeURIComponent(since)}`),
    ]);
    this.setAll(lists.flat());
  }

  showMuted() {
    this.muteButton.setAttribute('aria-pressed', String(this.muted));
    this.muteButton.textContent = this.muted ? 'Sound off' : 'Sound on';
  }

  setAll(alerts) {
    this.alerts = alerts;
    this.items.clear();
    this.list.replaceChildren();
    this.render();
  }

  // An alert pushed by the hub. A raised one is announced; an update replaces the one shown, whoever made it.
  receive(alert, raised) {
    const known = this.alerts.some(a => a.id === alert.id);
    this.alerts = upsertAlert(this.alerts, alert);
    this.items.delete(alert.id);
    if (raised && !known) {
      this.fresh.add(alert.id);
      this.cue(alert);
    }
    this.render();
  }

  cue(alert) {
    this.root.classList.remove('ringing');
    void this.root.offsetWidth;
    this.root.classList.add('ringing');
    this.announcer.textContent = `New alert: ${alert.explanation}`;
    if (!this.muted) chime(alert.severity === 'high' ? 2 : 1);
  }

  render() {
    const group = this.filter.value || null;
    const shown = this.showResolved
      ? resolvedAlerts(this.alerts, group, Date.now() - RESOLVED_DAYS * 86400000)
      : activeAlerts(this.alerts, group);
    this.root.dataset.view = this.showResolved ? 'resolved' : 'active';
    this.count.textContent = String(activeAlerts(this.alerts, null).filter(a => a.status === 'open').length);
    this.root.ownerDocument.title = `${this.count.textContent === '0' ? '' : `(${this.count.textContent}) `}HotSpots`;
    const nodes = shown.map(alert => {
      const key = `${alert.id}|${alert.updatedAt}|${alert.status}`;
      let item = this.items.get(alert.id);
      if (!item || item.key !== key) {
        item = { key, node: this.renderAlert(alert) };
        this.items.set(alert.id, item);
      }
      return item.node;
    });
    if (nodes.length !== this.list.children.length || nodes.some((n, i) => this.list.children[i] !== n)) this.list.replaceChildren(...nodes);
    const empty = this.root.querySelector('#alerts-empty');
    empty.hidden = shown.length > 0;
    empty.textContent = this.showResolved ? `No alerts resolved in the last ${RESOLVED_DAYS / 7} weeks.` : 'No open alerts.';
  }

  renderAlert(alert) {
    const li = document.createElement('li');
    li.className = `alert severity-${alert.severity} status-${alert.status}`;
    // Once the drill banner is gone, only this says the alert is a training one.
    li.classList.toggle('drill', alert.origin === 'drill');
    li.dataset.origin = alert.origin ?? 'recorded';
    if (this.fresh.delete(alert.id)) li.classList.add('new');
    li.dataset.id = alert.id;
    li.dataset.status = alert.status;

    const head = document.createElement('div');
    head.className = 'alert-head';
    const severity = document.createElement('span');
    severity.className = 'severity';
    severity.textContent = alert.severity;
    const area = document.createElement('button');
    area.type = 'button';
    area.className = 'link';
    area.textContent = alert.areaName;
    area.addEventListener('click', () => this.store.set({ selectedArea: { set: alert.areaSet, code: alert.areaCode } }));
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = `${categoryLabel(this.store.state.categories, alert.group)} · ${shortTime(alert.raisedAt)}`;
    head.append(severity, area, meta);
    if (alert.origin === 'drill') {
      const badge = document.createElement('span');
      badge.className = 'drill-badge';
      badge.textContent = 'DRILL';
      head.prepend(badge);
    }

    const text = document.createElement('p');
    text.className = 'explanation';
    text.textContent = alert.explanation;
    li.append(head, text);

    if (alert.status === 'acknowledged') {
      const handled = document.createElement('p');
      handled.className = 'handled';
      handled.textContent = `Acknowledged by ${alert.handledBy ?? 'someone'}${alert.note ? `: “${alert.note}”` : ''}`;
      li.append(handled);
    }
    if (alert.status === 'resolved') {
      const handled = document.createElement('p');
      handled.className = 'handled';
      handled.textContent = `Resolved by ${alert.handledBy ?? 'someone'} on ${shortTime(alert.resolvedAt ?? alert.updatedAt)}${alert.note ? `: “${alert.note}”` : ''}`;
      li.append(handled);
    }

    if (this.canHandle && alert.status !== 'resolved') {
      const form = document.createElement('form');
      form.className = 'alert-actions';
      const label = document.createElement('label');
      label.textContent = 'Note';
      const note = document.createElement('input');
      note.name = 'note';
      note.maxLength = 500;
      note.placeholder = 'e.g. patrol tasked for tonight';
      label.append(note);
      const ack = button('Acknowledge', 'acknowledge', alert.status !== 'open');
      const resolve = button('Resolve', 'resolve', false);
      form.append(label, ack, resolve);
      form.addEventListener('submit', e => e.preventDefault());
      ack.addEventListener('click', () => this.act(li, () => this.handle(alert.id, 'acknowledge', note.value)));
      resolve.addEventListener('click', () => this.act(li, () => this.handle(alert.id, 'resolve', note.value)));
      li.append(form);
    }
    return li;
  }

  handle(id, action, note) {
    return api(`/api/alerts/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: { note } });
  }

  async act(li, action) {
    li.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      const updated = await action();
      if (updated) this.receive(updated, false);
    } catch (error) {
      const problem = document.createElement('p');
      problem.className = 'error';
      problem.setAttribute('role', 'alert');
      problem.textContent = error.message;
      li.append(problem);
      li.querySelectorAll('button').forEach(b => { b.disabled = false; });
    }
  }
}

function shortTime(iso) {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

function button(text, action, disabled) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.action = action;
  b.disabled = disabled;
  return b;
}

let audio;
// A short two-tone chime from the Web Audio API: no sound file to serve, and it plays once the page has had a click.
function chime(times) {
  try {
    audio ??= new AudioContext();
    for (let i = 0; i < times; i++) {
      for (const [offset, frequency] of [[0, 880], [0.18, 660]]) {
        const start = audio.currentTime + i * 0.45 + offset;
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
        osc.connect(gain).connect(audio.destination);
        osc.start(start);
        osc.stop(start + 0.17);
      }
    }
  } catch {
    // Sound is a courtesy; the visual cue and the announcement carry the alert.
  }
}
