// The Reports panel: a LAG chair or analyst picks a locality and months, previews the agenda pack as it will print,
// and downloads it (HTML, PDF, spreadsheet) with the performance summary of its wards. Downloads are plain links: the
// browser sends the session cookie with them, as with every other read.
import { api, ApiError } from './api.js';
import { packPath, downloads } from './reports.js';

export class ReportsPanel {
  constructor(root, store, { toggle, header }) {
    this.root = root;
    this.store = store;
    this.toggle = toggle;
    this.header = header;
    this.locality = root.querySelector('#rp-locality');
    this.from = root.querySelector('#rp-from');
    this.to = root.querySelector('#rp-to');
    this.status = root.querySelector('#rp-status');
    this.preview = root.querySelector('#rp-preview');
    root.querySelector('#rp-form').addEventListener('submit', event => { event.preventDefault(); this.load(); });
    toggle.addEventListener('click', () => {
      if (!root.hidden) return this.close();
      this.open();
      root.querySelector('#rp-title').focus();
    });
    root.querySelector('#rp-close').addEventListener('click', () => this.close());
    store.subscribe(changed => {
      if (changed.has('account') && !store.state.account) this.close();
    });
  }

  months() {
    return { from: this.from.value, to: this.to.value };
  }

  async open() {
    this.toggle.setAttribute('aria-pressed', 'true');
    this.root.style.top = `${Math.ceil(this.header.getBoundingClientRect().bottom) + 8}px`;
    this.root.hidden = false;
    const localities = await api('/api/localities');
    const chosen = this.locality.value;
    this.locality.replaceChildren(...localities.map(l => new Option(`${l.name} (${l.wards.length} wards)`, l.code)));
    if (localities.some(l => l.code === chosen)) this.locality.value = chosen;
    this.root.querySelector('#rp-empty').hidden = localities.length > 0;
    this.root.querySelector('#rp-form').hidden = localities.length === 0;
    if (localities.length) await this.load();
  }

  close() {
    this.toggle.setAttribute('aria-pressed', 'false');
    this.root.hidden = true;
  }

  // The preview is the pack's own HTML in a sandboxed frame (no script, no same-origin rights): it is what prints.
  async load() {
    const locality = this.locality.value;
    const months = this.months();
    this.status.textContent = 'Drawing the pack…';
    const links = this.root.querySelector('#rp-downloads');
    try {
      const response = await fetch(packPath(locality, months, 'html'), { credentials: 'same-origin' });
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        throw new ApiError(response.status, problem);
      }
      this.preview.srcdoc = await response.text();
      this.preview.hidden = false;
      links.replaceChildren(...downloads(locality, months).map(d => Object.assign(document.createElement('a'), { id: d.id, href: d.href, download: '', textContent: d.label })));
      this.status.textContent = '';
    } catch (error) {
      this.preview.hidden = true;
      this.preview.srcdoc = '';
      links.replaceChildren();
      const named = error.problem?.errors ? Object.entries(error.problem.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : error.message;
      this.status.textContent = `No pack: ${named}`;
    }
  }
}
