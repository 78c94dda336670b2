// What the server says about itself (GET /api/status): a demo geography is said so, and a replay server must never
// pass for a live one, so its banner gives the period it holds (read again while a replay runs, as it grows).
import { api } from './api.js';

const REPLAY_RECHECK_MS = 15000;

export class ServerStatus {
  constructor({ replayBanner, geographyNote, page }, store) {
    this.store = store;
    this.replayBanner = replayBanner;
    this.geographyNote = geographyNote;
    this.page = page;
    this.timer = null;
    store.subscribe(changed => { if (changed.has('status')) this.show(); });
  }

  show() {
    const status = this.store.state.status;
    this.geographyNote.hidden = status.geography !== 'demo';
    this.geographyNote.textContent = status.geography === 'demo' ? status.geographyNote : '';
    const replay = status.store === 'replay';
    this.page.classList.toggle('replay', replay);
    this.replayBanner.hidden = !replay;
    if (!replay) return;
    const day = iso => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
    const period = status.replay?.from ? `${day(status.replay.from)} to ${day(status.replay.to)}` : 'nothing replayed yet';
    this.replayBanner.textContent =
      `REPLAY: not live data. This server shows replayed incidents only (times moved so that the replayed period ends as the replay ends): ${period}.`;
    this.timer ??= setInterval(async () => this.store.set({ status: await api('/api/status') }), REPLAY_RECHECK_MS);
  }
}
