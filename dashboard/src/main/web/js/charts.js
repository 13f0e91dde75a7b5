// Sparklines (plain SVG) and uPlot time charts: shared cursor, drag-zoom, markers, tooltips, and axes whose labels
// are distinct (decimals follow the tick step; bytes on binary steps) and never overlap.
import { esc } from './format.js';

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** An SVG sparkline of the last values; null values are gaps. With max, the scale is 0..max, else min..max. */
export function sparkline(values, color, max) {
  const w = 200;
  const h = 30;
  const pts = values.slice(-60);
  if (pts.filter((v) => v != null).length < 2) return `<svg class="spark" viewBox="0 0 ${w} ${h}"></svg>`;
  const present = pts.filter((v) => v != null);
  const top = Math.max(max ?? 0, ...present);
  const bottom = max == null ? Math.min(...present) - (top - Math.min(...present)) * 0.2 : 0;
  const span = top - bottom || 1;
  const dx = w / Math.max(pts.length - 1, 1);
  let line = '';
  let pen = false;
  pts.forEach((v, i) => {
    if (v == null) { pen = false; return; }
    const x = (i * dx).toFixed(1);
    const y = (h - 2 - ((v - bottom) / span) * (h - 4)).toFixed(1);
    line += `${pen ? 'L' : 'M'}${x},${y}`;
    pen = true;
  });
  const area = `${line}L${w},${h}L0,${h}Z`;
  return `<svg class="spark" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none">`
    + `<path class="area" d="${area}" fill="${color}"/><path class="line" d="${line}" stroke="${color}"/></svg>`;
}

export const MARKER_COLORS = { crash: '--crash', restart: '--restart', reload: '--reload', start: '--start', stop: '--stop', join: '--start', leave: '--stop', alert: '--bad' };

/** Digits after the point that show every multiple of step exactly (0.25 -> 2); at most 3. */
function decimals(step) {
  for (let d = 0; d < 3; d++) if (Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) < 1e-9 * 10 ** d) return d;
  return 3;
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Tick positions on round binary steps (1, 2, 4 … 512 × 1024^k bytes): about five over [min, max]. */
function binarySplits(u, axisIdx, min, max) {
  const span = Math.max(max - min, 1);
  let step = 1;
  while (step * 2 <= span / 4) step *= 2;
  const out = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(v);
  return out;
}

/** Labels of binary ticks in one unit, with the decimals the step needs, so no two read alike. */
function binaryLabels(splits, suffix = '') {
  const top = Math.max(...splits.map(Math.abs), 1);
  const step = splits.length > 1 ? splits[1] - splits[0] : top;
  let k = Math.min(BINARY.length - 1, Math.floor(Math.log(top) / Math.log(1024)));
  // 0.125 GiB reads worse than 128 MiB: a finer unit when the step needs more than two decimals.
  while (k > 0 && decimals(step / 1024 ** k) > 2) k--;
  const d = decimals(step / 1024 ** k);
  return splits.map((v) => `${(v / 1024 ** k).toFixed(d)} ${BINARY[k]}${suffix}`);
}

/** Labels of decimal ticks: the step's decimals and the unit's suffix. */
function decimalLabels(splits, incr, suffix) {
  const d = decimals(incr || 1);
  return splits.map((v) => (Math.abs(v) >= 10000 && d === 0 ? Math.round(v).toLocaleString() : v.toFixed(d)) + suffix);
}

const UNITS = {
  percent: { suffix: ' %' },
  bytes: { binary: true },
  bytesPerSec: { binary: true, suffix: '/s' },
  ms: { suffix: ' ms' },
  perMin: { suffix: '/min' },
  count: { suffix: '' },
};

/** Draws each marker (t: epoch seconds) as a dashed vertical line with a small flag, in its kind's colour. */
function markersPlugin(getMarkers) {
  return {
    hooks: {
      draw: (u) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
        for (const m of getMarkers()) {
          if (m.t < u.scales.x.min || m.t > u.scales.x.max) continue;
          const x = Math.round(u.valToPos(m.t, 'x', true));
          ctx.strokeStyle = css(MARKER_COLORS[m.kind] || '--idle');
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillStyle = ctx.strokeStyle;
          ctx.fillRect(x - 3 * devicePixelRatio, top, 6 * devicePixelRatio, 6 * devicePixelRatio);
        }
        ctx.restore();
      },
    },
  };
}

