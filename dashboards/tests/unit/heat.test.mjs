import { test } from 'node:test';
import assert from 'node:assert/strict';
import { steps, stepFor, colourFor, labelFor, inkFor, noBaseline, scoreText } from '../../src/heat.js';

test('scores fall into the step whose upper bound they are below', () => {
  assert.equal(labelFor(-1.01), 'below normal');
  assert.equal(labelFor(-1), 'normal');
  assert.equal(labelFor(0.99), 'normal');
  assert.equal(labelFor(1), 'above normal');
  assert.equal(labelFor(2.5), 'unusual');
  assert.equal(labelFor(3), 'very unusual');
  assert.equal(labelFor(40), 'very unusual');
});

test('a score that is not a number reads as normal rather than failing', () => {
  assert.equal(stepFor(NaN).label, 'normal');
  assert.equal(colourFor(undefined), steps[1].colour);
});

test('every step has its own colour and its own word', () => {
  assert.equal(new Set(steps.map(s => s.colour)).size, steps.length);
  assert.equal(new Set(steps.map(s => s.label)).size, steps.length);
});

// WCAG relative luminance, to check the scale reads in order for people who see only lightness.
const luminance = hex => {
  const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

test('above normal the colours get darker step by step, so order survives colour blindness and greyscale print', () => {
  const warm = steps.slice(1).map(s => luminance(s.colour));
  for (let i = 1; i < warm.length; i++) assert.ok(warm[i] < warm[i - 1], `step ${i} is not darker than step ${i - 1}`);
});

test('text on each step keeps a contrast of at least 4.5 to 1', () => {
  for (const score of [-2, 0, 1.5, 2.5, 5]) {
    assert.ok(contrast(colourFor(score), inkFor(score)) >= 4.5, `score ${score}: ${contrast(colourFor(score), inkFor(score)).toFixed(2)}`);
  }
});

test('a reading without a baseline is never placed on the scale, however many incidents it has', () => {
  assert.equal(labelFor(3.69, false), 'no baseline yet');
  assert.equal(colourFor(3.69, false), noBaseline.colour);
  assert.ok(!steps.some(s => s.colour === noBaseline.colour));
  assert.equal(scoreText(3.69, false), 'no baseline yet');
  assert.equal(scoreText(3.69, true), '3.69 very unusual');
  assert.ok(contrast(noBaseline.colour, inkFor(3.69, false)) >= 4.5);
});
