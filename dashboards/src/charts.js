// Small SVG bar charts for an area's trends: no chart library, and every bar carries its value as text.
const svgNs = 'http://www.w3.org/2000/svg';

// Bar geometry in a width × height box with room for labels below: pure, so it is unit-tested without a browser.
export function barLayout(values, width, height, labelSpace = 18) {
  const max = Math.max(1, ...values);
  const plot = height - labelSpace;
  const slot = width / Math.max(1, values.length);
  const gap = Math.min(4, slot * 0.2);
  return {
    max,
    bars: values.map((value, i) => {
      const h = (value / max) * (plot - 4);
      return { x: i * slot + gap / 2, y: plot - h, width: slot - gap, height: h, value };
    }),
  };
}

export function renderBarChart(container, { values, labels, title, unit, every = 1 }) {
  const width = 560, height = 150;
  const { bars, max } = barLayout(values, width, height);
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'bar-chart');
  svg.setAttribute('role', 'img');
  const total = values.reduce((a, b) => a + b, 0);
  svg.setAttribute('aria-label', `${title}: ${total} in all, most ${max} in one ${unit}; ${labels[0]} to ${labels[labels.length - 1]}`);
  bars.forEach((bar, i) => {
    const rect = document.createElementNS(svgNs, 'rect');
    for (const [k, v] of Object.entries({ x: bar.x, y: bar.y, width: bar.width, height: Math.max(bar.height, 0.5) })) rect.setAttribute(k, v.toFixed(1));
    const tip = document.createElementNS(svgNs, 'title');
    tip.textContent = `${labels[i]}: ${bar.value}`;
    rect.append(tip);
    svg.append(rect);
    if (i % every === 0 || i === bars.length - 1) {
      const text = document.createElementNS(svgNs, 'text');
      const first = i === 0, last = i === bars.length - 1;
      text.setAttribute('x', (first ? bar.x : last ? bar.x + bar.width : bar.x + bar.width / 2).toFixed(1));
      text.setAttribute('y', String(height - 4));
      text.setAttribute('text-anchor', first ? 'start' : last ? 'end' : 'middle');
      text.textContent = labels[i];
      svg.append(text);
    }
  });
  const caption = document.createElement('p');
  caption.className = 'chart-title';
  caption.textContent = title;
  container.replaceChildren(caption, svg);
}