/** A floating box with every series' value and the time under the cursor, and the nearest marker if any. */
function tooltipPlugin(series, format, getMarkers) {
  let tip;
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'tooltip';
        u.over.appendChild(tip);
        u.over.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
      },
      setCursor: (u) => {
        const i = u.cursor.idx;
        if (i == null || u.cursor.left < 0) { tip.style.display = 'none'; return; }
        const t = u.data[0][i];
        const rows = series.map((s, k) => {
          const v = u.data[k + 1][i];
          return `${series.length > 1 ? `${esc(s.label)} ` : ''}<b>${v == null ? 'no sample' : format(v)}</b>`;
        });
        const near = getMarkers().find((m) => Math.abs(u.valToPos(m.t, 'x') - u.cursor.left) < 5);
        tip.innerHTML = `${rows.join('<br>')}<br>${new Date(t * 1000).toLocaleString()}`
          + (near ? `<br><span style="color:${css(MARKER_COLORS[near.kind] || '--idle')}">${near.kind}</span> ${esc(near.detail)}` : '');
        tip.style.display = 'block';
        const left = Math.min(u.cursor.left + 12, u.over.clientWidth - tip.offsetWidth - 4);
        tip.style.left = `${Math.max(left, 0)}px`;
        tip.style.top = `${Math.max(u.cursor.top - tip.offsetHeight - 8, 0)}px`;
      },
    },
  };
}

/** Every chart on the page, for the export and for the browser tests' checks of the axes. */
export const liveCharts = new Set();

/**
 * One time chart. opts: {title, unit (a key of UNITS), series: [{label, color}], format, getMarkers, onZoom(min, max),
 * onReset(), range: [min, max]}. The x scale is never derived from the data: it is the range asked for (one point on a
 * 30-day axis stays a point), set by the caller. Drag zooms; double-click calls onReset.
 */
export function timeChart(el, data, opts) {
  const width = Math.max(el.clientWidth, 280);
  const unit = UNITS[opts.unit] || UNITS.count;
  const font = '11px system-ui, sans-serif';
  const axis = { stroke: css('--muted'), font, grid: { stroke: css('--grid'), width: 1 }, ticks: { stroke: css('--grid') } };
  const yAxis = unit.binary
    ? { ...axis, size: 78, splits: binarySplits, values: (u, splits) => binaryLabels(splits, unit.suffix || '') }
    : { ...axis, size: 70, values: (u, splits, ai, space, incr) => decimalLabels(splits, incr, unit.suffix) };
  const u = new uPlot({
    width,
    height: width < 500 ? 160 : 190,
    legend: { show: false },
    cursor: {
      drag: { x: true, y: false, setScale: true },
      points: { size: 6 },
      sync: { key: 'warden-page' },
      bind: { dblclick: () => null },
    },
    scales: {
      x: { time: true, auto: false, range: (self, min, max) => [min, max] },
      y: { range: (self, min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    // Room for "Dec 02 23:45" plus a gap: uPlot picks fewer ticks rather than letting labels touch.
    axes: [{ ...axis, space: 96 }, yAxis],
    series: [{}, ...opts.series.map((s) => ({ label: s.label, stroke: s.color, width: 1.6, fill: opts.series.length === 1 ? s.color + '22' : undefined, spanGaps: false }))],
    plugins: [markersPlugin(opts.getMarkers), tooltipPlugin(opts.series, opts.format, opts.getMarkers)],
    hooks: { setScale: [(self, key) => { if (key === 'x') opts.onZoom(self.scales.x.min, self.scales.x.max); }] },
  }, data, el);
  u.setScale('x', { min: opts.range[0], max: opts.range[1] });
  u.over.addEventListener('dblclick', () => opts.onReset());
  u.wardenTitle = opts.title;
  liveCharts.add(u);
  const destroy = u.destroy.bind(u);
  u.destroy = () => { liveCharts.delete(u); destroy(); };
  return u;
}

/**
 * Facts about the drawn axes, for the browser tests: per chart, whether the y labels are distinct and whether any
 * two x labels overlap (measured with the axis font at the tick positions).
 */
export function axisReport() {
  const probe = document.createElement('canvas').getContext('2d');
  return [...liveCharts].map((u) => {
    const [x, y] = u.axes;
    const yLabels = (y._values || []).filter((v) => v != null);
    probe.font = x.font[0] || x.font;
    let overlap = false;
    let prevRight = -Infinity;
    (x._splits || []).forEach((v, i) => {
      const label = x._values && x._values[i];
      if (label == null || label === '') return;
      const widest = Math.max(...String(label).split('\n').map((line) => probe.measureText(line).width));
      const center = u.valToPos(v, 'x');
      if (center - widest / 2 < prevRight) overlap = true;
      prevRight = center + widest / 2;
    });
    return { title: u.wardenTitle, xMin: u.scales.x.min, xMax: u.scales.x.max, yLabels, yDistinct: new Set(yLabels).size === yLabels.length, xLabels: (x._values || []).map(String), xOverlap: overlap };
  });
}

window.wardenAxes = axisReport;

export { css };
