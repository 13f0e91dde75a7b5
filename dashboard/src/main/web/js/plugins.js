// Plugins: each with its version, the generation its child runs, its commands, counters and reload history.
import { get } from './api.js';
import { esc, time, number } from './format.js';
import { label } from './series.js';

const counterRows = (c) => (c ? [['Delivered', c.delivered], ['Handled', c.handled], ['Failed', c.failed], ['Dropped', c.dropped], ['Queued', c.queued],
  ['Latency p50 / p99', `${number(c.latencyP50Millis)} / ${number(c.latencyP99Millis)} ms`], ['Queue wait p99', `${number(c.queueWaitP99Millis)} ms`],
  ...Object.entries(c.custom || {}).map(([k, v]) => [label(`custom.${k}`)[0], v])] : []);

export const pluginsPage = {
  async enter(main) {
    main.innerHTML = '<h1>Plugins</h1><div id="plugins" class="section"><p class="muted">Loading…</p></div>';
    const render = async () => {
      const [plugins, reloads] = await Promise.all([get('/api/v1/plugins'), get('/api/v1/reloads?limit=200').catch(() => [])]);
      const el = main.querySelector('#plugins');
      if (!plugins.length) { el.innerHTML = '<div class="card"><p class="muted">No plugins are loaded.</p></div>'; return; }
      el.innerHTML = `<div class="grid">${plugins.map((p) => {
        const child = p.child || {};
        const own = reloads.filter((r) => r.pluginId === p.id || r.id === p.id || r.plugin === p.id).slice(0, 5);
        return `<div class="card" data-plugin="${esc(p.id)}">
          <div class="row spread"><a class="name" href="#/child/${encodeURIComponent(child.id || p.id)}">${esc(p.id)}</a>
            <span class="badge ${esc(child.state || '')}">${esc(child.state || 'not running')}</span></div>
          <p class="muted">${esc(p.description || '')}</p>
          <div class="kv"><div><span>Version</span><b data-version>${esc(p.version || '–')}</b></div>
            <div><span>Generation</span><b data-generation>${esc(child.generation ?? (child.id && child.id !== p.id ? child.id.slice(p.id.length + 1) : 'first'))}</b></div>
            <div><span>Commands</span><b>${p.commands.map((c) => `<code>${esc(c)}</code>`).join(' ') || '–'}</b></div>
            ${counterRows(p.counters).map(([k, v]) => `<div><span>${esc(k)}</span><b>${esc(v)}</b></div>`).join('')}</div>
          <h3 class="section">Reloads</h3>${own.length ? `<table>${own.map((r) => `<tr><td>${time(r.at)}</td><td>${esc(r.fromVersion)} → ${esc(r.toVersion)}</td><td>${esc(r.outcome)}</td></tr>`).join('')}</table>`
            : '<p class="muted">Never reloaded.</p>'}</div>`;
      }).join('')}</div>`;
    };
    await render();
    return { reload: () => render(), state: () => render() };
  },
};
