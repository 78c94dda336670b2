import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packPath, performancePath, downloads } from '../../src/reports.js';

test('the pack path leaves out months not chosen, so the API takes the last two complete months', () => {
  assert.equal(packPath('grays', {}, 'html'), '/api/reports/lag?locality=grays&format=html');
  assert.equal(packPath('grays lag', { from: '2018-03', to: '2018-04' }), '/api/reports/lag?locality=grays%20lag&from=2018-03&to=2018-04');
  assert.equal(packPath('grays', { from: '', to: '2018-04' }, 'pdf'), '/api/reports/lag?locality=grays&to=2018-04&format=pdf');
});

test('the performance summary covers the same months as the pack, for the locality\'s wards', () => {
  assert.equal(performancePath('grays', {}, 'csv'), '/api/reports/performance?level=ward&locality=grays&months=2&format=csv');
  assert.equal(performancePath('grays', { to: '2018-04' }, 'xlsx'), '/api/reports/performance?level=ward&locality=grays&to=2018-04&months=2&format=xlsx');
  assert.equal(performancePath('grays', { from: '2018-01', to: '2018-04' }, 'csv'), '/api/reports/performance?level=ward&locality=grays&from=2018-01&to=2018-04&format=csv');
});

test('five downloads: the pack as HTML, PDF and spreadsheet, and the performance summary as CSV and spreadsheet', () => {
  const links = downloads('grays', { from: '2018-03', to: '2018-04' });
  assert.deepEqual(links.map(l => l.id), ['rp-html', 'rp-pdf', 'rp-xlsx', 'rp-performance-csv', 'rp-performance-xlsx']);
  assert.ok(links.every(l => l.href.includes('locality=grays') && l.href.includes('to=2018-04')));
});
