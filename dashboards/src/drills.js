// Drills: an admin injects a scenario's training incidents, and every screen shows a DRILL banner when one is recorded
// so that nobody takes its alerts for real ones.
import { api } from './api.js';

export class Drills {
  constructor(root, store, { banner }) {
    this.root = root;
    this.store = store;
    this.banner = banner;
    this.scenario = root.querySelector('#drill-scenario');
    this.result = root.querySelector('#drill-result');
    root.querySelector('#drill-form').addEventListener('submit', event => { event.preventDefault(); this.run(); });
    store.subscribe(changed => {
      if (changed.has('account')) this.showTools();
      if (changed.has('drill')) this.showBanner();
    });
  }

  async showTools() {
    const admin = this.store.state.account?.roles.includes('admin') ?? false;
    if (admin) {
      const scenarios = await api('/api/drills/scenarios');
      this.scenario.replaceChildren(...scenarios.map(s => new Option(`${s.name}: ${s.description}`, s.name)));
    }
    this.root.hidden = !admin;
  }

  showBanner() {
    const drill = this.store.state.drill;
    this.banner.hidden = !drill;
    this.banner.textContent = drill ? `DRILL ${drill.id}: ${drill.description} (${drill.areaName}). Training only: not real incidents.` : '';
  }

  async run() {
    try {
      const run = await api('/api/drills', { method: 'POST', body: { scenario: this.scenario.value } });
      this.result.textContent = `Drill ${run.id} injected.`;
    } catch (error) {
      this.result.textContent = error.message;
    }
  }
}
