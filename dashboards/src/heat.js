// The heat colour scale. Scores are Freeman–Tukey deviates of observed against expected, read like z-scores. The
// colours are ColorBrewer's PuOr diverging scheme, which stays distinguishable with the common colour-vision
// deficiencies; each step also has a word, so colour is never the only carrier of meaning.
export const steps = [
  { upTo: -1, colour: '#5e3c99', label: 'below normal' },
  { upTo: 1, colour: '#f7f7f7', label: 'normal' },
  { upTo: 2, colour: '#fdb863', label: 'above normal' },
  { upTo: 3, colour: '#e66101', label: 'unusual' },
  { upTo: Infinity, colour: '#7f2704', label: 'very unusual' },
];

export function stepFor(score) {
  if (!Number.isFinite(score)) return steps[1];
  return steps.find(s => score < s.upTo);
}

export const colourFor = score => stepFor(score).colour;

export const labelFor = score => stepFor(score).label;

// Text on a step's colour: dark on the light steps, white on the dark ones (WCAG contrast of at least 4.5:1).
export const inkFor = score => (['#5e3c99', '#7f2704'].includes(stepFor(score).colour) ? '#ffffff' : '#1b1b1b');

export const legendIntro = 'Colour: incidents observed in the window against the area\'s own normal (expected from its earlier periods).';
