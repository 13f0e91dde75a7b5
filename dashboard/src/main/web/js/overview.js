// The overview: a card per child, the system panel and the API performance panel, all updated by the stream.
import { get, session } from './api.js';
import { sparkline, css } from './charts.js';
import { bytes, percent, number, duration, byName, esc, level, memTotal, ago, pretty, plural } from './format.js';
import { loadThresholds } from './thresholds.js';
import { firingByChild } from './alerts.js';

const SPARK_WINDOW = '10m';

export const overview = {
  async enter(main) {
    main.innerHTML = `
      <div class="row spread"><h1>Overview</h1><span class="muted" id="ov-updated"></span></div>
      <div class="grid section" id="cards"></div>
      <div class="panels section">
        <div class="card"><h2><a href="#/system">System</a></h2><div id="system"></div></div>
        <div class="card"><h2>API performance</h2><div id="api-perf"></div></div>
      </div>
      <div class="section" id="ov-players"></div>`;
    const fallback = { cpu: session.thresholds, memory: session.thresholds, disk: session.thresholds };
    const [children, global] = await Promise.all([get('/api/v1/children'), loadThresholds().then((t) => t.global, () => fallback)]);
    const sparks = new Map();
    let firing = new Map(); // child id -> its firing alerts: a badge on its card
    let systemValues = null;
    // Fetched side by side with the system panel; the cards show at once and gain their sparklines as they come.
    const sparksLoaded = Promise.all(children.map(async (c) => {
      sparks.set(c.id, { cpu: [], rss: [] });
      try {
        const h = await get(`/api/v1/series/${encodeURIComponent(c.id)}/history?window=${SPARK_WINDOW}`);
        sparks.set(c.id, { cpu: h.series.cpu || [], rss: h.series.rssBytes || [] });
      } catch (e) { /* metrics off: cards without sparklines */ }
    }));

    const cards = main.querySelector('#cards');
    const byId = new Map(children.map((c) => [c.id, c]));
    const render = (c) => {
      const s = sparks.get(c.id) || { cpu: [], rss: [] };
      const v = (c.latest && c.latest.values) || {};
      const total = memTotal(systemValues);
      const memPct = total && v.rssBytes != null ? (100 * v.rssBytes) / total : null;
      const t = c.thresholds;
      const html = `
        <div class="row spread"><span><span class="name">${esc(c.id)}</span> <span class="kind">${esc(c.kind)}</span></span>
          <span>${(firing.get(c.id) || []).length ? `<a class="badge alert" data-alert href="#/alerts" title="${esc(firing.get(c.id).map((a) => a.summary).join('\n'))}">${esc(firing.get(c.id).map((a) => a.rule).join(', '))}</a> ` : ''}<span class="badge ${esc(c.state)}" data-state>${esc(c.state)}</span></span></div>
        <div class="metric"><span class="label">CPU</span>${sparkline(s.cpu, css('--cpu'), 100)}
          <span class="value ${level(v.cpu, t.cpu || t)}" data-cpu>${percent(v.cpu)}</span></div>
        <div class="metric"><span class="label">Memory</span>${sparkline(s.rss, css('--mem'))}
          <span class="value ${level(memPct, t.memory || t)}" data-mem title="${memPct == null ? '' : percent(memPct) + ' of the machine'}">${bytes(v.rssBytes)}</span></div>
        <div class="foot"><span>pid ${c.pid || '–'}</span><span>up ${c.startedAt ? ago(c.startedAt).replace(' ago', '') : '–'}</span>
          <span>${plural(c.restarts, 'restart')}</span><span>${plural(c.crashes, 'crash', 'crashes')}</span>
          ${t.customised ? `<span class="custom" title="CPU warn ${(t.cpu || t).warnPercent} %, crit ${(t.cpu || t).critPercent} %">custom thresholds</span>` : ''}</div>`;
      let card = cards.querySelector(`[data-child="${CSS.escape(c.id)}"]`);
      if (!card) {
        card = document.createElement('a');
        card.className = 'card child';
        card.dataset.child = c.id;
        card.href = `#/child/${encodeURIComponent(c.id)}`;
        cards.appendChild(card);
      }
      card.innerHTML = html;
    };
    if (children.length === 0) cards.innerHTML = '<p class="muted">No children are configured.</p>';

    const bar = (label, pct, detail, band) => `<div class="bar"><div class="row spread"><span>${esc(label)}</span>
        <span class="muted">${esc(detail)}</span></div><div class="track"><div class="fill ${level(pct, band)}"
        style="width:${Math.min(100, Math.max(0, pct || 0)).toFixed(1)}%"></div></div></div>`;
    const renderSystem = async () => {
      const el = main.querySelector('#system');
      try {
        const sys = await get('/api/v1/system');
        systemValues = sys.system ? sys.system.values : null;
        const s = sys.summary;
        const v = systemValues || {};
        const shown = new Set();
        const take = (k) => { shown.add(k); return v[k]; };
        const bars = [];
        if (v.cpu != null) bars.push(bar('CPU', take('cpu'), `${percent(v.cpu)}${v.cores ? ` · ${plural(take('cores'), 'core')}` : ''}`, global.cpu));
        if (v.memTotalBytes) {
          const used = take('memUsedBytes');
          bars.push(bar('Memory', (100 * used) / take('memTotalBytes'), `${bytes(used)} of ${bytes(v.memTotalBytes)}`, global.memory));
        }
        Object.keys(v).filter((k) => k.startsWith('disk.totalBytes:')).forEach((k) => {
          const mount = k.slice('disk.totalBytes:'.length);
          const used = take(`disk.usedBytes:${mount}`);
          bars.push(bar(`Disk ${mount}`, (100 * used) / take(k), `${bytes(used)} of ${bytes(v[k])}`, global.disk));
        });
        const host = (sys.host && sys.host.values) || {};
        const items = [
          ['Host uptime', duration(s.hostUptime)], ['Children', `${s.running}/${s.childrenTotal} running`],
          ['Crashed / failed', `${s.crashed} / ${s.failed}`], ['Events', number(s.eventsTotal, 0)],
          ['Memory, host + children', bytes(s.totalRssBytes)],
          ...(host.cpu != null ? [['Host CPU', percent(host.cpu)]] : []),
          ...(host.rssBytes != null ? [['Host memory', bytes(host.rssBytes)]] : []),
          ...Object.entries(v).filter(([k]) => !shown.has(k)).map(([k, val]) => [pretty(k), byName(k, val)]),
        ];
        el.innerHTML = `${bars.join('')}<div class="kv section">${items.map(([k, val]) =>
          `<div><span>${esc(k)}</span><b>${esc(val)}</b></div>`).join('')}</div>`;
      } catch (e) {
        el.innerHTML = `<p class="muted">${esc(e.message)}</p>`;
      }
    };
    const renderApi = async () => {
      const a = await get('/api/v1/http');
      const el = main.querySelector('#api-perf');
      if (!a.enabled) { el.innerHTML = '<p class="muted">HTTP metrics are off (http.httpMetrics).</p>'; return; }
      el.innerHTML = `<div class="kv">
          <div><span>Requests/min</span><b>${number(a.requestsPerMin)}</b></div>
          <div><span>Errors (5xx)</span><b>${percent(a.errorPercent)}</b></div>
          <div><span>Connections</span><b>${number(a.connections, 0)}</b></div></div>
        <div class="scroll section"><table><tr><th>Route</th><th class="num">Count</th><th class="num">Mean</th><th class="num">Max</th></tr>
        ${a.routes.slice(0, 8).map((r) => `<tr><td class="mono">${esc(r.method)} ${esc(r.route)}</td><td class="num">${r.count}</td>
          <td class="num">${number(r.meanMillis)} ms</td><td class="num">${number(r.maxMillis)} ms</td></tr>`).join('')}</table></div>`;
    };

    // Players: the count over the last hour and who is on, per watched game server.
    const playerSpark = new Map();
    let games = [];
    const renderPlayers = () => {
      main.querySelector('#ov-players').innerHTML = games.length ? `<div class="card"><h2><a href="#/players">Players</a></h2>${games.map((g) => `
        <div class="metric players" data-players="${esc(g.childId)}"><span class="label">${esc(g.childId)}</span>${sparkline(playerSpark.get(g.childId) || [], css('--start'))}
          <span class="value" data-count>${plural(g.count, 'player')}</span></div>
        <p class="muted">${g.online.length ? g.online.map((p) => `${esc(p.player)} <span title="online">${duration(p.onlineMillis)}</span>`).join(' · ') : 'nobody online'}</p>`).join('')}</div>` : '';
    };
    const loadPlayers = async () => {
      games = (await get('/api/v1/players').catch(() => ({ games: [] }))).games;
      await Promise.all(games.filter((g) => !playerSpark.has(g.childId)).map(async (g) => {
        const h = await get(`/api/v1/series/${encodeURIComponent(g.childId)}/history?window=1h&step=60s`).catch(() => ({ series: {} }));
        playerSpark.set(g.childId, h.series.players || []);
      }));
      renderPlayers();
    };

    const loadAlerts = async () => { firing = await firingByChild(); children.forEach(render); };
    const others = Promise.all([renderApi(), loadPlayers(), loadAlerts()]);
    await renderSystem();
    children.forEach(render);
    await sparksLoaded;
    children.forEach(render);
    // What bench/dashboard measures: every card drawn with its sparklines.
    if (!performance.getEntriesByName('warden-overview').length) performance.mark('warden-overview');
    await others;
    const apiTimer = setInterval(() => renderApi().catch(() => {}), 5000);
    const updated = main.querySelector('#ov-updated');

    return {
      leave: () => clearInterval(apiTimer),
      tick: (tick) => {
        if (tick.system) systemValues = tick.system;
        for (const [id, values] of Object.entries(tick.children || {})) {
          const c = byId.get(id);
          if (!c) continue;
          c.latest = { at: tick.at, values };
          const s = sparks.get(id);
          s.cpu.push(values.cpu ?? null);
          s.rss.push(values.rssBytes ?? null);
          if (s.cpu.length > 240) { s.cpu.shift(); s.rss.shift(); }
          render(c);
          if (playerSpark.has(id) && values.players != null) {
            const p = playerSpark.get(id);
            p.push(values.players);
            if (p.length > 240) p.shift();
          }
        }
        if (games.length) renderPlayers();
        updated.textContent = `updated ${new Date(tick.at).toLocaleTimeString()}`;
      },
      player: () => loadPlayers(),
      state: async (s) => {
        const c = byId.get(s.id);
        if (!c) return;
        c.state = s.state;
        render(c);
        // Restarts, crashes and pid come with the child's status, not with the event.
        const fresh = await get(`/api/v1/children/${encodeURIComponent(s.id)}`);
        Object.assign(c, fresh);
        render(c);
        renderSystem();
        loadAlerts();
      },
      crash: () => loadAlerts(),
    };
  },
};
