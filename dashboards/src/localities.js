// Localities in the view: which locality limits the map and the ranking, and which of the areas it keeps. Pure, so
// unit-tested without a browser.

// The chosen locality while it limits the view: one is chosen, it is still in force, and wards are shown (a locality
// is a set of wards; zones are shown whole). Otherwise null.
export function chosenLocality({ set, locality, localities }) {
  if (set !== 'wards' || !locality) return null;
  return localities.find(l => l.code === locality) ?? null;
}

// The codes of the wards the view is limited to, or null when it is not limited.
export function localityWards(state) {
  const chosen = chosenLocality(state);
  return chosen ? new Set(chosen.wards) : null;
}

// The areas (heat readings or ranking rows, each with a `code`) within `wards`; all of them when `wards` is null.
export const within = (areas, wards) => (wards ? areas.filter(a => wards.has(a.code)) : areas);

// The choice to keep when the localities in force change: the chosen one while it lasts, else all wards ('').
export const keptChoice = (locality, localities) => (localities.some(l => l.code === locality) ? locality : '');
