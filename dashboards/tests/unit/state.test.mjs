import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore } from '../../src/state.js';

test('listeners hear which fields changed, and only those whose value did', () => {
  const store = createStore({ group: 'all', window: '24h', hoursBack: 0 });
  const heard = [];
  store.subscribe(changed => heard.push([...changed].sort()));

  store.set({ group: 'asb', window: '24h' });
  store.set({ window: '7d', hoursBack: 3 });

  assert.deepEqual(heard, [['group'], ['hoursBack', 'window']]);
  assert.deepEqual(store.state, { group: 'asb', window: '7d', hoursBack: 3 });
});

test('setting a field to the value it has tells nobody', () => {
  const store = createStore({ selectedArea: null, hoursBack: 0 });
  let calls = 0;
  store.subscribe(() => calls++);

  const changed = store.set({ selectedArea: null, hoursBack: 0 });

  assert.equal(calls, 0);
  assert.equal(changed.size, 0);
});

test('a field that was not declared is refused, and nothing is set', () => {
  const store = createStore({ window: '24h' });

  assert.throws(() => store.set({ window: '7d', widnow: 'month' }), /no field 'widnow'/);
  assert.equal(store.state.window, '24h');
});

test('the state cannot be changed behind the listeners\' backs', () => {
  const store = createStore({ window: '24h' });

  assert.throws(() => { store.state.window = '7d'; }, TypeError);
});

test('a change made by a listener is heard by every listener after the change that caused it', () => {
  const store = createStore({ set: 'wards', selectedArea: { set: 'wards', code: 'E05002235' } });
  const heard = [];
  store.subscribe(changed => { if (changed.has('set')) store.set({ selectedArea: null }); });
  store.subscribe(changed => heard.push({ changed: [...changed], selectedArea: store.state.selectedArea }));

  store.set({ set: 'zones' });

  assert.deepEqual(heard, [{ changed: ['set'], selectedArea: null }, { changed: ['selectedArea'], selectedArea: null }]);
});

test('a listener that has unsubscribed hears nothing more', () => {
  const store = createStore({ hoursBack: 0 });
  let calls = 0;
  const stop = store.subscribe(() => calls++);

  store.set({ hoursBack: 1 });
  stop();
  store.set({ hoursBack: 2 });

  assert.equal(calls, 1);
});
