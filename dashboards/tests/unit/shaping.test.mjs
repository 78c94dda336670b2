import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankRows, cellsOf, toCsv, rankingCsv, seriesLabels, activeAlerts, resolvedAlerts, upsertAlert, sliderInstant, sliderLabel, categoryLabel, windowLabel, windowHolds, windows, windowSpan } from '../../src/shaping.js';

const areas = [
  { code: 'A', name: 'Belhus', observed: 4, expected: 2, score: 1.2 },
  { code: 'B', name: 'Aveley and Uplands', observed: 0, expected: 0, score: -0.0 },
  { code: 'C', name: 'Chadwell St Mary', observed: 9, expected: 3, score: 2.6, drills: 2 },
  { code: 'D', name: 'Orsett', observed: 1, expected: 2, score: 1.2 },
];

test('rows rank by heat, hottest first, with ties in name order', () => {
  assert.deepEqual(rankRows(areas).map(r => r.code), ['C', 'A', 'D', 'B']);
});

test('rows sort by any column either way', () => {
  assert.deepEqual(rankRows(areas, { key: 'name', descending: false }).map(r => r.code), ['B', 'A', 'C', 'D']);
  assert.deepEqual(rankRows(areas, { key: 'observed', descending: false }).map(r => r.code), ['B', 'D', 'A', 'C']);
  assert.deepEqual(rankRows(areas, { key: 'change', descending: true }).map(r => r.code), ['C', 'A', 'B', 'D']);
});

test('change is observed minus expected, with a percentage only when something was expected', () => {
  const [chadwell, belhus, orsett, aveley] = rankRows(areas);
  assert.deepEqual(cellsOf(chadwell), ['Chadwell St Mary (DRILL)', '9', '3.0', '+6.0 (+200%)', '2.60 unusual']);
  assert.deepEqual(cellsOf(belhus), ['Belhus', '4', '2.0', '+2.0 (+100%)', '1.20 above normal']);
  assert.deepEqual(cellsOf(orsett), ['Orsett', '1', '2.0', '−1.0 (−50%)', '1.20 above normal']);
  assert.deepEqual(cellsOf(aveley), ['Aveley and Uplands', '0', '0.0', '±0.0', '0.00 normal']);
});

test('CSV quotes what needs quoting, ends lines CRLF and defuses spreadsheet formulas', () => {
  const csv = toCsv(['Area', 'Note'], [['Grays, Riverside', 'said "hello"'], ['=HYPERLINK("x")', '-1.5'], ['line\nbreak', '+2.0 (+5%)']]);
  assert.equal(csv, 'Area,Note\r\n"Grays, Riverside","said ""hello"""\r\n"\'=HYPERLINK(""x"")",-1.5\r\n"line\nbreak",+2.0 (+5%)\r\n');
});

test('the ranking CSV gives codes, the window and its dates, and plain numbers Excel reads, behind a byte-order mark', () => {
  const csv = rankingCsv(rankRows([...areas, { code: 'E', name: 'Orsett', observed: 2, expected: 4.25, score: -1.2 }]),
    { group: 'asb', window: '24h', month: null, at: new Date('2026-12-01T15:24:32Z') });
  assert.ok(csv.startsWith('\uFEFF'));
  const lines = csv.slice(1).trimEnd().split('\r\n');
  assert.equal(lines[0], 'area_code,area,group,window,from,to,observed,drills,expected,change,change_pct,heat,heat_reading');
  assert.equal(lines.length, 6);
  assert.equal(lines[1], 'C,Chadwell St Mary,asb,24h,2026-11-30T16:00:00Z,2026-12-01T16:00:00Z,9,2,3.000,6.000,200.0,2.600,unusual');
  assert.equal(lines[5], 'E,Orsett,asb,24h,2026-11-30T16:00:00Z,2026-12-01T16:00:00Z,2,0,4.250,-2.250,-52.9,-1.200,below normal');
  assert.ok(!csv.includes('−'));
});

test('the CSV of a month spans the calendar month', () => {
  assert.deepEqual(windowSpan('month', '2018-02', new Date()), { from: new Date('2018-02-01T00:00:00Z'), to: new Date('2018-03-01T00:00:00Z') });
});

test('series labels count days and months across month and year ends', () => {
  assert.deepEqual(seriesLabels('2026-10-30', 4, false), ['30 Oct', '31 Oct', '1 Nov', '2 Nov']);
  assert.deepEqual(seriesLabels('2025-12', 3, true), ['Dec 25', 'Jan 26', 'Feb 26']);
});

