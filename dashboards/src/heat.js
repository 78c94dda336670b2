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

// Until an area has one whole earlier period to compare with, its expectation is 0 for want of history, and any
// incident would read "very unusual": it is shown as having no baseline, as the statistical alerts stay silent then.
export const noBaseline = { colour: '#bdbdbd', label: 'no baseline yet' };

// hasBaseline is the API's flag; a reading without it (false) has no colour on the scale.
export function stepFor(score, hasBaseline = true) {
  if (hasBaseline === false) return noBaseline;
  if (!Number.isFinite(score)) return steps[1];
  return steps.find(s => score < s.upTo);
}

export const colourFor = (score, hasBaseline) => stepFor(score, hasBaseline).colour;

export const labelFor = (score, hasBaseline) => stepFor(score, hasBaseline).label;

// "2.41 unusual", or only "no baseline yet" when the score compares with nothing.
export const scoreText = (score, hasBaseline) => (hasBaseline === false ? noBaseline.label : `${score.toFixed(2)} ${labelFor(score)}`);

// Text on a step's colour: dark on the light steps, white on the dark ones (WCAG contrast of at least 4.5:1).
export const inkFor = (score, hasBaseline) => (['#5e3c99', '#7f2704'].includes(colourFor(score, hasBaseline)) ? '#ffffff' : '#1b1b1b');

export const legendIntro = 'Colour: incidents observed in the window against the area\'s own normal (expected from its earlier periods).';

// Shown with the legend while the server weighs heat by harm (HotSpots:Harm:Enabled).
export const harmNote = 'Harm-weighted: each incident counts its category\'s harm weight, in what was observed and in what was expected.';
