// Small SVG charts of our own: a sparkline, a line chart with marked events, and bar charts. Styling lives in app.css
// (classes, not inline styles, so the page's Content-Security-Policy can forbid inline style).

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
export function svgElement(name, attributes = {}) {
  const element = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

function round(value) {
  return Math.round(value * 10) / 10;
}

/** Points for a polyline of `values` (0…max) across `width` × `height`. */
export function sparkPoints(values, width, height, max = 1) {
  if (values.length === 0) return '';
  // One reading is a level, not a dot: drawn across the whole width.
  if (values.length === 1) values = [values[0], values[0]];
  const step = width / (values.length - 1);
  return values
    .map((value, index) => `${round(index * step)},${round(height - (Math.min(Math.max(value, 0), max) / max) * (height - 2) - 1)}`)
    .join(' ');
}

/** A sparkline to be updated in place with `updateSparkline`. */
export function createSparkline(width = 96, height = 24) {
  const svg = svgElement('svg', { class: 'spark', viewBox: `0 0 ${width} ${height}`, width, height, 'aria-hidden': 'true', focusable: 'false' });
  svg.append(svgElement('polyline', { points: '' }));
  svg.dataset.width = String(width);
  svg.dataset.height = String(height);
  return svg;
}

/** Redraws a sparkline's line (one attribute write). */
export function updateSparkline(svg, values) {
  svg.firstChild.setAttribute('points', sparkPoints(values, Number(svg.dataset.width), Number(svg.dataset.height)));
}

/**
 * A line chart over time: `series` of `{name, cls, points: [{x, y}]}` with y in 0…1, and `markers` of
 * `{x, cls, label, detail}` drawn as focusable flags whose detail shows on hover or focus in `onMarker`.
 */
export function timelineChart({ series, markers = [], width = 720, height = 240, label, onMarker }) {
  const pad = { left: 36, right: 12, top: 12, bottom: 28 };
  const xs = [...series.flatMap((line) => line.points.map((point) => point.x)), ...markers.map((marker) => marker.x)];
  const xMax = Math.max(1000, ...xs);
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const x = (value) => pad.left + (value / xMax) * plotWidth;
  const y = (value) => pad.top + (1 - Math.min(Math.max(value, 0), 1)) * plotHeight;
  const svg = svgElement('svg', { class: 'chart timeline', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  const grid = svgElement('g', { class: 'grid' });
  for (const level of [0, 0.25, 0.5, 0.75, 1]) {
    grid.append(svgElement('line', { x1: pad.left, x2: width - pad.right, y1: y(level), y2: y(level) }));
    const text = svgElement('text', { x: pad.left - 6, y: y(level) + 4, 'text-anchor': 'end' });
    text.textContent = level.toFixed(2).replace(/0$/, '');
    grid.append(text);
  }
  const ticks = 6;
  for (let index = 0; index <= ticks; index += 1) {
    const value = (xMax / ticks) * index;
    const text = svgElement('text', { x: x(value), y: height - 8, 'text-anchor': 'middle' });
    text.textContent = `${Math.round(value / 1000)}s`;
    grid.append(text);
  }
  svg.append(grid);
  for (const line of series) {
    if (line.points.length === 0) continue;
    const path = line.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${round(x(point.x))},${round(y(point.y))}`).join(' ');
    svg.append(svgElement('path', { d: path, class: `series ${line.cls}` }));
  }
  for (const marker of markers) {
    const group = svgElement('g', { class: `marker ${marker.cls ?? ''}`, tabindex: 0, role: 'button', 'aria-label': `${marker.label}: ${marker.detail}` });
    group.append(svgElement('line', { x1: x(marker.x), x2: x(marker.x), y1: pad.top, y2: pad.top + plotHeight }));
    group.append(svgElement('circle', { cx: x(marker.x), cy: pad.top + 6, r: 6 }));
    const title = svgElement('title');
    title.textContent = `${marker.label} — ${marker.detail}`;
    group.append(title);
    if (onMarker) {
      group.addEventListener('mouseenter', () => onMarker(marker));
      group.addEventListener('focus', () => onMarker(marker));
    }
    svg.append(group);
  }
  return svg;
}

/**
 * Vertical bars per category; with several series the bars stack (`{name, cls, values, shown?}` each, one value per
 * category; `shown` is what a bar's tooltip says when it differs from its height). A null value is "n/a". `format`
 * writes a value for labels; `totals` writes each bar's total above it.
 */
export function barChart({ categories, series, width = 720, height = 240, label, format = (value) => String(value), max, totals = false }) {
  const pad = { left: 40, right: 12, top: 12, bottom: 40 };
  // Category names wider than their slot (long rule names) are drawn slanted, cut at 28 characters, the whole name in
  // their tooltip; the chart grows downwards to make room.
  const names = categories.map((category) => String(category));
  const longest = Math.max(0, ...names.map((name) => Math.min(name.length, 28)));
  const slant = longest * 6.2 > (width - pad.left - pad.right) / Math.max(1, categories.length) - 6;
  if (slant) {
    // Slanted at 35°, a name reaches down sin 35° and left cos 35° of its length from under its bar.
    const extra = Math.round(longest * 6.2 * 0.57);
    pad.bottom += extra;
    height += extra;
    const firstSlot = (width - pad.left - pad.right) / Math.max(1, categories.length);
    pad.left = Math.max(pad.left, Math.round(Math.min(names[0]?.length ?? 0, 28) * 6.2 * 0.82 - firstSlot / 2 + 8));
  }
  const sums = categories.map((_, index) => series.reduce((sum, line) => sum + (line.values[index] ?? 0), 0));
  const top = max ?? Math.max(1, ...sums);
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const slot = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(2, Math.min(48, slot * 0.7));
  const svg = svgElement('svg', { class: 'chart bars', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  const grid = svgElement('g', { class: 'grid' });
  for (const fraction of [0, 0.5, 1]) {
    const level = pad.top + (1 - fraction) * plotHeight;
    grid.append(svgElement('line', { x1: pad.left, x2: width - pad.right, y1: level, y2: level }));
    const text = svgElement('text', { x: pad.left - 6, y: level + 4, 'text-anchor': 'end' });
    text.textContent = format(top * fraction);
    grid.append(text);
  }
  svg.append(grid);
  const labelEvery = Math.max(1, Math.ceil(categories.length / 12));
  categories.forEach((category, index) => {
    const left = pad.left + index * slot + (slot - barWidth) / 2;
    let base = pad.top + plotHeight;
    const known = series.some((line) => line.values[index] !== null && line.values[index] !== undefined);
    for (const line of series) {
      const value = line.values[index] ?? 0;
      if (value <= 0) continue;
      const barHeight = (value / top) * plotHeight;
      base -= barHeight;
      const rect = svgElement('rect', { x: round(left), y: round(base), width: round(barWidth), height: round(barHeight), class: `bar ${line.cls}` });
      const title = svgElement('title');
      title.textContent = `${category} — ${line.name}: ${format(line.shown?.[index] ?? value)}`;
      rect.append(title);
      svg.append(rect);
    }
    if (!known || totals) {
      const text = svgElement('text', { x: round(left + barWidth / 2), y: round(base - 4), 'text-anchor': 'middle', class: 'value' });
      text.textContent = known ? format(sums[index]) : 'n/a';
      svg.append(text);
    }
    if (index % labelEvery === 0) {
      const x = round(left + barWidth / 2);
      const y = height - pad.bottom + 16;
      const name = names[index];
      const text = slant
        ? svgElement('text', { x, y, 'text-anchor': 'end', class: 'category', transform: `rotate(-35 ${x} ${y - 4})` })
        : svgElement('text', { x, y, 'text-anchor': 'middle', class: 'category' });
      text.textContent = name.length > 28 ? `${name.slice(0, 27)}…` : name;
      if (name.length > 28) {
        const title = svgElement('title');
        title.textContent = name;
        text.append(title);
      }
      svg.append(text);
    }
  });
  return svg;
}

/** A legend for a chart's series (HTML, so it reads in order for screen readers). */
export function legend(series) {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const line of series) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${line.cls}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, document.createTextNode(line.name));
    list.append(item);
  }
  return list;
}
