// The operation leads' panel: pick an operation, see each zone before against during, the R/D/C map with the buffer
// drawn, the WDD/WDQ table and each zone's reading, and export the figures.
import * as L from '../vendor/leaflet.js';
import { api } from './api.js';
import { renderBarChart } from './charts.js';
import { evaluationPath, tableRows, periodBars, dosageLine } from './operations.js';
import { OperationEditor } from './operation-editor.js';

export class OperationsPanel {
  // `toggle` opens and closes the panel; it is placed below `header`. The API decides who may make operations; the
  // panel offers it to analysts and admins.
  constructor(root, store, { toggle, header }) {
    this.root = root;
    this.store = store;
    this.toggle = toggle;
    this.header = header;
    this.editor = null;
    this.select = root.querySelector('#op-select');
    this.group = root.querySelector('#op-group');
    this.form = root.querySelector('#op-form');
    this.form.addEventListener('submit', event => { event.preventDefault(); this.load(); });
    this.select.addEventListener('change', () => this.chooseOperation());
    window.addEventListener('resize', () => { if (!root.hidden) this.placeBelowHeader(); });
    toggle.addEventListener('click', () => {
      if (!root.hidden) return this.close();
      this.open();
      root.querySelector('#op-title').focus();
    });
    root.querySelector('#op-close').addEventListener('click', () => this.close());
    root.querySelector('#op-new').addEventListener('click', () => this.edit(null));
    root.querySelector('#op-edit').addEventListener('click', () => this.edit(this.operations.find(o => o.id === this.select.value)));
    store.subscribe(changed => {
      if (changed.has('account') && !store.state.account) this.close();
      // Zones redrawn or a new ward set: the evaluation shown is read again.
      else if (changed.has('areas') && !root.hidden) this.load();
    });
  }

  get wards() { return this.store.state.areas.wards; }

  get canManage() { return this.store.state.account?.roles.includes('analyst') ?? false; }

  async open(selected) {
    this.editor?.close();
    this.toggle.setAttribute('aria-pressed', 'true');
    this.placeBelowHeader();
    this.root.hidden = false;
    this.operations = await api('/api/operations');
    this.select.replaceChildren(...this.operations.map(o => new Option(`${o.name} (${o.type})`, o.id)));
    if (selected) this.select.value = selected;
    this.root.querySelector('#op-empty').hidden = this.operations.length > 0;
    this.form.hidden = this.operations.length === 0;
    this.root.querySelector('#op-manage').hidden = !this.canManage;
    this.root.querySelector('#op-edit').hidden = this.operations.length === 0;
    if (this.operations.length) await this.chooseOperation();
  }

  // The header wraps to two rows on narrower screens (1366 px): the panel starts below it, not over its buttons.
  placeBelowHeader() {
    this.root.style.top = `${Math.ceil(this.header.getBoundingClientRect().bottom) + 8}px`;
  }

  close() {
    this.editor?.close();
    this.toggle.setAttribute('aria-pressed', 'false');
    this.root.hidden = true;
  }

  // While the form is open the evaluation below it is hidden (styles.css): it would be of the operation as it was.
  async edit(operation) {
    this.root.querySelector('#op-saved').textContent = '';
    this.root.classList.add('editing');
    const { tileUrl: url, tileAttribution: attribution } = this.store.state.config;
    this.editor ??= new OperationEditor(this.root.querySelector('#op-editor'), {
      tiles: { url, attribution },
      onSaved: (id, name) => this.saved(id, name),
      onClosed: () => this.root.classList.remove('editing'),
    });
    await this.editor.open(operation, this.wards, this.store.state.categories.groups);
  }

  async saved(id, name) {
    this.root.classList.remove('editing');
    this.root.querySelector('#op-saved').textContent = `Saved ${name}.`;
    await this.open(id);
  }

