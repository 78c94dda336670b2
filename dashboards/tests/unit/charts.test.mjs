import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barLayout } from '../../src/charts.js';

test('bars scale to the largest value and sit on a common baseline', () => {
  const { bars, max } = barLayout([0, 2, 4], 300, 118, 18);
  assert.equal(max, 4);
  assert.equal(bars.length, 3);
  assert.equal(bars[0].height, 0);
  assert.equal(bars[2].height, 96);
  assert.equal(bars[1].height, 48);
  for (const bar of bars) assert.equal(bar.y + bar.height, 100);
});

test('bars share the width without overlapping', () => {
  const { bars } = barLayout(Array(28).fill(1), 560, 150);
  for (let i = 1; i < bars.length; i++) assert.ok(bars[i].x >= bars[i - 1].x + bars[i - 1].width);
  assert.ok(bars.at(-1).x + bars.at(-1).width <= 560);
});

test('an axis to the left and room for values above leave the tallest bar below the top and right of the axis', () => {
  const { bars, plot } = barLayout([3, 6], 130, 118, 18, 30, 14);
  assert.equal(plot, 100);
  assert.equal(bars[0].x, 30 + 2);
  assert.equal(bars[1].height, 100 - 4 - 14);
  assert.ok(bars[1].y >= 14);
});

test('an all-zero series draws flat without dividing by zero', () => {
  const { bars, max } = barLayout([0, 0], 100, 50);
  assert.equal(max, 1);
  assert.ok(bars.every(b => b.height === 0 && Number.isFinite(b.y)));
});
