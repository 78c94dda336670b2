// Pure data shaping for the dashboard: ranking rows, CSV, chart labels, alert lists and slider times.
import { scoreText, labelFor, noBaseline } from './heat.js';

// The label of a group or category slug, from the API's list (GET /api/categories); a slug it does not know (one the
// server has dropped since an alert was raised) is shown as it is.
export function categoryLabel(list, slug) {
  return [...(list?.groups ?? []), ...(list?.categories ?? [])].find(c => c.slug === slug)?.label ?? slug;
}

export const windows = [
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '28d', label: 'Last 28 days' },
  { value: 'month', label: 'Month' },
];

// What each window can hold: police.uk gives a month only, council cases a date, so not every incident counts in every window.
export const windowHolds = {
  '24h': 'Last 24 hours: incidents with a time of day. Council cases (a date only) count from 7 days up; police.uk rows (a month only) in the Month window.',
  '7d': 'Last 7 days: incidents with a time or a date (police.uk rows, which give only a month, count in the Month window).',
  '28d': 'Last 28 days: incidents with a time or a date (police.uk rows, which give only a month, count in the Month window).',
  month: 'Month: every incident of the calendar month, including police.uk rows (published a month or two late).',
};

// The calendar month (yyyy-MM, UTC) of `now`.
export const thisMonth = (now = new Date()) => now.toISOString().slice(0, 7);

// What the map shows as the hub and the API take it: the month goes only with the month window.
export const selectionOf = ({ set, group, window, month }) => ({ set, group, window, month: window === 'month' ? month : null });

// The query string of a selection for the API (set is in the path or given in `extra`), leaving out what is not given.
export const selectionQuery = (selection, extra = {}) => new URLSearchParams(
  Object.entries({ group: selection.group, window: selection.window, month: selection.month, ...extra }).filter(([, v]) => v != null)).toString();

