// One child: status, controls, CPU / memory / events charts with zoom, pan, markers, export and range aggregates.
import { get, post } from './api.js';
import { lineChart, css } from './charts.js';
import { bytes, percent, number, byName, esc, time, ago, duration } from './format.js';
import { toCsv, download, chartsPng } from './export.js';

// Plugins report cumulative counters; the chart shows their rate unless the host already sends events.perMin.
const EVENT_COUNTERS = ['events.total', 'events.delivered'];

/** Per-minute rate of a cumulative counter; null where it is unknown or the counter went back (host restart). */
function ratePerMin(t, counter) {
  return counter.map((v, i) => {
    if (i === 0 || v == null || counter[i - 1] == null || t[i] <= t[i - 1] || v < counter[i - 1]) return null;
    return ((v - counter[i - 1]) * 60) / (t[i] - t[i - 1]);
  });
}

/** avg/min/max/p95 of the values shown, for series the server only has as counters. */
function localAggregates(values) {
  const v = values.filter((x) => x != null).sort((a, b) => a - b);
  if (!v.length) return null;
  return { avg: v.reduce((a, b) => a + b, 0) / v.length, min: v[0], max: v[v.length - 1],
    p95: v[Math.min(v.length - 1, Math.ceil(0.95 * v.length) - 1)], count: v.length };
}

// Series the charts or the status facts already show.
const SHOWN_ELSEWHERE = ['cpu', 'rssBytes', 'pid', 'restarts', 'crashes', 'uptimeSeconds', 'events.perMin'];

const RANGES = { '1h': [3600, null], '24h': [86400, '60s'], '7d': [604800, '10m'], '30d': [2592000, '1h'] };
const SERIES = [
  { key: 'cpu', title: 'CPU', color: '--cpu', format: percent, csv: 'cpu_percent' },
  { key: 'rssBytes', title: 'Memory (RSS)', color: '--mem', format: bytes, csv: 'rss_bytes' },
  { key: 'events.perMin', title: 'Events / min', color: '--events', format: (v) => number(v), csv: 'events_per_min' },
];

