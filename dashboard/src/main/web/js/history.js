// The history view of one page: a toolbar (1h/24h/7d/30d, pan, reset, CSV/PNG export), a grid of charts that share
// one cursor and one zoom, live ticks while the range ends now, markers, and the visible range's aggregates.
import { get } from './api.js';
import { timeChart, css } from './charts.js';
import { esc, time, duration } from './format.js';
import { toCsv, download, chartsPng, rangeName } from './export.js';

/** Seconds shown and the step the server averages over: about 1500 points at most. */
export const RANGES = { '1h': [3600, null], '24h': [86400, '60s'], '7d': [604800, '10m'], '30d': [2592000, '30m'] };

/** Per-minute rate of a cumulative counter; null where it is unknown or the counter went back (a restart). */
export function ratePerMin(t, counter) {
  return counter.map((v, i) => {
    if (i === 0 || v == null || counter[i - 1] == null || t[i] <= t[i - 1] || v < counter[i - 1]) return null;
    return ((v - counter[i - 1]) * 60) / (t[i] - t[i - 1]);
  });
}

/** avg/min/max/p95 of the values shown, for series the browser derives (rates of counters). */
function localAggregates(values) {
  const v = values.filter((x) => x != null).sort((a, b) => a - b);
  if (!v.length) return null;
  return { avg: v.reduce((a, b) => a + b, 0) / v.length, min: v[0], max: v[v.length - 1],
    p95: v[Math.min(v.length - 1, Math.ceil(0.95 * v.length) - 1)], count: v.length };
}

export const toolbarHtml = () => `
  <div class="toolbar">
    ${Object.keys(RANGES).map((r) => `<button data-range="${r}" aria-pressed="${r === '1h'}">${r}</button>`).join('')}
    <span class="sep"></span>
    <button id="pan-left" title="Pan back">◀</button><button id="pan-right" title="Pan forward">▶</button>
    <button id="reset" title="Show the whole range (or double-click a chart)">Reset zoom</button>
    <span class="sep"></span>
    <button id="csv">Export CSV</button><button id="png">Export PNG</button>
    <span class="muted" id="mode"></span>
  </div>`;

export const legendHtml = (kinds = ['crash', 'restart', 'reload', 'start', 'stop']) => `<div class="legend-markers">${kinds
  .map((k) => `<span><i style="background:var(--${k === 'join' ? 'start' : k === 'leave' ? 'stop' : k === 'alert' ? 'bad' : k})"></i>${k}</span>`).join('')}
  <span>drag to zoom · double-click to reset</span></div>`;

/**
 * charts: [{id, title, unit, format, series: [{key, source, label, color, derive?}]}], where derive(t, h) computes a
 * series from the source's history columns (rates of counters). opts: {root, name (file names), markers(), liveValues(tick, source)}.
 * Charts whose series have no data in the first load are left out, so a page shows what its source samples.
 */
