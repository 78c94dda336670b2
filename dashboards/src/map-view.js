// The heat map and its legend, following the store: the chosen area set drawn, heat applied as it comes (pushed
// changes pulse), a chosen locality's wards framed and the rest dimmed, the selected area outlined, and the map
// refitted for meeting mode and print.
import { HeatMap } from './map.js';
import { steps, noBaseline, legendIntro, harmNote } from './heat.js';
import { localityWards } from './localities.js';

// The map's box on an A4 landscape page with 12 mm margins (styles.css, @media print), less the panel's padding.
const PRINTED_MAP = { width: '268mm', height: '120mm' };

export class MapView {
  constructor(root, store) {
    this.store = store;
    this.element = root.querySelector('#map');
    this.map = null;
    root.querySelector('#legend-intro').textContent = legendIntro;
    this.harmNote = root.querySelector('#legend-harm');
    this.harmNote.textContent = harmNote;
    root.querySelector('#legend-steps').replaceChildren(...[...steps, noBaseline].map(s => {
      const li = document.createElement('li');
      const swatch = Object.assign(document.createElement('span'), { className: 'swatch' });
      swatch.style.background = s.colour;
      li.append(swatch, s.label);
      return li;
    }));
    store.subscribe(changed => this.follow(changed));
  }

  follow(changed) {
    const s = this.store.state;
    // Made once the server has said which base map and home area to use, and the page that holds it is shown.
    if (!this.map && s.config) {
      const { tileUrl, tileAttribution, home } = s.config;
      this.map = new HeatMap(this.element, { tileUrl, tileAttribution, home, onSelect: code => this.store.set({ selectedArea: { set: this.store.state.set, code } }) });
      changed = new Set([...changed, 'areas']);
    }
    if (!this.map) return;
    if (changed.has('areas') || changed.has('set')) this.map.show(s.set, s.areas.wards, s.areas.zones);
    if (['areas', 'set', 'locality', 'localities'].some(key => changed.has(key))) this.map.limitTo(localityWards(s));
    if (changed.has('heat')) {
      this.map.apply(s.heat.changed, s.heat.pushed);
      this.harmNote.hidden = !s.heat.harm;
    }
    if (changed.has('selectedArea')) this.map.select(s.selectedArea?.code ?? null);
    if (changed.has('meeting')) requestAnimationFrame(() => this.map.resize());
    // Chrome lays out the printed page without running resize observers, so the map is sized for the page first.
    if (changed.has('printing')) {
      if (s.printing) this.map.sizeForPrint(PRINTED_MAP.width, PRINTED_MAP.height);
      else this.map.sizeForScreen();
    }
  }
}
