// The ranking of the hottest areas: sortable by any column, the top rows unless asked for all (all when printing),
// each row opening its area's drill-down, and a CSV export of every area as shown.
import { colourFor, inkFor } from './heat.js';
import { rankingColumns, rankRows, cellsOf, rankingCsv, selectionOf, sliderInstant } from './shaping.js';
import { chosenLocality, localityWards, within } from './localities.js';

const TOP_ROWS = 25;
// Pushed heat redraws the ranking at most this often: laying out hundreds of rows at every push cost a busy feed its
// frame rate, and nobody reads a ranking faster.
const PUSHED_EVERY_MS = 1000;

export class Ranking {
  constructor(root, store) {
    this.store = store;
    this.table = root.querySelector('#ranking');
    this.more = root.querySelector('#ranking-more');
    this.harm = root.querySelector('#ranking-harm');
    this.locality = root.querySelector('#ranking-locality');
    this.sort = { key: 'score', descending: true };
    this.showAll = false;
    this.due = false;
    // Rows are kept per area and only their changed cells rewritten, so a busy feed costs a few text updates, not a new table.
    this.rows = new Map();
    this.drawHead();
    this.more.addEventListener('click', () => {
      this.showAll = !this.showAll;
      this.render();
    });
    root.querySelector('#export').addEventListener('click', () => this.export());
    store.subscribe(changed => {
      if (changed.has('heat')) this.harm.hidden = !store.state.heat.harm;
      if (changed.has('printing') || ['locality', 'localities'].some(key => changed.has(key)) || (changed.has('heat') && !store.state.heat.pushed)) this.render();
      else if (changed.has('heat')) this.schedule();
    });
  }

  drawHead() {
    this.table.tHead.rows[0].replaceChildren(...rankingColumns.map(column => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.dataset.key = column.key;
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: column.label });
      button.addEventListener('click', () => {
        this.sort = { key: column.key, descending: this.sort.key === column.key ? !this.sort.descending : column.numeric };
        this.render();
      });
      th.append(button);
      return th;
    }));
  }

  schedule() {
    if (this.due) return;
    this.due = true;
    setTimeout(() => { this.due = false; this.render(); }, PUSHED_EVERY_MS);
  }

  // Heat comes for the whole set (the hub pushes it so, and it is small): a chosen locality is kept here.
  current() {
    return rankRows(within([...this.store.state.heat.areas.values()], localityWards(this.store.state)), this.sort);
  }

  row(row) {
    let entry = this.rows.get(row.code);
    if (entry) return entry;
    const tr = document.createElement('tr');
    tr.dataset.code = row.code;
    const cells = rankingColumns.map(() => tr.appendChild(document.createElement('td')));
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'link' });
    button.addEventListener('click', () => this.store.set({ selectedArea: { set: this.store.state.set, code: row.code } }));
    cells[0].append(button);
    cells[4].className = 'heat-cell';
    entry = { tr, cells, button, texts: [] };
    this.rows.set(row.code, entry);
    return entry;
  }

  render() {
    const locality = chosenLocality(this.store.state);
    this.locality.hidden = !locality;
    this.locality.textContent = locality ? `in ${locality.name}` : '';
    for (const th of this.table.tHead.rows[0].cells) {
      th.setAttribute('aria-sort', th.dataset.key === this.sort.key ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
    }
    const body = this.table.tBodies[0];
    const all = this.current();
    // The minutes need every area, so a printed ranking is whole.
    const rows = this.showAll || this.store.state.printing ? all : all.slice(0, TOP_ROWS);
    this.more.hidden = all.length <= TOP_ROWS;
    this.more.textContent = this.showAll ? `Show the top ${TOP_ROWS}` : `Show all ${all.length} areas`;
    this.more.setAttribute('aria-expanded', String(this.showAll));
    const wanted = new Set(rows.map(r => r.code));
    for (const [code, entry] of this.rows) {
      if (!wanted.has(code)) { entry.tr.remove(); this.rows.delete(code); }
    }
    const trs = rows.map(row => {
      const entry = this.row(row);
      cellsOf(row).forEach((text, i) => {
        if (entry.texts[i] === text) return;
        entry.texts[i] = text;
        if (i === 0) entry.button.textContent = text;
        else entry.cells[i].textContent = text;
        if (i === 4) {
          entry.cells[4].style.background = colourFor(row.score, row.hasBaseline);
          entry.cells[4].style.color = inkFor(row.score, row.hasBaseline);
        }
      });
      return entry.tr;
    });
    if (trs.length !== body.children.length || trs.some((tr, i) => body.children[i] !== tr)) body.append(...trs);
  }

  export() {
    const s = this.store.state;
    const { set, group, window, month } = selectionOf(s);
    const at = sliderInstant(new Date(), s.hoursBack);
    const blob = new Blob([rankingCsv(this.current(), { group, window, month, at })], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    const stamp = at.toISOString().slice(0, 16).replace(':', '');
    link.download = `hotspots-${set}-${group}-${month ?? window}-${stamp}.csv`;
    this.table.ownerDocument.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}
