import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operationBody, zoneBody, hasZoneDraft, fieldMessages, splitList } from '../../src/operation-form.js';

const values = {
  id: 'op-x', name: '  Op X ', type: 'grip', zones: ['a', 'b'],
  periods: [{ start: '2026-05-01', end: '' }, { start: '', end: '' }, { start: '', end: '2026-06-01' }],
  targetGroups: 'asb, violence  all', controlWards: ['E05002222'], fundedPatrolHours: '40.5', bufferInnerMetres: '', bufferOuterMetres: '600',
};

test('the operation is sent as the API reads it: trimmed name, listed groups, open-ended and start-less periods kept', () => {
  assert.deepEqual(operationBody(values), {
    name: 'Op X', type: 'grip', zones: ['a', 'b'],
    activePeriods: [{ start: '2026-05-01', end: null }, { start: '0001-01-01', end: '2026-06-01' }],
    targetGroups: ['asb', 'violence', 'all'], fundedPatrolHours: 40.5, controlWards: ['E05002222'],
    bufferInnerMetres: 200, bufferOuterMetres: 600,
  });
  assert.equal(operationBody({ ...values, fundedPatrolHours: '' }).fundedPatrolHours, null);
  assert.deepEqual(splitList(' , '), []);
});

test('a drawn polygon is closed, longitude first, to six decimals; a circle keeps its centre and radius', () => {
  const polygon = zoneBody({ name: ' Lakeside ', shape: 'polygon', corners: [[51.4861234567, 0.2874], [51.487, 0.289], [51.485, 0.29]] });
  assert.deepEqual(polygon, {
    name: 'Lakeside',
    geometry: { type: 'Polygon', coordinates: [[[0.2874, 51.486123], [0.289, 51.487], [0.29, 51.485], [0.2874, 51.486123]]] },
  });
  assert.deepEqual(zoneBody({ name: 'C', shape: 'circle', corners: [], latitude: '51.47', longitude: '0.32', radiusMetres: '250' }),
    { name: 'C', circle: { latitude: 51.47, longitude: 0.32, radiusMetres: 250 } });
  assert.deepEqual(zoneBody({ name: 'C', shape: 'circle', corners: [], latitude: '', longitude: '', radiusMetres: '' }),
    { name: 'C', circle: { latitude: null, longitude: null, radiusMetres: null } });
  assert.deepEqual(zoneBody({ name: 'P', shape: 'polygon', corners: [] }), { name: 'P' });
});

test('a zone is drafted once anything of it is filled in or drawn', () => {
  const empty = { code: '', name: ' ', shape: 'polygon', corners: [], latitude: '', longitude: '' };
  assert.equal(hasZoneDraft(empty), false);
  assert.equal(hasZoneDraft({ ...empty, corners: [[51, 0]] }), true);
  assert.equal(hasZoneDraft({ ...empty, code: 'z' }), true);
  assert.equal(hasZoneDraft({ ...empty, shape: 'circle', latitude: '51.4' }), true);
});

test('refusals are placed by field when the API groups them, else at the foot of the form', () => {
  assert.deepEqual([...fieldMessages({ detail: 'x; y', errors: { zones: ['x'], targetGroups: ['y'] } })], [['zones', ['x']], ['targetGroups', ['y']]]);
  assert.deepEqual([...fieldMessages({ title: 'Forbidden', detail: 'your role does not allow this' })], [['', ['your role does not allow this']]]);
  assert.deepEqual([...fieldMessages(null)], [['', ['the server refused the change']]]);
});
