// Small SVG charts drawn with DOM calls (no library, nothing inline that CSP would block).
import { h, scroller, svg } from './dom.js';

const PALETTE = ['#2563eb', '#16a34a', '#b45309', '#dc2626', '#7c3aed', '#0e7490', '#db2777', '#4d7c0f'];
/** Series differ by line pattern and marker too, never by colour alone. */
const DASHES = ['', '8 4', '2 3', '12 3 2 3', '4 4', '1 5', '10 6', '6 2 2 2'];
const MARKERS = ['circle', 'square', 'diamond', 'triangle'];
const W = 640;
const H = 220;
const PAD = { left: 48, right: 30, top: 12, bottom: 28 };

/** A colour for the i-th series. */
export function colour(i) {
  return PALETTE[i % PALETTE.length];
}

function niceMax(value) {
  if (value <= 0) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

function axes(maxY, labels, format) {
  const parts = [];
  const plotH = H - PAD.top - PAD.bottom;
  for (let i = 0; i <= 4; i++) {
    const y = PAD.top + plotH - (plotH * i) / 4;
    parts.push(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }));
    parts.push(svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', class: 'tick' },
      format((maxY * i) / 4)));
  }
  const step = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((label, i) => {
    if (i % step !== 0 && i !== labels.length - 1) return;
    parts.push(svg('text', { x: xAt(i, labels.length), y: H - 8, 'text-anchor': 'middle', class: 'tick' }, label));
  });
  return parts;
}

function xAt(i, n) {
  const plotW = W - PAD.left - PAD.right;
  return n <= 1 ? PAD.left + plotW / 2 : PAD.left + (plotW * i) / (n - 1);
}

function yAt(value, maxY) {
  const plotH = H - PAD.top - PAD.bottom;
  return PAD.top + plotH - (plotH * value) / maxY;
}

/** A legend entry draws the series' line pattern and marker, so it is told apart without colour. */
function legend(series) {
  return h('ul', { class: 'legend' }, series.map((s, i) => {
    const sample = svg('svg', { viewBox: '0 0 28 10', width: 28, height: 10, 'aria-hidden': 'true', class: 'sample' },
      svg('line', { x1: 1, x2: 27, y1: 5, y2: 5, stroke: s.colour || colour(i), 'stroke-width': 2, 'stroke-dasharray': DASHES[i % DASHES.length] || null }),
      marker(i, 14, 5, s.colour || colour(i)));
    return h('li', null, sample, s.name);
  }));
}

function marker(i, x, y, fill) {
  const kind = MARKERS[i % MARKERS.length];
  if (kind === 'square') return svg('rect', { x: x - 2.5, y: y - 2.5, width: 5, height: 5, fill });
  if (kind === 'diamond') return svg('polygon', { points: `${x},${y - 3.5} ${x + 3.5},${y} ${x},${y + 3.5} ${x - 3.5},${y}`, fill });
  if (kind === 'triangle') return svg('polygon', { points: `${x},${y - 3.5} ${x + 3.5},${y + 3} ${x - 3.5},${y + 3}`, fill });
  return svg('circle', { cx: x, cy: y, r: 2.5, fill });
}

/** The chart's numbers as a table, for screen readers and for reading exact values. */
function dataTable(caption, columns, rows) {
  return h('details', { class: 'chart-data' }, h('summary', null, 'Show as a table'),
    scroller(caption, h('table', null, h('caption', { class: 'sr-only' }, caption),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((v, j) => j === 0 ? h('th', { scope: 'row' }, v) : h('td', { class: 'num' }, v))))))));
}

/**
 * A line chart. labels: x-axis labels (one per point); series: [{name, values, colour?}];
 * options: {format(y) → string, threshold: {value, label}, title, markers: [{index, label}]
 * (vertical lines at points, e.g. rollout steps)}.
 */