  async chooseOperation() {
    const operation = this.operations.find(o => o.id === this.select.value);
    this.group.replaceChildren(...operation.targetGroups.map(g => new Option(g, g)));
    await this.load();
  }

  query() {
    return { group: this.group.value, before: this.root.querySelector('#op-before').value.trim(), during: this.root.querySelector('#op-during').value.trim() };
  }

  async load() {
    const id = this.select.value;
    const status = this.root.querySelector('#op-status');
    status.textContent = 'Evaluating…';
    try {
      const [evaluation, layout] = await Promise.all([api(evaluationPath(id, this.query())), api(`/api/operations/${encodeURIComponent(id)}/layout`)]);
      this.render(evaluation, layout);
      status.textContent = '';
    } catch (error) {
      status.textContent = `No evaluation: ${error.message}`;
    }
  }

  render(evaluation, layout) {
    const periods = evaluation.periods.map(p => `${p.name} ${p.ranges.join(', ')} (${p.days} days)`).join('; ');
    this.root.querySelector('#op-periods').textContent = `${evaluation.group}: ${periods}. Control: ${evaluation.control}. Buffer ${evaluation.bufferInnerMetres}–${evaluation.bufferOuterMetres} m beyond each zone.`;
    const body = this.root.querySelector('#op-table tbody');
    body.replaceChildren(...tableRows(evaluation).map(row => {
      const tr = document.createElement('tr');
      tr.dataset.zone = row.zone;
      if (row.tooFew) tr.className = 'too-few';
      tr.append(...row.cells.map(text => Object.assign(document.createElement('td'), { textContent: text })));
      return tr;
    }));
    this.root.querySelector('#op-readings').replaceChildren(...evaluation.zones.map(zone => {
      const li = document.createElement('li');
      li.dataset.zone = zone.zone;
      const title = Object.assign(document.createElement('strong'), { textContent: zone.name });
      const reading = Object.assign(document.createElement('p'), { className: 'reading', textContent: zone.during.reading });
      const dosage = Object.assign(document.createElement('p'), { className: 'dosage', textContent: dosageLine(zone) });
      const cautions = zone.cautions.map(c => Object.assign(document.createElement('p'), { className: 'caution', textContent: c }));
      li.append(title, reading, dosage, ...cautions);
      return li;
    }));
    const bars = periodBars(evaluation);
    renderBarChart(this.root.querySelector('#op-chart'), { ...bars, title: 'Incidents in each zone, before and during', unit: 'period' });
    const csv = this.root.querySelector('#op-export');
    csv.href = evaluationPath(evaluation.operation, this.query(), 'csv');
    csv.download = `${evaluation.operation}-${evaluation.group}-evaluation.csv`;
    this.drawMap(layout);
  }

  drawMap(layout) {
    const element = this.root.querySelector('#op-map');
    this.map ??= L.map(element, { zoomSnap: 0.25, attributionControl: false });
    this.map.eachLayer(layer => this.map.removeLayer(layer));
    L.geoJSON(this.wards, { interactive: false, style: { className: 'op-control', weight: 0.6, color: '#777', fillColor: '#c7d7e8', fillOpacity: 0.35 } }).addTo(this.map);
    const role = feature => feature.properties.role;
    const styles = {
      excluded: { className: 'op-excluded', color: '#444', weight: 1, dashArray: '4 3', fillColor: '#ffffff', fillOpacity: 0.85 },
      buffer: { className: 'op-buffer', color: '#b35806', weight: 1.5, fillColor: '#fdb863', fillOpacity: 0.6 },
      zone: { className: 'op-zone', color: '#542788', weight: 2, fillColor: '#8073ac', fillOpacity: 0.7 },
    };
    const drawn = L.geoJSON(layout, { style: feature => styles[role(feature)] }).bindTooltip(layer => `${layer.feature.properties.name} (${role(layer.feature)})`).addTo(this.map);
    this.map.fitBounds(drawn.getBounds(), { padding: [12, 12] });
  }
}
