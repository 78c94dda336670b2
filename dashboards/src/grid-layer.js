// Micro-places over the ward map: the Gi* hot and cold cells of the grid, or the emerging hot spot patterns, drawn
// on the map the MapView made. Every cell can be reached by keyboard and says its figures in words, and the legend
// names each class, so nothing depends on colour alone.
import * as L from '../vendor/leaflet.js';
import { api } from './api.js';

const BINS = [
  { bin: 3, label: 'Hot spot, 99% confidence', colour: '#b2182b' },
  { bin: 2, label: 'Hot spot, 95% confidence', colour: '#ef8a62' },
  { bin: 1, label: 'Hot spot, 90% confidence', colour: '#fddbc7' },
  { bin: 0, label: 'Not significant', colour: '#f7f7f7' },
  { bin: -1, label: 'Cold spot, 90% confidence', colour: '#d1e5f0' },
  { bin: -2, label: 'Cold spot, 95% confidence', colour: '#67a9cf' },
  { bin: -3, label: 'Cold spot, 99% confidence', colour: '#2166ac' },
];
const colourOf = bin => BINS.find(b => b.bin === bin).colour;

export class GridLayer {
  constructor(root, store, { getMap }) {
    this.store = store;
    this.getMap = getMap;
    this.choice = root.querySelector('#grid-choice');
    this.legend = root.querySelector('#grid-legend');
    this.readout = root.querySelector('#grid-readout');
    this.layer = null;
    this.request = 0;
    this.choice.addEventListener('change', () => store.set({ gridLayer: this.choice.value }));
    store.subscribe(changed => this.follow(changed));
  }

  follow(changed) {
    const watched = ['gridLayer', 'set', 'group', 'window', 'month', 'areas', 'config'];
    if (!watched.some(f => changed.has(f))) return;
    this.draw();
  }

  async draw() {
    const s = this.store.state;
    const request = ++this.request;
    this.remove();
    this.choice.value = s.gridLayer;
    if (s.gridLayer === 'off' || !this.getMap()) {
      this.legend.hidden = true;
      this.readout.textContent = '';
      return;
    }
    const month = s.window === 'month' ? `&month=${s.month}` : '';
    const answer = s.gridLayer === 'grid'
      ? await api(`/api/hotspots/grid?set=${s.set}&group=${s.group}&window=${s.window}${month}`)
      : await api(`/api/hotspots/emerging?set=${s.set}&group=${s.group}&month=${s.month}`);
    // A later choice has been made meanwhile: its answer draws, not this one.
    if (request !== this.request) return;
    this.showLegend(answer);
    this.layer = L.geoJSON(answer.features, {
      style: f => ({ color: '#555', weight: 0.5, fillColor: colourOf(f.properties.bin), fillOpacity: f.properties.bin === 0 ? 0.25 : 0.75 }),
      onEachFeature: (feature, path) => path.on('add', () => this.describe(feature, path)),
    }).addTo(this.getMap());
  }

  describe(feature, path) {
    const element = path.getElement();
    const text = this.words(feature.properties);
    element.classList.add('grid-cell');
    element.setAttribute('tabindex', '0');
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', text);
    const show = () => { this.readout.textContent = text; };
    element.addEventListener('mouseenter', show);
    element.addEventListener('focus', show);
  }

  words(p) {
    const z = p.z === null ? 'z not defined (no variance)' : `z ${p.z.toFixed(2)}`;
    const where = `Cell ${p.easting} E, ${p.northing} N`;
    const count = `${p.count} incident${p.count === 1 ? '' : 's'}`;
    return `${where}: ${count}, ${z}, ${p.class}`;
  }

  showLegend(answer) {
    this.legend.hidden = false;
    const intro = answer.hasVariance === false ? `${answer.note} ` : '';
    const heading = Object.assign(document.createElement('p'), {
      textContent: `${intro}${this.store.state.gridLayer === 'grid' ? 'Gi* hot and cold cells' : 'Emerging hot spots: the last step\'s Gi*, pattern on each cell'}`
        + ` (${answer.cell} m cells${answer.harm ? ', harm-weighted' : ''}):`,
    });
    const items = BINS.map(b => {
      const li = document.createElement('li');
      const swatch = Object.assign(document.createElement('span'), { className: 'swatch' });
      swatch.style.background = b.colour;
      li.append(swatch, b.label);
      return li;
    });
    const list = document.createElement('ul');
    list.replaceChildren(...items);
    this.legend.replaceChildren(heading, list);
  }

  remove() {
    if (this.layer) this.layer.remove();
    this.layer = null;
  }
}
