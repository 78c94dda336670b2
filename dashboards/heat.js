// Colour scale for heat scores (Freeman–Tukey deviates, read like z-scores). Sequential blue-to-orange steps from
// ColorBrewer's colour-blind-safe PuOr family: cool below normal, neutral at normal, warm to dark above it.
export const steps = [
  { upTo: -1, colour: '#5e3c99', label: 'below normal' },
  { upTo: 1, colour: '#f7f7f7', label: 'normal' },
  { upTo: 2, colour: '#fdb863', label: 'above normal' },
  { upTo: 3, colour: '#e66101', label: 'unusual' },
  { upTo: Infinity, colour: '#7f2704', label: 'very unusual' },
];

export function colourFor(score) {
  return steps.find(s => score < s.upTo).colour;
}

// Equirectangular projection scaled by the cosine of the mid latitude: true shape at a borough's scale.
export function projector(features) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of features) for (const poly of f.geometry.coordinates) for (const [x, y] of poly[0]) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const scale = 1000 / Math.max((maxX - minX) * k, maxY - minY);
  return {
    width: (maxX - minX) * k * scale,
    height: (maxY - minY) * scale,
    point: ([x, y]) => [(x - minX) * k * scale, (maxY - y) * scale],
  };
}

export function pathFor(geometry, project) {
  return geometry.coordinates.map(poly => poly.map(ring =>
    'M' + ring.map(c => project(c).map(v => v.toFixed(1)).join(',')).join('L') + 'Z').join('')).join('');
}