export function historyView(root, charts, opts) {
  const $ = (sel) => root.querySelector(sel);
  const grid = $('#charts-grid');
  let range = '1h';
  let span = RANGES[range][0];
  let view = null; // [min, max] when zoomed
  let syncing = false;
  let data = { t: [], values: {} }; // values by "source|key"
  let shown = [];
  let plots = [];
  let aggTimer = null;
  let lastRaw = {}; // per source: the last raw counter values, for live rates

  const key = (s) => `${s.source}|${s.key}`;
  const allSeries = () => shown.flatMap((c) => c.series);
  const now = () => Date.now() / 1000;
  const full = () => [data.end - span, data.end];
  const visible = () => view || full();

  const expose = () => {
    const el = $('#charts');
    el.dataset.points = data.t.length;
    el.dataset.last = data.t.length ? data.t[data.t.length - 1] : '';
    el.dataset.markers = [...opts.markers(), ...shown.flatMap((c) => (c.markers ? c.markers() : []))].map((m) => m.kind).join(',');
    el.dataset.range = range;
    el.dataset.charts = shown.map((c) => c.id).join(',');
    el.dataset.populated = shown.filter((c) => c.series.some((s) => (data.values[key(s)] || []).some((v) => v != null))).map((c) => c.id).join(',');
    // Per chart, the time of its newest value: a test tells a chart fed since a host restart from one of old history.
    const newest = (c) => Math.max(...c.series.map((s) => { const v = data.values[key(s)] || []; let i = v.length - 1; while (i >= 0 && v[i] == null) i--; return i < 0 ? 0 : data.t[i]; }));
    el.dataset.newest = shown.map((c) => `${c.id}=${Math.round(newest(c))}`).join(',');
  };

  const setAll = (min, max) => {
    syncing = true;
    plots.forEach((u) => { if (u.scales.x.min !== min || u.scales.x.max !== max) u.setScale('x', { min, max }); });
    syncing = false;
  };

  const onZoom = (min, max) => {
    if (syncing) return;
    const [f0, f1] = full();
    view = Math.abs(min - f0) > 1 || Math.abs(max - f1) > 1 ? [min, max] : null;
    setAll(min, max);
    $('#mode').textContent = view ? `zoomed: ${duration((max - min) * 1000)}` : (range === '1h' ? 'live' : '');
    loadAggregates();
  };

  const reset = () => { view = null; setAll(...full()); onZoom(...full()); };

  const showNow = () => shown.forEach((c) => {
    const el = grid.querySelector(`[data-chart="${CSS.escape(c.id)}"] [data-now]`);
    const parts = c.series.map((s) => {
      const vals = data.values[key(s)] || [];
      let last = null;
      for (let i = vals.length - 1; i >= 0 && last == null; i--) last = vals[i];
      return last == null ? null : `${c.series.length > 1 ? `${s.label} ` : ''}${c.format(last)}`;
    }).filter(Boolean);
    el.textContent = parts.length ? `now ${parts.join(' · ')}` : '';
  });

  const draw = () => {
    plots.forEach((u) => u.destroy());
    grid.innerHTML = shown.map((c) => `<div class="chart" data-chart="${esc(c.id)}"><h3><span>${esc(c.title)}</span><span class="muted" data-now></span></h3><div data-plot></div></div>`).join('')
      || '<p class="muted">No samples in this range yet.</p>';
    plots = shown.map((c) => timeChart(grid.querySelector(`[data-chart="${CSS.escape(c.id)}"] [data-plot]`),
      [data.t, ...c.series.map((s) => data.values[key(s)])], {
        title: c.title, unit: c.unit, format: c.format, range: visible(),
        series: c.series.map((s) => ({ label: s.label, color: css(s.color) })),
        getMarkers: c.markers || opts.markers, onZoom, onReset: reset,
      }));
    showNow();
    loadAggregates();
    expose();
    // What bench/dashboard measures: from navigation start to the first chart drawn.
    if (plots.length && !performance.getEntriesByName('warden-first-chart').length) performance.mark('warden-first-chart');
  };

  /** One request per source; the columns are merged on the union of their times. */
  const load = async () => {
    const [seconds, step] = RANGES[range];
    span = seconds;
    view = null;
    const sources = [...new Set(charts.flatMap((c) => c.series.map((s) => s.source)))];
    const answers = await Promise.all(sources.map((src) => get(`/api/v1/series/${encodeURIComponent(src)}/history?window=${seconds}s${step ? `&step=${step}` : ''}`)
      .catch(() => ({ t: [], series: {} }))));
    const times = [...new Set(answers.flatMap((h) => h.t))].sort((a, b) => a - b);
    const values = {};
    sources.forEach((src, n) => {
      const h = answers[n];
      const index = new Map(h.t.map((t, i) => [t, i]));
      charts.flatMap((c) => c.series).filter((s) => s.source === src).forEach((s) => {
        const own = s.derive ? s.derive(h.t, h.series) : h.series[s.key];
        values[key(s)] = own ? times.map((t) => (index.has(t) ? own[index.get(t)] ?? null : null)) : times.map(() => null);
      });
      lastRaw[src] = Object.fromEntries(Object.entries(h.series).map(([k, col]) => [k, { t: h.t[h.t.length - 1], v: col[col.length - 1] }]));
    });
    data = { t: times, values, end: now() };
    // A chart is shown when its source sampled any of its series in this range (a service has no event counters).
    shown = charts.filter((c) => c.always || c.series.some((s) => (values[key(s)] || []).some((v) => v != null)));
    $('#mode').textContent = range === '1h' ? 'live' : '';
    draw();
  };

  const loadAggregates = () => {
    clearTimeout(aggTimer);
    aggTimer = setTimeout(async () => {
      const [from, to] = visible();
      // Ask only for what exists: from the first sample shown, so a young host's 30 days read the exact tier.
      const first = data.t.find((t) => t >= from);
      const el = $('#aggs');
      if (first == null) { el.innerHTML = '<p class="muted">No samples in the visible range.</p>'; return; }
      const bySource = {};
      allSeries().filter((s) => !s.derive).forEach((s) => { (bySource[s.source] ||= []).push(s.key); });
      try {
        const answers = await Promise.all(Object.entries(bySource).map(([src, keys]) => get(`/api/v1/series/${encodeURIComponent(src)}/aggregates?series=${keys.map(encodeURIComponent).join(',')}`
          + `&from=${first.toFixed(3)}&to=${Math.max(to, first + 1).toFixed(3)}`).then((a) => [src, a])));
        const aggs = Object.fromEntries(answers.flatMap(([src, a]) => Object.entries(a.aggregates).map(([k, g]) => [`${src}|${k}`, g])));
        allSeries().filter((s) => s.derive).forEach((s) => {
          aggs[key(s)] = localAggregates((data.values[key(s)] || []).filter((v, i) => data.t[i] >= from && data.t[i] <= to));
        });
        const rows = shown.flatMap((c) => c.series.map((s) => {
          const g = aggs[key(s)];
          if (!g || !g.count) return '';
          const f = (v) => (v == null || Number.isNaN(v) ? '–' : c.format(v));
          const label = c.series.length > 1 ? `${c.title}: ${s.label}` : c.title;
          return `<tr data-agg="${esc(s.key)}" data-count="${g.count}"><td>${esc(label)}</td><td class="num">${f(g.avg)}</td><td class="num">${f(g.min)}</td>
            <td class="num">${f(g.max)}</td><td class="num">${f(g.p95)}</td><td class="num">${g.count}</td></tr>`;
        })).join('');
        el.innerHTML = `<p class="muted">${time(new Date(first * 1000).toISOString())} – ${time(new Date(to * 1000).toISOString())}</p>
          <table><tr><th>Series</th><th class="num">avg</th><th class="num">min</th><th class="num">max</th><th class="num">p95</th><th class="num">samples</th></tr>${rows}</table>`;
      } catch (e) {
        el.innerHTML = `<p class="muted">${esc(e.message)}</p>`;
      }
    }, 250);
  };

  /** A live tick: appended while the range is 1 h (longer ranges are averaged per step; a raw point would not fit). */
  const tick = (tick) => {
    if (range !== '1h') return;
    const at = new Date(tick.at).getTime() / 1000;
    const sources = [...new Set(charts.flatMap((c) => c.series.map((s) => s.source)))];
    const got = Object.fromEntries(sources.map((src) => [src, opts.liveValues(tick, src)]));
    if (!Object.values(got).some(Boolean)) return;
    data.t.push(at);
    charts.flatMap((c) => c.series).forEach((s) => {
      const v = got[s.source];
      let value = v ? v[s.key] ?? null : null;
      if (s.live && v) value = s.live(v, lastRaw[s.source] || {}, at);
      (data.values[key(s)] ||= data.t.slice(1).map(() => null)).push(value);
    });
    sources.forEach((src) => {
      if (!got[src]) return;
      lastRaw[src] ||= {};
      Object.entries(got[src]).forEach(([k, v]) => { lastRaw[src][k] = { t: at, v }; });
    });
    data.end = Math.max(now(), at);
    const cutoff = data.end - span;
    while (data.t.length && data.t[0] < cutoff) { data.t.shift(); Object.values(data.values).forEach((col) => col.shift()); }
    const appeared = charts.filter((c) => !shown.includes(c) && c.series.some((s) => (data.values[key(s)] || []).some((x) => x != null)));
    if (appeared.length) { shown = charts.filter((c) => shown.includes(c) || appeared.includes(c)); draw(); return; }
    syncing = true;
    plots.forEach((u, i) => {
      u.setData([data.t, ...shown[i].series.map((s) => data.values[key(s)])], false);
      const [min, max] = visible();
      u.setScale('x', { min, max });
    });
    syncing = false;
    showNow();
    expose();
  };

  const pan = (direction) => {
    const [min, max] = visible();
    const d = ((max - min) / 2) * direction;
    plots[0] && plots[0].setScale('x', { min: min + d, max: max + d });
  };

  root.querySelectorAll('[data-range]').forEach((b) => b.addEventListener('click', async () => {
    range = b.dataset.range;
    root.querySelectorAll('[data-range]').forEach((x) => x.setAttribute('aria-pressed', x === b));
    await load();
  }));
  $('#pan-left').addEventListener('click', () => pan(-1));
  $('#pan-right').addEventListener('click', () => pan(1));
  $('#reset').addEventListener('click', reset);
  $('#csv').addEventListener('click', () => {
    const [from, to] = visible();
    const series = allSeries().map((s) => ({ key: key(s), csv: s.csv || s.key.replace(/[^A-Za-z0-9]+/g, '_') }));
    download(`${opts.name}-${rangeName(range, view)}.csv`, new Blob([toCsv(data, series, from, to)], { type: 'text/csv' }));
  });
  $('#png').addEventListener('click', () => {
    const name = `${opts.name}-${rangeName(range, view)}`;
    chartsPng(plots, `${opts.name} · ${view ? `${time(new Date(view[0] * 1000).toISOString())} – ${time(new Date(view[1] * 1000).toISOString())}` : `last ${range}`}`)
      .then((blob) => download(`${name}.png`, blob));
  });

  const resize = new ResizeObserver(() => plots.forEach((u) => {
    const w = Math.max(u.root.parentElement.clientWidth, 280);
    if (Math.abs(w - u.width) > 4) u.setSize({ width: w, height: u.height });
  }));
  resize.observe(grid);

  return {
    load,
    tick,
    redraw: () => { plots.forEach((u) => u.redraw(false)); expose(); },
    leave: () => { resize.disconnect(); plots.forEach((u) => u.destroy()); clearTimeout(aggTimer); },
    range: () => range,
  };
}
