// The operation form: an analyst or operation lead creates or changes an operation, picks its zones or draws a new
// one (a polygon of clicked corners, or a centre and radius), and sees each of the API's refusals beside its field.
import * as L from '../vendor/leaflet.js';
import { api, ApiError } from './api.js';
import { operationTypes, operationBody, zoneBody, hasZoneDraft, fieldMessages } from './operation-form.js';

const zoneStyle = { className: 'ope-zone', color: '#542788', weight: 1.5, fillColor: '#8073ac', fillOpacity: 0.35, interactive: false };

export class OperationEditor {
  constructor(form, { tiles, onSaved, onClosed }) {
    this.form = form;
    this.tiles = tiles;
    this.onSaved = onSaved;
    this.onClosed = onClosed;
    this.corners = [];
    const $ = id => form.querySelector(`#${id}`);
    this.$ = $;
    $('ope-type').replaceChildren(...operationTypes.map(([value, label]) => new Option(label, value)));
    this.fields = new Map([...form.querySelectorAll('.field[data-field]')].map(field => {
      const error = Object.assign(document.createElement('p'), { className: 'field-error', id: `ope-error-${field.dataset.field.replace('.', '-')}` });
      field.append(error);
      for (const control of field.querySelectorAll('input, select')) control.setAttribute('aria-errormessage', error.id);
      return [field.dataset.field, { field, error }];
    }));
    $('ope-add-period').addEventListener('click', () => this.addPeriod());
    $('ope-undo').addEventListener('click', () => { this.corners.pop(); this.drawDraft(); });
    $('ope-clear').addEventListener('click', () => { this.corners = []; this.drawDraft(); });
    $('ope-cancel').addEventListener('click', () => this.close());
    for (const radio of form.querySelectorAll('input[name=ope-shape]')) radio.addEventListener('change', () => this.chooseShape());
    for (const id of ['ope-lat', 'ope-lon', 'ope-radius']) $(id).addEventListener('input', () => this.drawDraft());
    form.addEventListener('submit', event => { event.preventDefault(); this.save(); });
  }

  get shape() { return this.form.querySelector('input[name=ope-shape]:checked').value; }

