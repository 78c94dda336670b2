import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chosenLocality, localityWards, within, keptChoice } from '../../src/localities.js';

const localities = [
  { code: 'riverside', name: 'Riverside LAG', wards: ['E05002235', 'E05002247'] },
  { code: 'north', name: 'North LAG', wards: ['E05002240'] },
];
const areas = [{ code: 'E05002240' }, { code: 'E05002235' }, { code: 'E05002236' }, { code: 'E05002247' }];

test('a chosen locality limits the view to its wards, in the order the areas came', () => {
  const wards = localityWards({ set: 'wards', locality: 'riverside', localities });
  assert.deepEqual([...wards].sort(), ['E05002235', 'E05002247']);
  assert.deepEqual(within(areas, wards).map(a => a.code), ['E05002235', 'E05002247']);
});

test('no locality chosen, or zones shown, leaves every area', () => {
  for (const state of [{ set: 'wards', locality: '', localities }, { set: 'zones', locality: 'riverside', localities }]) {
    assert.equal(chosenLocality(state), null);
    assert.equal(localityWards(state), null);
    assert.equal(within(areas, localityWards(state)), areas);
  }
});

test('a locality no longer in force limits nothing, and the selector goes back to all wards', () => {
  assert.equal(localityWards({ set: 'wards', locality: 'gone', localities }), null);
  assert.equal(keptChoice('gone', localities), '');
  assert.equal(keptChoice('north', localities), 'north');
  assert.equal(keptChoice('', localities), '');
});

test('a locality whose wards are not among the areas shown leaves none of them', () => {
  assert.deepEqual(within(areas, new Set(['E99999999'])), []);
});