// "March 2018" for "2018-03".
export function monthLabel(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// The window as a sentence's words: "last 7 days", "March 2018".
export function windowLabel(window, month) {
  return window === 'month' ? monthLabel(month) : windows.find(w => w.value === window).label.toLowerCase();
}

export const rankingColumns = [
  { key: 'name', label: 'Area', numeric: false },
  { key: 'observed', label: 'Observed', numeric: true },
  { key: 'expected', label: 'Expected', numeric: true },
  { key: 'change', label: 'Change', numeric: true },
  { key: 'score', label: 'Heat', numeric: true },
];

// One ranking row per area: change is observed minus expected, and as a percentage when there is an expectation.
export function toRow(area) {
  const change = area.observed - area.expected;
  return {
    code: area.code,
    name: area.name,
    observed: area.observed,
    expected: area.expected,
    change,
    changePercent: area.expected > 0 ? (change / area.expected) * 100 : null,
    score: area.score,
    hasBaseline: area.hasBaseline !== false,
    drills: area.drills ?? 0,
  };
}

// Rows sorted by a column; ties fall back to the name so that the order never flickers between updates.
export function rankRows(areas, sort = { key: 'score', descending: true }) {
  const direction = sort.descending ? -1 : 1;
  // A score without a baseline measures nothing, so those areas rank below every measured one.
  const value = (row, key) => (key === 'score' && !row.hasBaseline ? -Infinity : row[key]);
  return [...areas].map(toRow).sort((a, b) => {
    const x = value(a, sort.key), y = value(b, sort.key);
    const primary = typeof x === 'string' ? x.localeCompare(y, 'en-GB') : x === y ? 0 : x - y;
    return primary !== 0 ? primary * direction : a.name.localeCompare(b.name, 'en-GB');
  });
}

const signed = (value, digits) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(digits)}`;

// The text of each cell as the table shows it; the CSV export uses the same text, so the two always agree.
export function cellsOf(row) {
  return [
    row.drills ? `${row.name} (DRILL)` : row.name,
    String(row.observed),
    row.expected.toFixed(1),
    row.changePercent === null ? signed(row.change, 1) : `${signed(row.change, 1)} (${signed(row.changePercent, 0)}%)`,
    scoreText(row.score, row.hasBaseline),
  ];
}

// RFC 4180: fields with commas, quotes or line breaks are quoted; lines end CRLF. A text field that a spreadsheet
// would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
export function toCsv(header, lines) {
  const field = value => {
    let text = String(value);
    if (/^[=+\-@]/.test(text) && !/^[+\-−±]?\d/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...lines].map(line => line.map(field).join(',')).join('\r\n') + '\r\n';
}

export const rankingCsvHeader = [
  'area_code', 'area', 'group', 'window', 'from', 'to', 'observed', 'drills', 'expected', 'change', 'change_pct', 'heat', 'heat_reading',
];

// Plain numbers for a spreadsheet: a point for decimals, an ASCII minus, nothing else in the cell.
const number = (value, digits) => (value === null || value === undefined ? '' : value.toFixed(digits));

// The window's first and last instant (ISO, UTC): a rolling window ends with the clock hour of `at`; a month is its days.
export function windowSpan(window, month, at) {
  if (window === 'month') {
    const [y, m] = month.split('-').map(Number);
    return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
  }
  const end = new Date(at);
  end.setUTCMinutes(60, 0, 0);
  const hours = { '24h': 24, '7d': 168, '28d': 672 }[window];
  return { from: new Date(end.getTime() - hours * 3_600_000), to: end };
}

// Every area in the order shown, as data rather than display text: codes for joining with other data, the window's
// dates, numbers Excel reads as numbers. The byte-order mark makes Excel on Windows read the file as UTF-8.
export function rankingCsv(rows, { group, window, month, at }) {
  const { from, to } = windowSpan(window, month, at);
  const iso = date => date.toISOString().replace('.000Z', 'Z');
  return '\uFEFF' + toCsv(rankingCsvHeader, rows.map(row => [
    row.code, row.name, group, window === 'month' ? month : window, iso(from), iso(to), String(row.observed), String(row.drills),
    number(row.expected, 3), number(row.change, 3), number(row.changePercent, 1),
    row.hasBaseline ? number(row.score, 3) : '', row.hasBaseline ? labelFor(row.score) : noBaseline.label,
  ]));
}

// Labels for a daily series (dates from `from`, yyyy-MM-dd) or a monthly one (months from `from`, yyyy-MM).
export function seriesLabels(from, count, monthly) {
  const [y, m, d] = from.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const date = monthly ? new Date(Date.UTC(y, m - 1 + i, 1)) : new Date(Date.UTC(y, m - 1, d + i));
    return monthly
      ? date.toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' })
      : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  });
}

// Alerts still needing attention (open or acknowledged), optionally of one group, newest first.
export function activeAlerts(alerts, group) {
  return alerts
    .filter(a => a.status !== 'resolved' && (!group || a.group === group))
    .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
}

// Alerts resolved since `sinceMs` (epoch ms), most recently resolved first.
export function resolvedAlerts(alerts, group, sinceMs) {
  const resolvedAt = a => Date.parse(a.resolvedAt ?? a.updatedAt);
  return alerts
    .filter(a => a.status === 'resolved' && (!group || a.group === group) && resolvedAt(a) >= sinceMs)
    .sort((a, b) => resolvedAt(b) - resolvedAt(a));
}

// Replaces an alert by id (or adds it), keeping one entry per alert however many updates arrive.
export function upsertAlert(alerts, alert) {
  const i = alerts.findIndex(a => a.id === alert.id);
  if (i < 0) return [...alerts, alert];
  const copy = [...alerts];
  copy[i] = alert;
  return copy;
}

// The instant the time slider stands at: `hoursBack` hours before now (0 is live). Rolling windows end with the clock
// hour of that instant, as they do live.
export function sliderInstant(now, hoursBack) {
  return new Date(now.getTime() - hoursBack * 3_600_000);
}

export function sliderLabel(now, hoursBack) {
  if (hoursBack === 0) return 'Live';
  const at = sliderInstant(now, hoursBack);
  return `As at ${at.toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })}`;
}
