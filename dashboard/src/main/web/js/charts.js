// Sparklines (plain SVG) and the child page's uPlot charts: tooltips, drag-zoom, pan, markers.
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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

const MARKER_COLORS = { crash: '--crash', restart: '--restart', reload: '--reload', start: '--start', stop: '--stop' };

/** Draws each marker (at: epoch seconds) as a dashed vertical line with a small flag. */
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

/** A floating box with the exact value and time under the cursor, and the nearest marker if any. */
function tooltipPlugin(format, getMarkers) {
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
        const v = u.data[1][i];
        const near = getMarkers().find((m) => Math.abs(u.valToPos(m.t, 'x') - u.cursor.left) < 5);
        tip.innerHTML = `<b>${v == null ? 'no sample' : format(v)}</b><br>${new Date(t * 1000).toLocaleString()}`
          + (near ? `<br><span style="color:${css(MARKER_COLORS[near.kind] || '--idle')}">${near.kind}</span> ${esc(near.detail)}` : '');
        tip.style.display = 'block';
        const left = Math.min(u.cursor.left + 12, u.over.clientWidth - tip.offsetWidth - 4);
        tip.style.left = `${Math.max(left, 0)}px`;
        tip.style.top = `${Math.max(u.cursor.top - tip.offsetHeight - 8, 0)}px`;
      },
    },
  };
}

/**
 * One time-series chart. opts: {title, color, format, getMarkers, onZoom(min, max)}.
 * Drag selects a range to zoom into; double-click resets (uPlot's own behaviour).
 */
export function lineChart(el, data, opts) {
  const width = Math.max(el.clientWidth, 280);
  const axis = { stroke: css('--muted'), grid: { stroke: css('--grid'), width: 1 }, ticks: { stroke: css('--grid') } };
  return new uPlot({
    width,
    height: width < 500 ? 160 : 200,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 6 } },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [{ ...axis }, { ...axis, size: 64, values: (u, ticks) => ticks.map(opts.format) }],
    series: [{}, { label: opts.title, stroke: opts.color, width: 1.6, fill: opts.color + '22', spanGaps: false }],
    plugins: [markersPlugin(opts.getMarkers), tooltipPlugin(opts.format, opts.getMarkers)],
    hooks: { setScale: [(u, key) => { if (key === 'x') opts.onZoom(u.scales.x.min, u.scales.x.max); }] },
  }, data, el);
}

export { css };
