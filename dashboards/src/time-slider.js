// The time slider under the map: heat as it stood up to 7 days back, by the hour, and a player that runs it forward
// to Live. `refresh` reads the heat for the slider's time (the live connection's).
import { sliderLabel } from './shaping.js';

const PLAY_FROM_HOURS = 168;
const PLAY_STEP_HOURS = 3;
const PLAY_STEP_MS = 350;
// Dragging asks for heat once the hand rests, not at every hour passed on the way.
const DRAG_SETTLE_MS = 120;

export class TimeSlider {
  constructor(root, store, { banner, page, refresh }) {
    this.store = store;
    this.banner = banner;
    this.page = page;
    this.refresh = refresh;
    this.input = root.querySelector('#time');
    this.label = root.querySelector('#time-label');
    this.player = root.querySelector('#play');
    this.settle = null;
    this.playing = null;
    this.input.addEventListener('input', () => {
      store.set({ hoursBack: -Number(this.input.value) });
      clearTimeout(this.settle);
      this.settle = setTimeout(() => this.refresh(), DRAG_SETTLE_MS);
    });
    this.player.addEventListener('click', () => (this.playing ? this.stop() : this.play()));
    store.subscribe(changed => {
      if (changed.has('hoursBack')) this.show();
      // A calendar month has no hours to go back through.
      if (changed.has('window')) this.input.disabled = this.player.disabled = store.state.window === 'month';
    });
  }

  show() {
    const hours = this.store.state.hoursBack;
    this.input.value = String(-hours);
    this.label.textContent = sliderLabel(new Date(), hours);
    this.banner.hidden = hours === 0;
    this.banner.textContent = hours === 0 ? '' : `${sliderLabel(new Date(), hours)}: live updates resume when the slider is back at Live.`;
    this.page.classList.toggle('past', hours !== 0);
  }

  play() {
    if (this.store.state.hoursBack === 0) this.store.set({ hoursBack: PLAY_FROM_HOURS });
    this.player.textContent = '❚❚ Pause';
    this.player.setAttribute('aria-label', 'Pause the replay');
    const step = async () => {
      if (!this.playing) return;
      const next = Math.max(0, this.store.state.hoursBack - PLAY_STEP_HOURS);
      this.store.set({ hoursBack: next });
      await this.refresh();
      if (next === 0) this.stop();
      else this.playing = setTimeout(step, PLAY_STEP_MS);
    };
    this.playing = setTimeout(step, 0);
  }

  stop() {
    clearTimeout(this.playing);
    this.playing = null;
    this.player.textContent = '▶ Play';
    this.player.setAttribute('aria-label', 'Play the last 7 days of heat');
  }
}
