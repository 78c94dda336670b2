// Small SVG bar charts for an area's trends: no chart library, and every bar carries its value as text.
const svgNs = 'http://www.w3.org/2000/svg';

// Bar geometry in a width × height box with room for labels below, an axis to the left and values above the
// tallest bar: pure, so it is unit-tested without a browser.
export function barLayout(values, width, height, labelSpace = 18, axisSpace = 0, valueSpace = 0) {
  const max = Math.max(1, ...values);
  const plot = height - labelSpace;
  const slot = (width - axisSpace) / Math.max(1, values.length);
  const gap = Math.min(4, slot * 0.2);
  return {
    max,
    plot,
    bars: values.map((value, i) => {
      const h = (value / max) * (plot - 4 - valueSpace);
      return { x: axisSpace + i * slot + gap / 2, y: plot - h, width: slot - gap, height: h, value };
    }),
  };
}

// Bars narrower than this carry their value only in the tooltip: a number would not fit above them.
const minValueWidth = 16;

export function renderBarChart(container, { values, labels, title, unit, every = 1 }) {
  const width = 560, height = 150, axisSpace = 30, valueSpace = 14;
  const { bars, max, plot } = barLayout(values, width, height, 18, axisSpace, valueSpace);
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'bar-chart');
  svg.setAttribute('role', 'img');
  const total = values.reduce((a, b) => a + b, 0);
  svg.setAttribute('aria-label', `${title}: ${total} in all, most ${max} in one ${unit}; ${labels[0]} to ${labels[labels.length - 1]}`);
  // The axis: a baseline, a vertical rule and the counts at its foot and at the tallest bar's height.
  const axis = document.createElementNS(svgNs, 'g');
  axis.setAttribute('class', 'axis');
  const top = bars.length ? Math.min(...bars.map(b => b.y)) : plot;
  axis.append(svgLine(axisSpace, plot, width, plot), svgLine(axisSpace, top, axisSpace, plot));
  for (const [value, y] of max > 0 && top < plot ? [[0, plot], [max, top]] : [[0, plot]]) {
    const tick = svgText(axisSpace - 4, y + 4, String(value), 'end');
    tick.setAttribute('class', 'tick');
    axis.append(tick);
  }
  svg.append(axis);
  const labelValues = bars.length > 0 && bars[0].width >= minValueWidth;
  bars.forEach((bar, i) => {
    const rect = document.createElementNS(svgNs, 'rect');
    for (const [k, v] of Object.entries({ x: bar.x, y: bar.y, width: bar.width, height: Math.max(bar.height, 0.5) })) rect.setAttribute(k, v.toFixed(1));
    const tip = document.createElementNS(svgNs, 'title');
    tip.textContent = `${labels[i]}: ${bar.value}`;
    rect.append(tip);
    svg.append(rect);
    if (labelValues) {
      const value = svgText(bar.x + bar.width / 2, bar.y - 3, String(bar.value), 'middle');
      value.setAttribute('class', 'value');
      svg.append(value);
    }
    if (i % every === 0 || i === bars.length - 1) {
      const first = i === 0, last = i === bars.length - 1;
      svg.append(svgText(first ? bar.x : last ? bar.x + bar.width : bar.x + bar.width / 2, height - 4, labels[i], first ? 'start' : last ? 'end' : 'middle'));
    }
  });
  const caption = document.createElement('p');
  caption.className = 'chart-title';
  caption.textContent = title;
  container.replaceChildren(caption, svg);
}

function svgText(x, y, content, anchor) {
  const text = document.createElementNS(svgNs, 'text');
  text.setAttribute('x', x.toFixed(1));
  text.setAttribute('y', y.toFixed(1));
  text.setAttribute('text-anchor', anchor);
  text.textContent = content;
  return text;
}

function svgLine(x1, y1, x2, y2) {
  const line = document.createElementNS(svgNs, 'line');
  for (const [k, v] of Object.entries({ x1, y1, x2, y2 })) line.setAttribute(k, v.toFixed(1));
  return line;
}