test('active alerts leave out resolved ones, filter by group and put the newest first', () => {
  const alerts = [
    { id: '1', group: 'asb', status: 'open', raisedAt: '2026-11-20T10:00:00Z' },
    { id: '2', group: 'deliberate-fires', status: 'acknowledged', raisedAt: '2026-11-20T12:00:00Z' },
    { id: '3', group: 'asb', status: 'resolved', raisedAt: '2026-11-20T13:00:00Z' },
    { id: '4', group: 'asb', status: 'open', raisedAt: '2026-11-20T11:00:00Z' },
  ];
  assert.deepEqual(activeAlerts(alerts).map(a => a.id), ['2', '4', '1']);
  assert.deepEqual(activeAlerts(alerts, 'asb').map(a => a.id), ['4', '1']);
});

test('resolved alerts are those resolved since the given instant, in the group, most recently resolved first', () => {
  const alerts = [
    { id: '1', group: 'asb', status: 'resolved', resolvedAt: '2026-11-20T10:00:00Z' },
    { id: '2', group: 'asb', status: 'open', updatedAt: '2026-11-29T10:00:00Z' },
    { id: '3', group: 'asb', status: 'resolved', resolvedAt: '2026-11-28T10:00:00Z' },
    { id: '4', group: 'deliberate-fires', status: 'resolved', resolvedAt: '2026-11-27T10:00:00Z' },
    { id: '5', group: 'asb', status: 'resolved', resolvedAt: '2026-10-01T10:00:00Z' },
  ];
  const since = Date.parse('2026-11-01T00:00:00Z');
  assert.deepEqual(resolvedAlerts(alerts, null, since).map(a => a.id), ['3', '4', '1']);
  assert.deepEqual(resolvedAlerts(alerts, 'asb', since).map(a => a.id), ['3', '1']);
});

test('an update replaces its alert instead of adding a duplicate', () => {
  const before = [{ id: '1', status: 'open' }, { id: '2', status: 'open' }];
  const after = upsertAlert(before, { id: '2', status: 'acknowledged' });
  assert.deepEqual(after, [{ id: '1', status: 'open' }, { id: '2', status: 'acknowledged' }]);
  assert.equal(upsertAlert(after, { id: '3', status: 'open' }).length, 3);
  assert.equal(before[1].status, 'open');
});

test('the slider stands whole hours back from now, and says Live at the right end', () => {
  const now = new Date('2026-11-20T14:25:00Z');
  assert.equal(sliderInstant(now, 0).toISOString(), '2026-11-20T14:25:00.000Z');
  assert.equal(sliderInstant(now, 26).toISOString(), '2026-11-19T12:25:00.000Z');
  assert.equal(sliderLabel(now, 0), 'Live');
  assert.match(sliderLabel(now, 26), /^As at Thu 19 Nov/);
});

test('labels come from the API\'s list of groups and categories, and a slug it does not know shows as it is', () => {
  const list = {
    groups: [{ slug: 'asb', label: 'Anti-social behaviour', categories: ['anti-social-behaviour', 'youth-nuisance'] }],
    categories: [{ slug: 'anti-social-behaviour', label: 'Anti-social behaviour' }, { slug: 'violent-crime', label: 'Violence and sexual offences' }],
  };
  assert.equal(categoryLabel(list, 'asb'), 'Anti-social behaviour');
  assert.equal(categoryLabel(list, 'violent-crime'), 'Violence and sexual offences');
  assert.equal(categoryLabel(list, 'retired-category'), 'retired-category');
  assert.equal(categoryLabel(null, 'asb'), 'asb');
});

test('a month window reads as the month it shows, a rolling window as its length', () => {
  assert.equal(windowLabel('month', '2018-03'), 'March 2018');
  assert.equal(windowLabel('7d', null), 'last 7 days');
});

test('every window says what it can hold, and only the month window holds police.uk rows', () => {
  for (const w of windows) assert.ok(windowHolds[w.value]);
  assert.match(windowHolds.month, /police\.uk rows/);
  assert.match(windowHolds['24h'], /police\.uk rows \(a month only\) in the Month window/);
});

test('areas without a baseline rank below every measured area and their heat cell says so', () => {
  const rows = rankRows([...areas, { code: 'E', name: 'Belhus North', observed: 5, expected: 0, score: 3.69, hasBaseline: false }]);
  assert.equal(rows.at(-1).code, 'E');
  assert.equal(cellsOf(rows.at(-1))[4], 'no baseline yet');
});