  // Opens the form empty (a new operation) or filled from `operation`, with the live zones to choose from and the
  // named `groups` (GET /api/categories) given as the examples of a target.
  async open(operation, wards, groups) {
    const $ = this.$;
    const zones = await api('/api/zones');
    $('op-editor-title').textContent = operation ? `Edit ${operation.name}` : 'New operation';
    $('ope-id').value = operation?.id ?? '';
    $('ope-id').readOnly = Boolean(operation);
    $('ope-name').value = operation?.name ?? '';
    $('ope-type').value = operation?.type ?? 'dial';
    $('ope-groups').value = (operation?.targetGroups ?? ['asb']).join(', ');
    $('ope-groups-hint').textContent = `${groups.map(g => g.slug).join(', ')}, or categories; separated by commas`;
    $('ope-hours').value = operation?.fundedPatrolHours ?? '';
    $('ope-buffer-inner').value = operation?.bufferInnerMetres ?? 200;
    $('ope-buffer-outer').value = operation?.bufferOuterMetres ?? 400;
    $('ope-periods').replaceChildren();
    for (const period of operation?.activePeriods?.length ? operation.activePeriods : [{}]) this.addPeriod(period);
    const control = new Set(operation?.controlWards ?? []);
    const byName = [...wards].sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'en-GB'));
    $('ope-control').replaceChildren(...byName.map(w => new Option(w.properties.name, w.properties.code, false, control.has(w.properties.code))));
    const chosen = new Set(operation?.zones ?? []);
    $('ope-zone-list').replaceChildren(...zones.map(z => this.zoneChoice(z.code, z.name, chosen.has(z.code))));
    for (const id of ['ope-zone-code', 'ope-zone-name', 'ope-lat', 'ope-lon']) $(id).value = '';
    $('ope-radius').value = 300;
    this.form.querySelector('input[name=ope-shape][value=polygon]').checked = true;
    this.corners = [];
    this.showErrors(new Map());
    this.form.hidden = false;
    this.chooseShape();
    this.drawMap(wards, zones);
    $(operation ? 'ope-name' : 'ope-id').focus();
  }

  close() {
    this.form.hidden = true;
    this.onClosed?.();
  }

  zoneChoice(code, name, checked) {
    const label = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: code, checked });
    label.append(box, ` ${name} `, Object.assign(document.createElement('small'), { textContent: code }));
    return label;
  }

  addPeriod({ start = '', end = '' } = {}) {
    const li = document.createElement('li');
    const date = (label, value, cls) => {
      const wrap = Object.assign(document.createElement('label'), { textContent: `${label} ` });
      wrap.append(Object.assign(document.createElement('input'), { type: 'date', value: value ?? '', className: cls }));
      return wrap;
    };
    const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: 'Remove' });
    remove.addEventListener('click', () => li.remove());
    li.append(date('Start', start, 'period-start'), date('End', end, 'period-end'), remove);
    this.$('ope-periods').append(li);
  }

  chooseShape() {
    const circle = this.shape === 'circle';
    this.$('ope-circle-fields').hidden = !circle;
    this.$('ope-polygon-tools').hidden = circle;
    this.drawDraft();
  }

  drawMap(wards, zones) {
    const element = this.$('ope-map');
    if (!this.map) {
      this.map = L.map(element, { zoomSnap: 0.25, attributionControl: Boolean(this.tiles?.url), doubleClickZoom: false });
      this.map.on('click', event => this.place(event.latlng));
    }
    this.map.invalidateSize();
    this.map.eachLayer(layer => this.map.removeLayer(layer));
    // Streets, where the service has a tile server, are what a zone is drawn around; the wards alone are too coarse.
    if (this.tiles?.url) L.tileLayer(this.tiles.url, { attribution: this.tiles.attribution ?? '', maxZoom: 18 }).addTo(this.map);
    // Wards name themselves on hover so a lead can find the street; their clicks still reach the map.
    const drawn = L.geoJSON(wards, { style: { className: 'ope-ward', weight: 0.7, color: '#777', fillColor: '#e8eef4', fillOpacity: this.tiles?.url ? 0.1 : 0.5 } })
      .bindTooltip(layer => layer.feature.properties.name, { sticky: true });
    // The view is set before anything is added: a circle added to a map with no view yet makes Leaflet's renderer
    // wait until after the wards, which then draw against a renderer that has no bounds yet.
    this.map.fitBounds(drawn.getBounds(), { padding: [8, 8] });
    drawn.addTo(this.map);
    for (const zone of zones) {
      const shape = zone.shape.circle
        ? L.circle([zone.shape.circle.latitude, zone.shape.circle.longitude], { radius: zone.shape.circle.radiusMetres })
        : L.geoJSON(zone.shape.geometry);
      shape.setStyle(zoneStyle);
      shape.addTo(this.map);
    }
    this.draft = L.layerGroup().addTo(this.map);
    this.drawDraft();
  }

  place(latlng) {
    if (this.shape === 'circle') {
      this.$('ope-lat').value = latlng.lat.toFixed(6);
      this.$('ope-lon').value = latlng.lng.toFixed(6);
    } else {
      this.corners.push([latlng.lat, latlng.lng]);
    }
    this.drawDraft();
  }

  // Any change to the drawing answers the last refusal of its shape.
  drawDraft() {
    this.showFieldError('zone.shape', []);
    const count = this.corners.length;
    this.$('ope-corners').textContent = `${count} corner${count === 1 ? '' : 's'}`;
    if (!this.draft) return;
    this.draft.clearLayers();
    const style = { className: 'ope-draft', color: '#b35806', weight: 2.5, fillColor: '#fdb863', fillOpacity: 0.5, interactive: false };
    if (this.shape === 'circle') {
      const [lat, lon, radius] = ['ope-lat', 'ope-lon', 'ope-radius'].map(id => Number.parseFloat(this.$(id).value));
      if (Number.isFinite(lat) && Number.isFinite(lon) && radius > 0) L.circle([lat, lon], { radius, ...style }).addTo(this.draft);
    } else if (count >= 3) {
      L.polygon(this.corners, style).addTo(this.draft);
    } else if (count > 0) {
      L.polyline(this.corners, style).addTo(this.draft);
    }
    for (const corner of this.shape === 'circle' ? [] : this.corners) {
      L.circleMarker(corner, { className: 'ope-corner', radius: 4, color: '#7f3b08', fillOpacity: 1, interactive: false }).addTo(this.draft);
    }
  }

  values() {
    const $ = this.$;
    return {
      id: $('ope-id').value.trim(),
      name: $('ope-name').value,
      type: $('ope-type').value,
      zones: [...$('ope-zone-list').querySelectorAll('input:checked')].map(box => box.value),
      periods: [...$('ope-periods').children].map(li => ({ start: li.querySelector('.period-start').value, end: li.querySelector('.period-end').value })),
      targetGroups: $('ope-groups').value,
      controlWards: [...$('ope-control').selectedOptions].map(o => o.value),
      fundedPatrolHours: $('ope-hours').value,
      bufferInnerMetres: $('ope-buffer-inner').value,
      bufferOuterMetres: $('ope-buffer-outer').value,
    };
  }

  zoneDraft() {
    const $ = this.$;
    return {
      code: $('ope-zone-code').value.trim(), name: $('ope-zone-name').value, shape: this.shape, corners: this.corners,
      latitude: $('ope-lat').value, longitude: $('ope-lon').value, radiusMetres: $('ope-radius').value,
    };
  }

  // The new zone is saved first, as the operation names it; once saved it becomes one of the zones to tick, so a
  // refusal of the operation that follows does not make it again.
  async save() {
    const submit = this.form.querySelector('button[type=submit]');
    submit.disabled = true;
    this.showErrors(new Map());
    try {
      const draft = this.zoneDraft();
      if (hasZoneDraft(draft)) {
        const body = zoneBody(draft);
        const ok = await this.attempt('zone.', () => api(`/api/zones/${encodeURIComponent(draft.code || ' ')}`, { method: 'PUT', body }));
        if (!ok) return;
        this.$('ope-zone-list').append(this.zoneChoice(draft.code, body.name, true));
        (body.circle ? L.circle([body.circle.latitude, body.circle.longitude], { radius: body.circle.radiusMetres, ...zoneStyle }) : L.geoJSON(body.geometry, { style: zoneStyle }))
          .addTo(this.map);
        for (const id of ['ope-zone-code', 'ope-zone-name', 'ope-lat', 'ope-lon']) this.$(id).value = '';
        this.corners = [];
        this.drawDraft();
      }
      const values = this.values();
      const ok = await this.attempt('', () => api(`/api/operations/${encodeURIComponent(values.id || ' ')}`, { method: 'PUT', body: operationBody(values) }));
      if (!ok) return;
      this.form.hidden = true;
      await this.onSaved(values.id, values.name.trim());
    } finally {
      submit.disabled = false;
    }
  }

  async attempt(prefix, request) {
    try {
      await request();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const messages = fieldMessages(error.problem);
      this.showErrors(new Map([...messages].map(([field, list]) => [field ? `${prefix}${field}` : '', list])));
      return false;
    }
  }

  showFieldError(name, list) {
    const { field, error } = this.fields.get(name);
    error.textContent = list.join('; ');
    field.classList.toggle('invalid', list.length > 0);
    for (const control of field.querySelectorAll('input, select')) control.setAttribute('aria-invalid', String(list.length > 0));
  }

  showErrors(messages) {
    const unplaced = [];
    for (const [field, list] of messages) if (!this.fields.has(field)) unplaced.push(...list);
    for (const name of this.fields.keys()) this.showFieldError(name, messages.get(name) ?? []);
    this.$('ope-error').textContent = unplaced.join('; ');
    this.form.querySelector('.field.invalid')?.scrollIntoView({ block: 'nearest' });
  }
}