export function lineChart(labels, series, options = {}) {
  const format = options.format || ((v) => String(Math.round(v)));
  let maxY = 0;
  series.forEach((s) => s.values.forEach((v) => { maxY = Math.max(maxY, v || 0); }));
  if (options.threshold) maxY = Math.max(maxY, options.threshold.value);
  maxY = niceMax(maxY * 1.05);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': options.title || 'chart' });
  root.append(...axes(maxY, labels, format));
  series.forEach((s, i) => {
    const points = s.values.map((v, j) => `${xAt(j, labels.length).toFixed(1)},${yAt(v || 0, maxY).toFixed(1)}`);
    root.append(svg('polyline', { points: points.join(' '), fill: 'none', stroke: s.colour || colour(i), 'stroke-width': 2, 'stroke-dasharray': DASHES[i % DASHES.length] || null, class: 'series' }));
    s.values.forEach((v, j) => {
      const point = marker(i, xAt(j, labels.length), yAt(v || 0, maxY), s.colour || colour(i));
      point.append(svg('title', null, `${s.name} · ${labels[j]}: ${format(v || 0)}`));
      root.append(point);
    });
  });
  for (const m of options.markers || []) {
    const x = xAt(m.index, labels.length);
    root.append(svg('line', { x1: x, x2: x, y1: PAD.top, y2: H - PAD.bottom, class: 'marker' }),
      svg('text', { x: x + 3, y: PAD.top + 10, class: 'marker-label' }, m.label));
  }
  if (options.threshold) {
    const y = yAt(options.threshold.value, maxY);
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'threshold' }));
    root.append(svg('text', { x: W - PAD.right, y: y - 4, 'text-anchor': 'end', class: 'threshold-label' }, options.threshold.label));
  }
  return h('figure', { class: 'chart-box' },
    options.title ? h('figcaption', null, options.title) : null, root, legend(series),
    dataTable(options.title || 'chart', ['', ...series.map((s) => s.name)],
      labels.map((label, j) => [label, ...series.map((s) => format(s.values[j] || 0))])));
}

/** A horizontal bar chart: bars [{label, value, colour?}], options {format, title}. */
export function barChart(bars, options = {}) {
  const format = options.format || ((v) => String(v));
  const rowH = 26;
  const height = bars.length * rowH + 8;
  const labelW = 130;
  const maxV = niceMax(Math.max(1, ...bars.map((b) => b.value || 0)));
  const root = svg('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart bars', role: 'img', 'aria-label': options.title || 'bars' });
  bars.forEach((b, i) => {
    const y = 4 + i * rowH;
    const width = ((W - labelW - 70) * (b.value || 0)) / maxV;
    root.append(svg('text', { x: labelW - 8, y: y + 16, 'text-anchor': 'end', class: 'tick' }, b.label));
    root.append(svg('rect', { x: labelW, y: y + 3, width: Math.max(width, 1), height: rowH - 8, fill: b.colour || colour(i), rx: 3 }));
    root.append(svg('text', { x: labelW + width + 6, y: y + 16, class: 'value' }, format(b.value || 0)));
  });
  return h('figure', { class: 'chart-box' }, options.title ? h('figcaption', null, options.title) : null, root,
    dataTable(options.title || 'bars', ['', 'Count'], bars.map((b) => [b.label, format(b.value || 0)])));
}

/**
 * The failure share of a release against its halt threshold: a bar filled to the share with a
 * marker at the threshold. shareBp/thresholdBp in basis points; attempts shown beside.
 */
export function thresholdMeter(shareBp, thresholdBp, attempts, minAttempts, period = '') {
  const scale = Math.max(thresholdBp * 2, shareBp, 1);
  const root = svg('svg', { viewBox: `0 0 ${W} 44`, class: 'chart meter', role: 'img', 'aria-label': 'failure share against the halt threshold' });
  const plotW = W - 24;
  const over = shareBp >= thresholdBp && attempts >= minAttempts;
  root.append(svg('rect', { x: 12, y: 10, width: plotW, height: 16, rx: 4, class: 'meter-track' }));
  root.append(svg('rect', { x: 12, y: 10, width: Math.max(1, (plotW * shareBp) / scale), height: 16, rx: 4, class: over ? 'meter-bad' : 'meter-ok' }));
  const tx = 12 + (plotW * thresholdBp) / scale;
  root.append(svg('line', { x1: tx, x2: tx, y1: 4, y2: 32, class: 'threshold' }));
  root.append(svg('text', { x: tx, y: 42, 'text-anchor': 'middle', class: 'threshold-label' }, `halt at ${(thresholdBp / 100).toFixed(2)} %`));
  return h('figure', { class: 'chart-box' },
    h('figcaption', { id: 'threshold-caption' }, `Failure share ${(shareBp / 100).toFixed(2)} % of ${attempts} attempted installs${period ? ' ' + period : ''} (minimum ${minAttempts} before a halt)`),
    root);
}