export const childPage = {
  async enter(main, id) {
    const path = `/api/v1/children/${encodeURIComponent(id)}`;
    let child = await get(path);
    const isPlugin = child.kind === 'PLUGIN';
    const series = SERIES.filter((s) => s.key !== 'events.perMin' || isPlugin);
    main.innerHTML = `
      <div class="row spread">
        <div class="row"><a href="#/">Overview</a><span class="muted">/</span><h1>${esc(id)}</h1><span class="badge" id="state"></span></div>
        <div class="row" id="controls">
          <button data-action="start">Start</button><button data-action="stop" class="danger">Stop</button>
          <button data-action="restart">Restart</button>${isPlugin ? '<button data-action="reload">Reload</button>' : ''}
          <a class="button" href="#/logs/${encodeURIComponent(id)}">Logs</a>
        </div>
      </div>
      <div id="flash"></div>
      <div class="card section"><div class="kv" id="facts"></div></div>
      <div class="toolbar">
        ${Object.keys(RANGES).map((r) => `<button data-range="${r}" aria-pressed="${r === '1h'}">${r}</button>`).join('')}
        <span class="sep"></span>
        <button id="pan-left" title="Pan back">◀</button><button id="pan-right" title="Pan forward">▶</button>
        <button id="reset" title="Show the whole range (or double-click a chart)">Reset zoom</button>
        <span class="sep"></span>
        <button id="csv">Export CSV</button><button id="png">Export PNG</button>
        <span class="muted" id="mode"></span>
      </div>
      <div class="card" id="charts">
        <div class="legend-markers"><span><i style="background:var(--crash)"></i>crash</span><span><i style="background:var(--restart)"></i>restart</span>
          <span><i style="background:var(--reload)"></i>reload</span><span><i style="background:var(--start)"></i>start</span><span><i style="background:var(--stop)"></i>stop</span>
          <span>drag to zoom · double-click to reset</span></div>
        ${series.map((s) => `<div class="chart" data-series="${s.key}"><h3><span>${s.title}</span><span class="muted" data-now></span></h3><div data-plot></div></div>`).join('')}
      </div>
      <div class="panels section">
        <div class="card"><h2>Visible range</h2><div id="aggs" class="scroll"></div></div>
        <div class="card"><h2>Recent crashes</h2><div id="crashes" class="scroll"></div></div>
      </div>`;

    const $ = (sel) => main.querySelector(sel);
    let range = '1h';
    let zoomed = false;
    let syncing = false;
    let markers = [];
    let data = { t: [], values: {} };
    let charts = [];
    let aggTimer = null;
    let counterKey = null;
    let lastCounter = null;

    // A reload starts the plugin's new version as a new child (dice-roller.r1): follow it there.
    const followSuccessor = async () => {
      if (!child.plugin) return false;
      const next = (await get('/api/v1/children')).find((c) => c.plugin === child.plugin && c.id !== id);
      if (next) location.hash = `#/child/${encodeURIComponent(next.id)}`;
      return Boolean(next);
    };

    const renderStatus = () => {
      $('#state').className = `badge ${child.state}`;
      $('#state').textContent = child.state;
      const v = (child.latest && child.latest.values) || {};
      const facts = [['pid', child.pid || '–'], ['Up', child.startedAt ? ago(child.startedAt).replace(' ago', '') : '–'],
        ['Version', child.version || '–'], ['Generation', child.generation ?? 0], ['Restarts', child.restarts], ['Crashes', child.crashes],
        ['Last exit', child.lastExitCode ?? '–'], ['State since', time(child.stateSince)], ['Reason', child.reason || '–'],
        ...(child.counters ? [['Events delivered', child.counters.delivered], ['Handled / failed', `${child.counters.handled} / ${child.counters.failed}`],
          ['Dropped / queued', `${child.counters.dropped} / ${child.counters.queued}`],
          ['Latency p50 / p99', `${number(child.counters.latencyP50Millis)} / ${number(child.counters.latencyP99Millis)} ms`]] : []),
        ...Object.entries(v).filter(([k]) => !SHOWN_ELSEWHERE.includes(k) && !(child.counters && /^(events|queue|latency)\./.test(k))).slice(0, 8).map(([k, val]) => [k, byName(k, val)])];
      $('#facts').innerHTML = facts.map(([k, val]) => `<div><span>${esc(k)}</span><b>${esc(val)}</b></div>`).join('');
      $('#controls [data-action=start]').disabled = ['RUNNING', 'STARTING'].includes(child.state);
      $('#controls [data-action=stop]').disabled = child.state === 'STOPPED';
    };

    const loadMarkers = async () => {
      const list = [];
      const [timeline, crashes, reloads] = await Promise.all([
        get(`${path}/markers`).catch(() => []),
        get(`/api/v1/crashes?child=${encodeURIComponent(id)}&limit=200`).catch(() => []),
        isPlugin ? get(`/api/v1/reloads?plugin=${encodeURIComponent(id)}&limit=200`).catch(() => []) : [],
      ]);
      const seen = new Set();
      const add = (at, kind, detail) => {
        const t = new Date(at).getTime() / 1000;
        const key = `${kind}@${Math.round(t)}`;
        if (!seen.has(key)) { seen.add(key); list.push({ t, kind, detail }); }
      };
      timeline.forEach((m) => add(m.at, m.kind, m.detail));
      crashes.forEach((c) => add(c.at, 'crash', `exit ${c.exitCode}: ${c.reason}`));
      reloads.forEach((r) => add(r.at, 'reload', `${r.fromVersion} → ${r.toVersion} ${r.outcome}`));
      markers = list;
      $('#crashes').innerHTML = crashes.length === 0 ? '<p class="muted">No crashes recorded.</p>'
        : `<table><tr><th>When</th><th>Exit</th><th>Reason</th></tr>${crashes.slice(0, 8).map((c) =>
          `<tr class="link" data-seq="${c.seq}"><td>${time(c.at)}</td><td>${c.exitCode}${c.likelySignal ? ' ' + esc(c.likelySignal) : ''}</td><td>${esc(c.reason)}</td></tr>`).join('')}</table>`;
      main.querySelectorAll('#crashes tr[data-seq]').forEach((tr) => tr.addEventListener('click', () => { location.hash = `#/crash/${tr.dataset.seq}`; }));
      fitLive();
      charts.forEach((u) => u.redraw(false));
      expose();
    };

    // While live, a marker newer than the last sample (a restart just now) widens the view so it shows at once.
    const fitLive = () => {
      if (zoomed || !charts.length || !data.t.length) return;
      const newest = Math.max(...markers.map((m) => m.t));
      const last = data.t[data.t.length - 1];
      if (newest > last) {
        syncing = true;
        charts.forEach((u) => u.setScale('x', { min: data.t[0], max: newest + 5 }));
        syncing = false;
      }
    };

    const visible = () => {
      const u = charts[0];
      return u ? [u.scales.x.min, u.scales.x.max] : [null, null];
    };

    const loadAggregates = () => {
      clearTimeout(aggTimer);
      aggTimer = setTimeout(async () => {
        const [from, to] = visible();
        if (from == null) return;
        try {
          const remote = series.filter((s) => !(counterKey && s.key === 'events.perMin'));
          const a = await get(`/api/v1/series/${encodeURIComponent(id)}/aggregates?series=${remote.map((s) => s.key).join(',')}`
            + `&from=${from.toFixed(3)}&to=${to.toFixed(3)}`);
          if (counterKey && data.values['events.perMin']) {
            a.aggregates['events.perMin'] = localAggregates(data.values['events.perMin'].filter((v, i) => data.t[i] >= from && data.t[i] <= to));
          }
          $('#aggs').innerHTML = `<p class="muted">${time(a.from)} – ${time(a.to)}</p><table><tr><th>Series</th><th class="num">avg</th><th class="num">min</th>
            <th class="num">max</th><th class="num">p95</th><th class="num">samples</th></tr>${series.map((s) => {
              const g = a.aggregates[s.key];
              return g && g.count ? `<tr data-agg="${s.key}" data-count="${g.count}"><td>${s.title}</td><td class="num">${s.format(g.avg)}</td><td class="num">${s.format(g.min)}</td>
                <td class="num">${s.format(g.max)}</td><td class="num">${s.format(g.p95)}</td><td class="num">${g.count}</td></tr>` : '';
            }).join('')}</table>`;
        } catch (e) {
          $('#aggs').innerHTML = `<p class="muted">${esc(e.message)}</p>`;
        }
      }, 250);
    };

    const onZoom = (min, max) => {
      if (syncing) return;
      syncing = true;
      charts.forEach((u) => { if (u.scales.x.min !== min || u.scales.x.max !== max) u.setScale('x', { min, max }); });
      syncing = false;
      const t = data.t;
      zoomed = t.length > 1 && (min > t[0] + 1 || max < t[t.length - 1] - 1);
      $('#mode').textContent = zoomed ? `zoomed: ${duration((max - min) * 1000)}` : 'live';
      loadAggregates();
    };

    const draw = () => {
      charts.forEach((u) => u.destroy());
      charts = series.map((s) => {
        const el = main.querySelector(`[data-series="${CSS.escape(s.key)}"] [data-plot]`);
        return lineChart(el, [data.t, data.values[s.key]], {
          title: s.title, color: css(s.color), format: s.format, getMarkers: () => markers, onZoom,
        });
      });
      onZoom(...visible());
      showNow();
      expose();
    };

    // Plain facts about what is drawn, for the browser tests and for anyone inspecting the page.
    const expose = () => {
      const el = $('#charts');
      el.dataset.points = data.t.length;
      el.dataset.last = data.t.length ? data.t[data.t.length - 1] : '';
      el.dataset.markers = markers.map((m) => m.kind).join(',');
    };

    const showNow = () => series.forEach((s) => {
      const vals = data.values[s.key];
      // The newest reading, not the newest slot: a fresh run's first sample has no CPU yet (a gap).
      let last = null;
      for (let i = vals.length - 1; i >= 0 && last == null; i--) last = vals[i];
      main.querySelector(`[data-series="${CSS.escape(s.key)}"] [data-now]`).textContent = last == null ? '' : `now ${s.format(last)}`;
    });

    const load = async () => {
      const [seconds, step] = RANGES[range];
      const h = await get(`/api/v1/series/${encodeURIComponent(id)}/history?window=${seconds}s${step ? `&step=${step}` : ''}`);
      data = { t: h.t, values: Object.fromEntries(series.map((s) => [s.key, h.series[s.key] || h.t.map(() => null)])) };
      counterKey = h.series['events.perMin'] ? null : EVENT_COUNTERS.find((k) => h.series[k]);
      if (counterKey && data.values['events.perMin']) {
        data.values['events.perMin'] = ratePerMin(h.t, h.series[counterKey]);
        const c = h.series[counterKey];
        lastCounter = { t: h.t[h.t.length - 1], v: c[c.length - 1] };
      }
      zoomed = false;
      draw();
    };

    const pan = (direction) => {
      const [min, max] = visible();
      const d = ((max - min) / 2) * direction;
      charts[0].setScale('x', { min: min + d, max: max + d });
    };

    main.querySelectorAll('[data-range]').forEach((b) => b.addEventListener('click', async () => {
      range = b.dataset.range;
      main.querySelectorAll('[data-range]').forEach((x) => x.setAttribute('aria-pressed', x === b));
      await load();
    }));
    $('#pan-left').addEventListener('click', () => pan(-1));
    $('#pan-right').addEventListener('click', () => pan(1));
    $('#reset').addEventListener('click', () => { const t = data.t; if (t.length) charts[0].setScale('x', { min: t[0], max: t[t.length - 1] }); });
    $('#csv').addEventListener('click', () => {
      const [from, to] = visible();
      download(`${id}-${range}.csv`, new Blob([toCsv(data, series, from, to)], { type: 'text/csv' }));
    });
    $('#png').addEventListener('click', () => chartsPng(charts, `${id} · ${range}`).then((blob) => download(`${id}-${range}.png`, blob)));
    main.querySelectorAll('#controls [data-action]').forEach((b) => b.addEventListener('click', async () => {
      const action = b.dataset.action;
      if (!confirm(`${action[0].toUpperCase()}${action.slice(1)} ${id}?`)) return;
      b.disabled = true;
      $('#flash').innerHTML = `<div class="notice">${esc(action)} requested…</div>`;
      try {
        const r = await post(`${path}/${action}`);
        if (action === 'reload' && await followSuccessor()) return;
        child = { ...child, ...r.status };
        // The badge follows the state live; the state at this moment (often STARTING) would read stale at once.
        $('#flash').innerHTML = `<div class="notice">${esc(action)} done</div>`;
      } catch (e) {
        $('#flash').innerHTML = `<div class="error-box">${esc(action)} failed: ${esc(e.message)}</div>`;
      }
      b.disabled = false;
      renderStatus();
      await loadMarkers();
    }));

    renderStatus();
    await load();
    await loadMarkers();
    const resize = new ResizeObserver(() => charts.forEach((u) => {
      const w = Math.max(u.root.parentElement.clientWidth, 280);
      if (Math.abs(w - u.width) > 4) u.setSize({ width: w, height: u.height });
    }));
    resize.observe(main.querySelector('.chart'));

    return {
      leave: () => { resize.disconnect(); charts.forEach((u) => u.destroy()); },
      tick: (tick) => {
        const values = tick.children && tick.children[id];
        if (!values) return;
        child.latest = { at: tick.at, values };
        renderStatus();
        if (range !== '1h') return; // longer ranges are averaged per step; a raw point would not fit them
        data.t.push(new Date(tick.at).getTime() / 1000);
        const now = new Date(tick.at).getTime() / 1000;
        if (counterKey && values[counterKey] != null) {
          const c = values[counterKey];
          values['events.perMin'] = lastCounter && c >= lastCounter.v && now > lastCounter.t
            ? ((c - lastCounter.v) * 60) / (now - lastCounter.t) : null;
          lastCounter = { t: now, v: c };
        }
        series.forEach((s) => data.values[s.key].push(values[s.key] ?? null));
        const cutoff = data.t[data.t.length - 1] - RANGES[range][0];
        while (data.t.length && data.t[0] < cutoff) { data.t.shift(); series.forEach((s) => data.values[s.key].shift()); }
        const [min, max] = visible();
        charts.forEach((u, i) => u.setData([data.t, data.values[series[i].key]], !zoomed));
        if (zoomed) { syncing = true; charts.forEach((u) => u.setScale('x', { min, max })); syncing = false; } else fitLive();
        showNow();
        expose();
      },
      state: async (s) => {
        if (s.id !== id) return;
        try {
          child = await get(path);
        } catch (e) {
          if (e.status === 404 && await followSuccessor()) return;
          throw e;
        }
        renderStatus();
        await loadMarkers();
      },
      crash: (c) => { if ((c.id || c.childId) === id) loadMarkers(); },
      reload: async (r) => { if (r.id === id || r.id === child.plugin) { if (!(await followSuccessor())) loadMarkers(); } },
    };
  },
};
