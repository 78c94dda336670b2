import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluationPath, tableRows, periodBars, dosageLine, tableColumns } from '../../src/operations.js';

const comparison = (r0, r1, extra = {}) => ({
  zone: { before: r0, after: r1, percent: (r1 / r0 - 1) * 100 },
  buffer: { before: 10, after: 8 },
  control: { before: 400, after: 380 },
  net: { percent: -35.2, lowPercent: -55.1, highPercent: -8.4 },
  wdd: { value: -14.5, standardError: 8.25, z: -1.76 },
  wdq: { value: 0.41 },
  refusal: null,
  noData: false,
  ...extra,
});

const evaluation = {
  operation: 'op-dial', group: 'asb',
  zones: [
    { zone: 'a', name: 'Lakeside', during: comparison(40, 25), dosage: null, cautions: [] },
    { zone: 'b', name: 'Chafford', during: comparison(6, 2, { refusal: 'Too few incidents to tell', net: null, wdq: null }), cautions: [] },
    { zone: 'c', name: 'Grays', during: comparison(30, 0, { refusal: 'No anti-social behaviour is recorded', noData: true, net: null, wdq: null }), cautions: [] },
  ],
  ranking: [{ rank: 1, zone: 'a', name: 'Lakeside' }, { rank: 2, zone: 'b', name: 'Chafford' }, { rank: 3, zone: 'c', name: 'Grays' }],
};

test('the evaluation path carries the group and every period given, even one alone (for the API to refuse in words)', () => {
  assert.equal(evaluationPath('op dial', { group: 'asb' }), '/api/operations/op%20dial/evaluation?group=asb');
  assert.equal(evaluationPath('x', { group: 'asb', before: '2018-01', during: '' }), '/api/operations/x/evaluation?group=asb&before=2018-01');
  assert.equal(evaluationPath('x', { before: '2018-01', during: '2018-03' }, 'csv'), '/api/operations/x/evaluation?before=2018-01&during=2018-03&format=csv');
});

test('table rows follow the ranking and show no effect where the reading is refused', () => {
  const rows = tableRows(evaluation);
  assert.equal(rows.length, 3);
  assert.equal(rows[0].cells.length, tableColumns.length);
  assert.deepEqual(rows[0].cells, ['1. Lakeside', '40 → 25', '10 → 8', '400 → 380', '−38%', '−35% (−55% to −8%)', '−14.5 (8.3, −1.76)', '+0.41']);
  assert.deepEqual(rows[1].cells.slice(5), ['not read', '–', '–']);
  assert.ok(rows[1].tooFew);
  assert.deepEqual(rows[2].cells.slice(5), ['no data yet', '–', '–']);
});

test('the chart pairs each zone before and during', () => {
  assert.deepEqual(periodBars(evaluation), {
    values: [40, 25, 6, 2, 30, 0], labels: ['1. before', '1. during', '2. before', '2. during', '3. before', '3. during'],
  });
});

test('dosage reads in words, and says when nothing was logged', () => {
  assert.equal(dosageLine({ dosage: null }), 'No patrol visits logged in the during period.');
  const line = dosageLine({ dosage: { visits: 4, patrolHours: 12.5, patrolHoursPerWeek: 3.1, incidentsPerPatrolHour: 2, shareOfDaysDosed: 0.25, doseResponse: { rateRatio: 0.5, perPatrolDay: 0.5, perOtherDay: 1 } } });
  assert.equal(line, '12.5 patrol hours (3.1 a week), 2.00 incidents per patrol hour; a 15-minute visit on 25% of days; 0.50 a day on patrol days against 1.00 on others.');
});
