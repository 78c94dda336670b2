// Shaping for the operation leads' panel (operations-panel.js): pure, so it is unit-tested without a browser.

const fmt = (value, digits = 0) => value === null || value === undefined ? '–' : Number(value).toFixed(digits).replace('-', '−');
const signed = (value, digits = 0) => value === null || value === undefined ? '–' : (value > 0 ? '+' : '') + fmt(value, digits);

// The evaluation's query string: the group, and whichever periods are given (each "yyyy-MM-dd..yyyy-MM-dd", "yyyy-MM"
// or "yyyy-MM..yyyy-MM"). One alone is sent too, so the API says that both are needed instead of it being ignored.
export function evaluationPath(id, { group, before, during } = {}, format) {
  const query = new URLSearchParams();
  if (group) query.set('group', group);
  if (before) query.set('before', before);
  if (during) query.set('during', during);
  if (format) query.set('format', format);
  const text = query.toString();
  return `/api/operations/${encodeURIComponent(id)}/evaluation${text ? `?${text}` : ''}`;
}

export const tableColumns = ['Zone', 'Zone (R)', 'Buffer (D)', 'Control (C)', 'Gross', 'Net effect (95% interval)', 'WDD (SE, z)', 'WDQ'];

// One row of cells per zone, in ranking order, exactly as the table shows them.
export function tableRows(evaluation) {
  const byZone = new Map(evaluation.zones.map(z => [z.zone, z]));
  return evaluation.ranking.map(rank => {
    const d = byZone.get(rank.zone).during;
    const net = d.net ? `${signed(d.net.percent)}% (${signed(d.net.lowPercent)}% to ${signed(d.net.highPercent)}%)` : '–';
    // A refused reading shows its counts but no effect: the reading below the table says why.
    const refused = d.refusal ? (d.noData ? 'no data yet' : 'not read') : null;
    return {
      zone: rank.zone,
      tooFew: Boolean(d.refusal),
      cells: [
        `${rank.rank}. ${rank.name}`,
        `${d.zone.before} → ${d.zone.after}`,
        `${d.buffer.before} → ${d.buffer.after}`,
        `${d.control.before} → ${d.control.after}`,
        d.zone.percent === null || d.zone.percent === undefined ? '–' : `${signed(d.zone.percent)}%`,
        refused ?? net,
        refused ? '–' : `${signed(d.wdd.value, 1)} (${fmt(d.wdd.standardError, 1)}, ${signed(d.wdd.z, 2)})`,
        d.wdq?.value === null || d.wdq?.value === undefined ? (d.wdq ? 'n/a' : '–') : signed(d.wdq.value, 2),
      ],
    };
  });
}

// Bars for the before/during chart: each zone's R count before and during, side by side, in ranking order and
// labelled by rank (zone names are too long to sit under a bar; the table gives them).
export function periodBars(evaluation) {
  const byZone = new Map(evaluation.zones.map(z => [z.zone, z]));
  const values = [], labels = [];
  for (const rank of evaluation.ranking) {
    const zone = byZone.get(rank.zone);
    values.push(zone.during.zone.before, zone.during.zone.after);
    labels.push(`${rank.rank}. before`, `${rank.rank}. during`);
  }
  return { values, labels };
}

export function dosageLine(zone) {
  const d = zone.dosage;
  if (!d || d.visits === 0) return 'No patrol visits logged in the during period.';
  const share = Math.round(d.shareOfDaysDosed * 100);
  const perHour = d.incidentsPerPatrolHour === null || d.incidentsPerPatrolHour === undefined ? '' : `, ${fmt(d.incidentsPerPatrolHour, 2)} incidents per patrol hour`;
  const dose = d.doseResponse?.rateRatio ? `; ${fmt(d.doseResponse.perPatrolDay, 2)} a day on patrol days against ${fmt(d.doseResponse.perOtherDay, 2)} on others` : '';
  return `${fmt(d.patrolHours, 1)} patrol hours (${fmt(d.patrolHoursPerWeek, 1)} a week)${perHour}; a 15-minute visit on ${share}% of days${dose}.`;
}
