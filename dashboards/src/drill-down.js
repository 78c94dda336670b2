// One area's drill-down, opened for the store's selected area: counts by category, daily and monthly trends, repeat
// locations, a ward's hot streets and its alerts, for the selection shown (and the slider's time). Another area set
// closes it.
import { api } from './api.js';
import { labelFor, scoreText } from './heat.js';
import { categoryLabel, windowLabel, monthLabel, seriesLabels, selectionOf, selectionQuery, sliderInstant, thisMonth } from './shaping.js';
import { renderBarChart } from './charts.js';

export class DrillDown {
  constructor(root, store) {
    this.root = root;
    this.store = store;
    const $ = id => root.querySelector(`#${id}`);
    this.$ = $;
    $('dd-close').addEventListener('click', () => this.close());
    root.ownerDocument.addEventListener('keydown', e => { if (e.key === 'Escape' && !root.hidden) this.close(); });
    store.subscribe(changed => {
      const s = store.state;
      if ((changed.has('set') || (changed.has('account') && !s.account)) && s.selectedArea) this.close();
      else if (changed.has('selectedArea')) { if (s.selectedArea) this.load(); else this.hide(); }
      else if (s.selectedArea && ['group', 'window', 'month'].some(key => changed.has(key))) this.load();
    });
  }

  close() {
    this.store.set({ selectedArea: null });
  }

  hide() {
    this.root.hidden = true;
  }

  // A new alert for the area shown changes its alert list and perhaps its figures.
  refreshFor(code) {
    if (this.store.state.selectedArea?.code === code && !this.root.hidden) this.load();
  }

  async load() {
    const s = this.store.state;
    const wanted = s.selectedArea;
    const selection = selectionOf(s);
    const extra = s.hoursBack === 0 || s.window === 'month' ? {} : { at: sliderInstant(new Date(), s.hoursBack).toISOString() };
    // Hot streets are a ward's: a zone has no cells of its own. Without them the rest of the drill-down still shows.
    const streets = wanted.set === 'wards'
      ? api(`/api/hotspots/streets?${selectionQuery(selection, { ward: wanted.code, ...extra })}`).catch(() => undefined)
      : Promise.resolve(null);
    const { area, alerts } = await api(`/api/areas/${wanted.set}/${encodeURIComponent(wanted.code)}?${selectionQuery(selection, extra)}`);
    const hot = await streets;
    // Closed, or another area chosen, while this one was on its way.
    if (this.store.state.selectedArea !== wanted) return;
    this.render(area, alerts, wanted.code);
    this.renderStreets(hot);
  }

  // Each street with its count and the class of the cell it is counted in, in words.
  renderStreets(answer) {
    const $ = this.$;
    $('dd-streets-part').hidden = answer === null;
    if (answer === null) return;
    const item = (textContent, className = '') => Object.assign(document.createElement('li'), { textContent, className });
    if (answer === undefined) {
      $('dd-streets').replaceChildren(item('Hot streets could not be loaded.', 'empty'));
      return;
    }
    $('dd-streets-cell').textContent = `${answer.cell} m`;
    $('dd-streets').replaceChildren(...(answer.streets.length
      ? answer.streets.map(s => item(`${s.location}: ${s.count} (${s.class})`))
      : [item(answer.hotCells ? 'No location with more than one incident inside its hot cells.' : 'No hot cell in this ward.', 'empty')]));
  }

  render(area, alerts, code) {
    const $ = this.$;
    const label = slug => categoryLabel(this.store.state.categories, slug);
    this.root.dataset.code = code;
    $('dd-title').textContent = area.name;
    // Drills count on the map but are kept out of the category table and charts, so the summary says how many there are.
    const drills = area.heat.drills ? ` (${area.heat.drills} of them DRILL incidents, not in the table or charts below)` : '';
    $('dd-summary').textContent =
      `${label(area.group)}, ${windowLabel(area.window, area.month)}: ${area.heat.observed} observed${drills} against about ${area.heat.expected.toFixed(1)} expected, ${labelFor(area.heat.score, area.heat.hasBaseline)}.`;
    $('dd-categories').tBodies[0].replaceChildren(...area.categories
      .filter(c => c.observed > 0 || c.expected >= 0.5)
      .sort((a, b) => b.observed - a.observed || a.category.localeCompare(b.category))
      .map(c => {
        const tr = document.createElement('tr');
        for (const text of [label(c.category), c.observed, c.expected.toFixed(1), scoreText(c.score, c.hasBaseline)]) {
          tr.append(Object.assign(document.createElement('td'), { textContent: text }));
        }
        return tr;
      }));
    // A chosen month's trends end with that month; the live windows' end today.
    const days = seriesLabels(area.daily.from, area.daily.counts.length, false);
    const months = seriesLabels(area.monthly.from, area.monthly.counts.length, true);
    const past = area.window === 'month' && area.month !== thisMonth();
    renderBarChart($('dd-daily'), {
      values: area.daily.counts, labels: days,
      title: `${label(area.group)} per day, ${past ? `28 days to ${days.at(-1)} (incidents known only to their month have no day)` : 'last 28 days'}`, unit: 'day', every: 7,
    });
    renderBarChart($('dd-monthly'), {
      values: area.monthly.counts, labels: months,
      title: `${label(area.group)} per month, ${past ? `12 months to ${monthLabel(area.month)}` : 'last 12 months'}`, unit: 'month', every: 2,
    });
    $('dd-locations-when').textContent = past ? `12 months to ${monthLabel(area.month)}` : 'last 12 months';
    const item = (textContent, className = '') => Object.assign(document.createElement('li'), { textContent, className });
    $('dd-locations').replaceChildren(...(area.repeatLocations.length
      ? area.repeatLocations.map(l => item(`${l.location}: ${l.count}`))
      : [item('No location with more than one incident.', 'empty')]));
    $('dd-alerts').replaceChildren(...(alerts.length
      ? alerts.map(a => item(`${a.status}: ${a.explanation}`))
      : [item('No alerts for this area.', 'empty')]));
    const opening = this.root.hidden;
    this.root.hidden = false;
    if (opening) $('dd-title').focus();
  }
}
