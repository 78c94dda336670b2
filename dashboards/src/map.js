// The ward (or zone) choropleth on Leaflet. No base map by default: boundaries alone read well on a wall screen and
// need nothing from the internet; a tile URL in configuration adds one.
import * as L from '../vendor/leaflet.js';
import { colourFor, labelFor } from './heat.js';

const LABEL_ALL_UP_TO = 40;
const HOT_LABELS = 12;
const PULSE_MS = 1500;
const RINGS = 16;
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

export class HeatMap {
  constructor(element, { tileUrl, tileAttribution, home, onSelect }) {
    this.onSelect = onSelect;
    this.home = { name: home.name, codes: new Set(home.wardCodes) };
    this.showingAll = false;
    this.map = L.map(element, { zoomSnap: 0.25, attributionControl: true, preferCanvas: false, keyboard: true });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution('Boundaries: Contains OS data © Crown copyright and database right');
    if (tileUrl) L.tileLayer(tileUrl, { attribution: tileAttribution ?? '', maxZoom: 18 }).addTo(this.map);
    this.layers = new Map();
    this.heat = new Map();
    this.labelTimer = null;
    this.pulsing = new Map();
    // A fixed pool of ring elements in their own pane: a pulse moves one and animates it, adding nothing to the page.
    const pane = this.map.createPane('pulses');
    this.rings = Array.from({ length: RINGS }, () => L.DomUtil.create('span', 'pulse-ring', pane));
    this.freeRings = [...this.rings];
    // With more wards than the partnership's own (all of Essex), the map opens on the partnership's; this toggles.
    this.extent = L.DomUtil.create('button', 'map-extent', L.DomUtil.create('div', 'leaflet-bar map-extent-bar'));
    this.extent.type = 'button';
    this.extent.id = 'map-extent';
    L.DomEvent.disableClickPropagation(this.extent);
    this.extent.addEventListener('click', () => {
      this.showingAll = !this.showingAll;
      this.fit();
    });
    new (L.Control.extend({ onAdd: () => this.extent.parentElement }))({ position: 'topright' }).addTo(this.map);
    // Names are placed afresh at each zoom: what collides at one scale may not at another.
    this.map.on('zoomend', () => this.declutterLabels());
    // The map's box changes with meeting mode, printing and window size; Leaflet must be told.
    new ResizeObserver(() => this.resize()).observe(element);
  }

