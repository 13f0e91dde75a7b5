// One child: status, controls, facts in words, its thresholds, a chart of every series it samples (zoom, pan, markers,
// export, shared cursor), the visible range's aggregates, recent crashes, and for a game server its players.
import { get, post } from './api.js';
import { esc, time, ago, plural, level, memTotal } from './format.js';
import { historyView, toolbarHtml, legendHtml } from './history.js';
import { processCharts, label } from './series.js';
import { thresholdPanel } from './thresholds.js';
import { rosterHtml, playerMarkers } from './players.js';
import { firingByChild } from './alerts.js';

// Shown by the status line or as charts' headings already; the facts card gives the rest in words.
const IN_STATUS = new Set(['pid', 'restarts', 'crashes', 'uptimeSeconds', 'events.perMin']);
/** The child and new custom series the page was last drawn again for (see the tick handler). */
let redrawnFor = '';

export const childPage = {
  async enter(main, id) {
    const path = `/api/v1/children/${encodeURIComponent(id)}`;
    let child = await get(path);
    const isPlugin = child.kind === 'PLUGIN';
    main.innerHTML = `
      <div class="row spread">
        <div class="row"><a href="#/">Overview</a><span class="muted">/</span><h1>${esc(id)}</h1><span class="badge" id="state"></span><span id="alert-badge"></span></div>
        <div class="row" id="controls">
          <button data-action="start">Start</button><button data-action="stop" class="danger">Stop</button>
          <button data-action="restart">Restart</button>${isPlugin ? '<button data-action="reload">Reload</button>' : ''}
          <a class="button" href="#/logs/${encodeURIComponent(id)}">Logs</a>
        </div>
      </div>
      <div id="flash"></div>
      <div class="card section"><div class="kv" id="facts"></div></div>
      <div id="players-card"></div>
      ${toolbarHtml()}
      <div class="card" id="charts">${legendHtml(['crash', 'restart', 'reload', 'start', 'stop', 'join', 'leave', 'alert'])}<div class="chart-grid" id="charts-grid"></div></div>
      <div class="panels section">
        <div class="card"><h2>Visible range</h2><div id="aggs" class="scroll"></div></div>
        <div class="card"><h2>Recent crashes</h2><div id="crashes" class="scroll"></div></div>
      </div>
      <div class="card section"><h2>Thresholds</h2><div id="thresholds"></div></div>`;

    const $ = (sel) => main.querySelector(sel);
    let markers = [];
    let players = null; // this child's entry of /api/v1/players, when it is a watched game server
    let memTotalBytes = null;

    // Before plugins kept one id across reloads, a reload started a new child (dice-roller.r1): follow it there.
    const followSuccessor = async () => {
      if (!child.plugin) return false;
      const next = (await get('/api/v1/children')).find((c) => c.plugin === child.plugin && c.id !== id);
      if (next) location.hash = `#/child/${encodeURIComponent(next.id)}`;
      return Boolean(next);
    };

    const renderStatus = () => {
      const badge = $('#state');
      badge.className = `badge ${child.state}`;
      badge.textContent = child.state;
      const v = (child.latest && child.latest.values) || {};
      const t = child.thresholds || {};
      const memPct = memTotalBytes && v.rssBytes != null ? (100 * v.rssBytes) / memTotalBytes : null;
      const facts = [
        ['State since', time(child.stateSince)], ['Reason', child.reason || '–'],
        ['Process id', child.pid || '–'], ['Up', child.startedAt ? ago(child.startedAt).replace(' ago', '') : '–'],
        ['Version', child.version || '–'], ['Generation', child.generation ?? 0], ['Restarts', plural(child.restarts, 'restart')], ['Crashes', plural(child.crashes, 'crash', 'crashes')],
        ['Last exit code', child.lastExitCode ?? '–'],
        ...(child.counters ? [['Events delivered', child.counters.delivered], ['Handled / failed', `${child.counters.handled} / ${child.counters.failed}`],
          ['Dropped / queued', `${child.counters.dropped} / ${child.counters.queued}`]] : []),
      ].map(([k, val]) => [k, val, '']);
      for (const [k, val] of Object.entries(v)) {
        if (IN_STATUS.has(k) || (child.counters && /^events\./.test(k))) continue;
        const [words, format] = label(k);
        const cls = k === 'cpu' ? level(val, t.cpu || t) : k === 'rssBytes' ? level(memPct, t.memory || t) : '';
        facts.push([words, format(val), cls, k]);
      }
      $('#facts').innerHTML = facts.map(([k, val, cls, key]) => `<div${key ? ` data-fact="${esc(key)}"` : ''}><span>${esc(k)}</span><b class="${cls}">${esc(val)}</b></div>`).join('');
      $('#controls [data-action=start]').disabled = ['RUNNING', 'STARTING'].includes(child.state);
      $('#controls [data-action=stop]').disabled = child.state === 'STOPPED';
    };

    const renderPlayers = () => {
      $('#players-card').innerHTML = players ? `<div class="card section"><h2>Players online</h2>${rosterHtml(players)}</div>` : '';
    };

    const loadMarkers = async () => {
      const [timeline, crashes, firing] = await Promise.all([
        get(`${path}/markers`).catch(() => []),
        get(`/api/v1/crashes?child=${encodeURIComponent(id)}&limit=200`).catch(() => []),
        firingByChild(),
      ]);
      const alerts = firing.get(id) || [];
      $('#alert-badge').innerHTML = alerts.length ? `<a class="badge alert" data-alert href="#/alerts">${esc(alerts.map((a) => a.rule).join(', '))}</a>` : '';
      const seen = new Set();
      const list = [];
      const add = (at, kind, detail) => {
        const t = new Date(at).getTime() / 1000;
        const k = `${kind}@${Math.round(t)}`;
        if (!seen.has(k)) { seen.add(k); list.push({ t, kind, detail }); }
      };
      timeline.forEach((m) => add(m.at, m.kind, m.detail));
      crashes.forEach((c) => add(c.at, 'crash', `exit ${c.exitCode}: ${c.reason}`));
      // A firing alert marks the moment it fired, so the chart shows what it is about.
      alerts.forEach((a) => add(a.firingSince, 'alert', `${a.rule}: ${a.summary}`));
      markers = list;
      $('#crashes').innerHTML = crashes.length === 0 ? '<p class="muted">No crashes recorded.</p>'
        : `<table><tr><th>When</th><th>Exit</th><th>Reason</th></tr>${crashes.slice(0, 8).map((c) =>
          `<tr class="link" data-seq="${c.seq}"><td>${time(c.at)}</td><td>${c.exitCode}${c.likelySignal ? ' ' + esc(c.likelySignal) : ''}</td><td>${esc(c.reason)}</td></tr>`).join('')}</table>`;
      main.querySelectorAll('#crashes tr[data-seq]').forEach((tr) => tr.addEventListener('click', () => { location.hash = `#/crash/${tr.dataset.seq}`; }));
      view.redraw();
    };

    const loadPlayers = async () => {
      const all = await get('/api/v1/players').catch(() => ({ games: [] }));
      players = all.games.find((g) => g.childId === id) || null;
      renderPlayers();
    };

    const custom = Object.keys((child.latest && child.latest.values) || {}).filter((k) => k.startsWith('custom.'));
    const charts = processCharts(id, { plugin: isPlugin, custom });
    const players_ = charts.find((c) => c.id === 'players');
    players_.markers = () => (players ? playerMarkers(players) : []);
    const view = historyView(main, charts, {
      name: id,
      markers: () => markers,
      liveValues: (tick) => tick.children && tick.children[id],
    });

    const renderThresholds = () => thresholdPanel($('#thresholds'), id, { cpu: child.thresholds.cpu, memory: child.thresholds.memory }, (bands) => {
      child.thresholds = { ...child.thresholds, ...bands, customised: bands.cpu.customised || bands.memory.customised };
      renderStatus();
    });

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
    if (child.thresholds && child.thresholds.cpu) renderThresholds();
    else $('#thresholds').innerHTML = '<p class="muted">Thresholds need metrics, which are off.</p>';
    // Side by side: the first chart should not wait for the memory total or the roster.
    const system = get('/api/v1/system').catch(() => ({})).then((sys) => {
      memTotalBytes = memTotal(sys.system && sys.system.values);
      renderStatus();
    });
    await Promise.all([view.load(), loadPlayers(), system]);
    await loadMarkers();

    return {
      leave: () => view.leave(),
      tick: (tick) => {
        if (tick.system) memTotalBytes = memTotal(tick.system) || memTotalBytes;
        const values = tick.children && tick.children[id];
        const fresh = values ? Object.keys(values).filter((k) => k.startsWith('custom.') && !custom.includes(k)) : [];
        if (fresh.length > 0 && redrawnFor !== `${id} ${fresh.join(' ')}`) {
          // A counter the plugin began to report after this page was drawn (its first !command, say): drawn again,
          // now with a chart for it. Once per new set, so a value the API does not list yet cannot loop.
          redrawnFor = `${id} ${fresh.join(' ')}`;
          window.dispatchEvent(new HashChangeEvent('hashchange'));
          return;
        }
        if (values) {
          child.latest = { at: tick.at, values };
          renderStatus();
        }
        view.tick(tick);
        if (players) { players.online.forEach((p) => { p.onlineMillis = Date.now() - new Date(p.since).getTime(); }); renderPlayers(); }
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
      reload: (r) => { if (r.id === id || r.id === child.plugin) loadMarkers(); },
      player: (p) => { if (p.childId === id) loadPlayers().then(() => view.redraw()); },
    };
  },
};

