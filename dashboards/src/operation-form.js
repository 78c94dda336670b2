// Shaping for the operation form (operation-editor.js): what the form sends and where the API's refusals are shown.
// Pure, so it is unit-tested without a browser.

export const operationTypes = [
  ['dial', 'Op Dial: ASB hot-spot patrols'],
  ['grip', 'Op Grip: serious violence hot-spot policing'],
  ['minerva', 'Op Minerva: female victimisation'],
  ['other', 'Other'],
];

const numberOrNull = text => (text === '' || text === null || text === undefined ? null : Number(text));

// Target groups are typed as a list ("asb, violence"); the API names any it does not know.
export const splitList = text => (text ?? '').split(/[,\s]+/).map(s => s.trim()).filter(Boolean);

// The body of PUT /api/operations/{id}. A period row left empty is no period; one with only an end is sent with no
// start (JSON's form of it is the date 0001-01-01), which the API refuses by name, rather than dropped without a word.
export function operationBody(values) {
  return {
    name: values.name.trim(),
    type: values.type,
    zones: [...values.zones],
    activePeriods: values.periods
      .filter(p => p.start || p.end)
      .map(p => ({ start: p.start || '0001-01-01', end: p.end || null })),
    targetGroups: splitList(values.targetGroups),
    fundedPatrolHours: numberOrNull(values.fundedPatrolHours),
    controlWards: [...values.controlWards],
    bufferInnerMetres: numberOrNull(values.bufferInnerMetres) ?? 200,
    bufferOuterMetres: numberOrNull(values.bufferOuterMetres) ?? 400,
  };
}

// The body of PUT /api/zones/{code} for a zone drawn on the map: a circle (centre and radius) or the polygon of the
// corners clicked, closed. Whatever is missing is sent missing, so the API's own words say what the shape lacks.
export function zoneBody(draft) {
  const name = draft.name.trim();
  if (draft.shape === 'circle') {
    return { name, circle: { latitude: numberOrNull(draft.latitude), longitude: numberOrNull(draft.longitude), radiusMetres: numberOrNull(draft.radiusMetres) } };
  }
  if (draft.corners.length === 0) return { name };
  const ring = draft.corners.map(([lat, lng]) => [round(lng), round(lat)]);
  return { name, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } };
}

// Six decimals is 0.1 m: finer than any click, and the text stays short.
const round = value => Math.round(value * 1e6) / 1e6;

// Whether the zone part of the form holds a zone to create: a code, a name or any shape.
export function hasZoneDraft(draft) {
  return Boolean(draft.code.trim() || draft.name.trim() || draft.corners.length || (draft.shape === 'circle' && (draft.latitude || draft.longitude)));
}

// The API's refusal as messages by field: its `errors` when it groups them, else the whole detail under '' (a
// malformed body, a missing right), which the form shows at its foot.
export function fieldMessages(problem) {
  const errors = problem?.errors;
  if (errors && typeof errors === 'object' && Object.keys(errors).length) return new Map(Object.entries(errors));
  return new Map([['', [problem?.detail ?? problem?.title ?? 'the server refused the change']]]);
}