  // Draws the chosen set as the choropleth with the other set as outlines: zones over wards, or wards under zones.
  show(set, wards, zones) {
    this.map.eachLayer(layer => { if (!(layer instanceof L.TileLayer)) this.map.removeLayer(layer); });
    this.layers.clear();
    this.heat.clear();
    // A refresh due for the set being left would unlabel the new set's areas (zones lost their names on the Essex map).
    clearTimeout(this.labelTimer);
    this.labelTimer = null;
    this.map.getContainer().dataset.labels = 'current';
    this.set = set;
    this.localityBounds = null;
    const active = set === 'wards' ? wards : zones;
    const outline = set === 'wards' ? zones : wards;
    // Leaflet creates a layer's SVG only once the map has a view, so the view comes first.
    const homeWards = set === 'wards' ? wards.filter(f => this.home.codes.has(f.properties.code)) : [];
    this.allBounds = L.geoJSON(active).getBounds();
    this.homeBounds = homeWards.length > 0 && homeWards.length < wards.length ? L.geoJSON(homeWards).getBounds() : null;
    this.extent.parentElement.hidden = !this.homeBounds;
    this.areaCount = active.length;
    this.fit();
    if (set === 'zones') L.geoJSON(outline, { interactive: false, style: { className: 'outline ward-outline', weight: 0.6, color: '#666', fill: false } }).addTo(this.map);
    const layer = L.geoJSON(active, {
      style: () => ({ className: `area ${set === 'wards' ? 'ward' : 'zone'}`, weight: 0.8, color: '#333', fillColor: colourFor(0), fillOpacity: 0.85 }),
      onEachFeature: (feature, path) => {
        this.layers.set(feature.properties.code, { path, feature });
        path.on('click', () => this.onSelect(feature.properties.code));
      },
    }).addTo(this.map);
    if (set === 'wards') L.geoJSON(outline, { interactive: false, style: { className: 'outline zone-outline', weight: 2.5, color: '#111', dashArray: '6 4', fill: false } }).addTo(this.map);

    for (const [code, { path, feature }] of this.layers) {
      const el = path.getElement();
      el.dataset.code = code;
      el.dataset.name = feature.properties.name;
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', feature.properties.name);
      el.addEventListener('keydown', e => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.onSelect(code); }
      });
      if (this.layers.size <= LABEL_ALL_UP_TO) {
        path.bindTooltip(feature.properties.name, { permanent: true, direction: 'center', className: 'area-label', interactive: false });
      }
    }
    this.declutterLabels();
    return this.layers.size;
  }

  // Dims the areas outside `codes` (a locality's wards; null for none) and frames the map on the rest. They stay
  // selectable: a ward next door is still a click away from its drill-down.
  limitTo(codes) {
    const inside = L.latLngBounds([]);
    for (const [code, { path }] of this.layers) {
      const outside = Boolean(codes) && !codes.has(code);
      path.getElement().classList.toggle('outside', outside);
      if (codes && !outside) inside.extend(path.getBounds());
    }
    this.localityBounds = inside.isValid() ? inside : null;
    this.extent.parentElement.hidden = !this.homeBounds || Boolean(this.localityBounds);
    this.fit();
  }

  fit() {
    const bounds = this.localityBounds ?? (this.homeBounds && !this.showingAll ? this.homeBounds : this.allBounds);
    if (this.homeBounds) {
      this.extent.textContent = this.showingAll ? `Zoom to ${this.home.name}` : `Zoom out to all ${this.areaCount} areas`;
      this.extent.setAttribute('aria-pressed', String(this.showingAll));
    }
    if (bounds?.isValid()) this.map.fitBounds(bounds, { padding: [12, 12], animate: false });
  }

  // A name that would overlap one already placed is hidden (the area keeps its name in its spoken label and in the
  // ranking). The hottest areas' names are placed first, then the largest, so the names a meeting looks for stay.
  declutterLabels() {
    const labels = [];
    for (const [code, { path }] of this.layers) {
      const label = path.getTooltip()?.getElement();
      if (!label) continue;
      const area = path.getElement().getBoundingClientRect();
      labels.push({ label, box: label.getBoundingClientRect(), score: this.heat.get(code)?.score ?? 0, size: area.width * area.height });
    }
    labels.sort((a, b) => b.score - a.score || b.size - a.size);
    const placed = [];
    for (const { label, box } of labels) {
      const collides = placed.some(p => box.left < p.right && p.left < box.right && box.top < p.bottom && p.top < box.bottom);
      label.classList.toggle('label-hidden', collides);
      if (!collides) placed.push(box);
    }
  }

  resize() {
    this.map.invalidateSize({ pan: false });
    this.fit();
  }

  // Chrome lays out the printed page without running resize observers or animation frames, so a map fitted on
  // screen printed as part of itself. Before printing it is given its printed size (the print stylesheet's box, in
  // millimetres, which mean the same on screen) and fitted there; after printing it goes back.
  sizeForPrint(width, height) {
    Object.assign(this.map.getContainer().style, { width, height, flex: 'none' });
    this.resize();
  }

  sizeForScreen() {
    Object.assign(this.map.getContainer().style, { width: '', height: '', flex: '' });
    this.resize();
  }

  // Colours areas by heat. With `pulse`, areas whose counts changed flash briefly so that a meeting sees where.
  apply(areas, pulse) {
    for (const area of areas) {
      const entry = this.layers.get(area.code);
      if (!entry) continue;
      const previous = this.heat.get(area.code);
      this.heat.set(area.code, area);
      // Straight to the attribute, and only when the colour changes: Leaflet's setStyle rewrites every style
      // attribute, and each rewrite costs the page a style recalculation.
      const colour = colourFor(area.score, area.hasBaseline);
      const el = entry.path.getElement();
      if (entry.path.options.fillColor !== colour) {
        entry.path.options.fillColor = colour;
        el.setAttribute('fill', colour);
      }
      el.dataset.observed = area.observed;
      el.dataset.score = area.score;
      el.dataset.baseline = String(area.hasBaseline !== false);
      el.dataset.drills = area.drills ?? 0;
      el.classList.toggle('drill', (area.drills ?? 0) > 0);
      const drills = area.drills ? `, ${area.drills} of them DRILL incidents` : '';
      el.setAttribute('aria-label',
        `${area.name}: ${area.observed} observed${drills}, about ${area.expected.toFixed(1)} expected, ${area.hasBaseline === false ? labelFor(area.score, false) : `${labelFor(area.score)} (heat ${area.score.toFixed(2)})`}`);
      if (pulse && previous && previous.observed !== area.observed) this.pulse(area.code, el);
    }
    if (this.layers.size > LABEL_ALL_UP_TO) this.scheduleHotLabels();
    else this.declutterLabels();
  }

  // A changed area is outlined for a moment and a ring spreads from its middle. The ring is its own layer animated
  // by transform and opacity, which the compositor runs without repainting the map: fifty changes a second stay smooth.
  pulse(code, el) {
    el.classList.add('pulse');
    el.dataset.pulsedAt = String(Date.now());
    clearTimeout(this.pulsing.get(code));
    this.pulsing.set(code, setTimeout(() => { el.classList.remove('pulse'); this.pulsing.delete(code); }, PULSE_MS));
    if (reducedMotion.matches || this.freeRings.length === 0) return;
    const ring = this.freeRings.pop();
    // Left and top, not Leaflet's translate: the animation below owns the ring's transform.
    const at = this.map.latLngToLayerPoint(this.layers.get(code).path.getCenter());
    ring.style.left = `${at.x}px`;
    ring.style.top = `${at.y}px`;
    ring.animate(
      [{ transform: 'translate(-50%, -50%) scale(0.3)', opacity: 0.95 }, { transform: 'translate(-50%, -50%) scale(2.4)', opacity: 0 }],
      { duration: 1200, easing: 'ease-out' }).finished.then(() => this.freeRings.push(ring));
  }

  // With many areas, only the hottest are named, refreshed at most once a second.
  scheduleHotLabels() {
    if (this.labelTimer) return;
    // Said on the element, so a wall screen's checks can tell when the names shown are the current hottest.
    this.map.getContainer().dataset.labels = 'due';
    this.labelTimer = setTimeout(() => {
      this.labelTimer = null;
      this.map.getContainer().dataset.labels = 'current';
      const hot = new Set([...this.heat.values()].filter(a => a.score >= 2 && a.hasBaseline !== false).sort((a, b) => b.score - a.score).slice(0, HOT_LABELS).map(a => a.code));
      for (const [code, { path, feature }] of this.layers) {
        const labelled = Boolean(path.getTooltip());
        if (hot.has(code) && !labelled) path.bindTooltip(feature.properties.name, { permanent: true, direction: 'center', className: 'area-label', interactive: false });
        else if (!hot.has(code) && labelled) path.unbindTooltip();
      }
      this.declutterLabels();
    }, 1000);
  }

  select(code) {
    for (const [c, { path }] of this.layers) path.getElement().classList.toggle('selected', c === code);
  }
}
