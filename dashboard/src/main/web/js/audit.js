// The audit log: who did what, from where (connector, place and the full identity), newest first, live.
import { get } from './api.js';
import { esc, time } from './format.js';

const who = (a) => (a ? `${a.nick || a.user || '?'}${a.user && a.host ? ` (${a.user}@${a.host})` : a.host ? ` (${a.host})` : ''}${a.account ? ` · account ${a.account}` : ''}` : '–');

export const auditPage = {
  async enter(main) {
    main.innerHTML = '<h1>Audit log</h1><p class="muted">Every admin command, carried out or refused, from every chat and the API.</p><div class="card section scroll" id="audit"><p class="muted">Loading…</p></div>';
    const render = async () => {
      const el = main.querySelector('#audit');
      let entries;
      try {
        entries = (await get('/api/v1/audit?limit=200')).entries || [];
      } catch (e) {
        el.innerHTML = `<p class="muted" data-empty>${e.status === 404 ? 'This host keeps no audit log.' : esc(e.message)}</p>`;
        return;
      }
      el.innerHTML = entries.length === 0 ? '<p class="muted" data-empty>No admin actions recorded.</p>'
        : `<table><tr><th>When</th><th>Who</th><th>Where</th><th>Command</th><th>Outcome</th></tr>${entries.map((e) => `<tr data-seq="${esc(e.seq)}">
          <td>${time(e.at)}</td><td>${esc(who(e.actor))}</td><td>${esc(e.connector)}${e.place ? ` <span class="muted">${esc(e.place)}</span>` : ''}</td>
          <td class="mono">${esc(e.command)}</td><td class="${e.outcome === 'ok' ? '' : 'err'}">${esc(e.outcome)}</td></tr>`).join('')}</table>`;
    };
    await render();
    return { audit: () => render() };
  },
};
