// Meeting mode (full screen, larger type, no handling buttons: the wall screen of a tasking meeting) and printing for
// the minutes, with a printed line saying what the page shows, when and for whom.
import { categoryLabel, windowLabel, sliderLabel } from './shaping.js';
import { chosenLocality } from './localities.js';

const SUMMARY = ['account', 'categories', 'set', 'group', 'window', 'month', 'locality', 'localities', 'hoursBack', 'heat', 'printing'];

export class MeetingAndPrint {
  // `bar` holds the Meeting mode and Print buttons; `summary` is the printed line; `page` carries the meeting class.
  constructor({ bar, summary, page }, store) {
    this.store = store;
    this.summary = summary;
    this.page = page;
    this.meeting = bar.querySelector('#meeting');
    const view = page.ownerDocument.defaultView;
    this.meeting.addEventListener('click', () => store.set({ meeting: !store.state.meeting }));
    bar.querySelector('#print').addEventListener('click', () => view.print());
    view.addEventListener('beforeprint', () => store.set({ printing: true }));
    view.addEventListener('afterprint', () => store.set({ printing: false }));
    page.ownerDocument.addEventListener('fullscreenchange', () => {
      if (!page.ownerDocument.fullscreenElement && store.state.meeting) store.set({ meeting: false });
    });
    store.subscribe(changed => {
      if (changed.has('meeting')) this.showMeeting();
      // Pushed heat leaves the line as it is: it names the selection and time, not the figures.
      if (SUMMARY.some(key => changed.has(key)) && !(changed.has('heat') && store.state.heat.pushed)) this.writeSummary();
    });
  }

  showMeeting() {
    const on = this.store.state.meeting;
    const document = this.page.ownerDocument;
    this.page.classList.toggle('meeting', on);
    this.meeting.setAttribute('aria-pressed', String(on));
    if (on && document.fullscreenEnabled && !document.fullscreenElement) document.documentElement.requestFullscreen().catch(() => {});
    if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }

  writeSummary() {
    const s = this.store.state;
    const when = s.hoursBack === 0 ? `at ${new Date().toLocaleString('en-GB')}` : sliderLabel(new Date(), s.hoursBack).toLowerCase();
    const month = s.window === 'month' ? s.month : null;
    const locality = chosenLocality(s);
    const areas = s.set === 'wards' ? `by ward${locality ? ` in ${locality.name}` : ''}` : 'by zone';
    this.summary.textContent =
      `${categoryLabel(s.categories, s.group)}, ${windowLabel(s.window, month)}, ${areas}, ${when}. Prepared by ${s.account?.name ?? ''}. OFFICIAL-SENSITIVE.`;
  }
}
