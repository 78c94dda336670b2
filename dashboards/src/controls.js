// The header's choices of what the map shows (incidents, window, month, locality, areas), kept in step with the store
// both ways, and the note beside them saying what the chosen window can hold.
import { api } from './api.js';
import { windows, windowHolds, monthLabel, thisMonth } from './shaping.js';
import { keptChoice } from './localities.js';

export class Controls {
  constructor(form, store, { note }) {
    this.form = form;
    this.store = store;
    this.note = note;
    this.group = form.querySelector('#group');
    this.window = form.querySelector('#window');
    this.month = form.querySelector('#month');
    this.picker = form.querySelector('#month-picker');
    this.locality = form.querySelector('#locality');
    this.window.append(...windows.map(w => new Option(w.label, w.value)));
    this.month.max = thisMonth();
    this.rollingEmpty = false;
    form.addEventListener('change', event => this.chosen(event));
    store.subscribe(changed => {
      if (changed.has('categories')) this.fillGroups();
      if (changed.has('localities')) this.fillLocalities();
      if (['set', 'group', 'window', 'month', 'locality'].some(key => changed.has(key))) this.show();
    });
  }

  fillGroups() {
    const { groups, categories } = this.store.state.categories;
    const named = Object.assign(document.createElement('optgroup'), { label: 'Groups' });
    named.append(...groups.map(g => new Option(g.label, g.slug)));
    const single = Object.assign(document.createElement('optgroup'), { label: 'Single categories' });
    single.append(...categories.map(c => new Option(c.label, c.slug)));
    this.group.replaceChildren(named, single);
    this.group.value = this.store.state.group;
  }

  // A locality retired while chosen leaves the view to all wards.
  fillLocalities() {
    const { localities, locality } = this.store.state;
    this.locality.replaceChildren(new Option('All wards', ''), ...localities.map(l => new Option(l.name, l.code)));
    this.store.set({ locality: keptChoice(locality, localities) });
    this.locality.value = this.store.state.locality;
  }

  chosen(event) {
    if (event.target === this.month && !this.month.value) return;
    this.rollingEmpty = false;
    const window = this.window.value;
    // The slider goes back hours, which a calendar month does not have.
    this.store.set({
      set: this.form.querySelector('input[name=set]:checked').value, group: this.group.value, window, month: this.month.value, locality: this.locality.value,
      ...(window === 'month' ? { hoursBack: 0 } : {}),
    });
  }

  // police.uk data arrives a month or two late and gives months only: when the rolling windows hold nothing at all,
  // the page opens on the latest month that has data and says why, instead of an all-zero map.
  async openOnDataWindow() {
    const recent = await api('/api/heat?set=wards&group=all&window=28d');
    const latest = this.store.state.status?.latestMonth;
    this.rollingEmpty = recent.areas.every(a => a.observed === 0);
    if (this.rollingEmpty && latest && this.store.state.window === '24h') this.store.set({ window: 'month', month: latest });
    this.show();
  }

  show() {
    const s = this.store.state;
    this.form.querySelector(`input[name=set][value=${s.set}]`).checked = true;
    this.group.value = s.group;
    this.window.value = s.window;
    this.month.value = s.month;
    this.picker.hidden = s.window !== 'month';
    this.locality.value = s.locality;
    // A locality is a set of wards: with zones shown, every zone is.
    this.locality.disabled = s.set !== 'wards';
    const latest = this.rollingEmpty && s.window === 'month' && s.month === s.status?.latestMonth
      ? `Nothing in the last 28 days, so this shows ${monthLabel(s.month)}, the latest month with data. `
      : '';
    this.note.textContent = latest + windowHolds[s.window];
    this.note.hidden = false;
  }
}
