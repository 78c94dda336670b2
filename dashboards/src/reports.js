// What the Reports panel asks the API for: a locality's agenda pack and the performance summary of its wards, for the
// same months. Pure, so the paths are tested under node and the browser check compares the page with them.

// A LAG meets every two months: with no months chosen, the pack covers the last two complete ones (the API's default),
// and the performance summary is asked for the same two.
export const defaultMonths = 2;

function query(params) {
  const parts = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return parts.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

// The pack in a format (json, html, pdf, xlsx) for a locality's code and optional months (yyyy-MM).
export function packPath(locality, { from, to } = {}, format) {
  return `/api/reports/lag?${query({ locality, from, to, format })}`;
}

// The performance summary of the locality's wards over the same months, as a file (csv or xlsx).
export function performancePath(locality, { from, to } = {}, format) {
  const months = from ? undefined : defaultMonths;
  return `/api/reports/performance?${query({ level: 'ward', locality, from, to, months, format })}`;
}

// Every download the panel offers, in the order it shows them. The server names each file (Content-Disposition).
export function downloads(locality, months) {
  return [
    { id: 'rp-html', label: 'Pack (HTML)', href: packPath(locality, months, 'html') },
    { id: 'rp-pdf', label: 'Pack (PDF)', href: packPath(locality, months, 'pdf') },
    { id: 'rp-xlsx', label: 'Pack (spreadsheet)', href: packPath(locality, months, 'xlsx') },
    { id: 'rp-performance-csv', label: 'Performance (CSV)', href: performancePath(locality, months, 'csv') },
    { id: 'rp-performance-xlsx', label: 'Performance (spreadsheet)', href: performancePath(locality, months, 'xlsx') },
  ];
}
