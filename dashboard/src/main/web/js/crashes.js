// Crash records: the list, and one crash with the output its child wrote before dying.
import { get } from './api.js';
import { esc, time, duration } from './format.js';

export const crashesPage = {
  async enter(main) {
    main.innerHTML = '<h1>Crashes</h1><div class="card section scroll" id="list"><p class="muted">Loading…</p></div>';
    const render = async () => {
      const crashes = await get('/api/v1/crashes?limit=200');
      main.querySelector('#list').innerHTML = crashes.length === 0 ? '<p class="muted">No crashes recorded.</p>'
        : `<table><tr><th>When</th><th>Child</th><th>Exit</th><th>Reason</th><th class="num">Uptime</th><th>Decision</th></tr>
          ${crashes.map((c) => `<tr class="link" data-seq="${c.seq}"><td>${time(c.at)}</td><td>${esc(c.childId)}</td>
            <td>${c.exitCode}${c.likelySignal ? ` <span class="muted">${esc(c.likelySignal)}</span>` : ''}</td><td>${esc(c.reason)}</td>
            <td class="num">${duration(c.uptime)}</td><td>${esc(c.decision)}</td></tr>`).join('')}</table>`;
      main.querySelectorAll('tr[data-seq]').forEach((tr) => tr.addEventListener('click', () => { location.hash = `#/crash/${tr.dataset.seq}`; }));
    };
    await render();
    return { crash: () => render() };
  },
};

/** The supervisor keeps tail lines as "<instant> <out|err> <text>"; shown as time and text, stderr in red. */
function tailLine(line) {
  const m = /^(\S+Z) (out|err) (.*)$/.exec(line);
  if (!m) return esc(line);
  return `<span class="${m[2] === 'err' ? 'err' : ''}"><span class="t">${new Date(m[1]).toLocaleTimeString()}</span>${esc(m[3])}</span>`;
}

export const crashPage = {
  async enter(main, seq) {
    const c = await get(`/api/v1/crashes/${seq}`);
    main.innerHTML = `
      <div class="row"><a href="#/crashes">Crashes</a><span class="muted">/</span><h1>${esc(c.childId)} · ${time(c.at)}</h1></div>
      <div class="card section"><div class="kv">
        <div><span>Exit code</span><b>${c.exitCode}</b></div><div><span>Likely signal</span><b>${esc(c.likelySignal || '–')}</b></div>
        <div><span>Uptime</span><b>${duration(c.uptime)}</b></div><div><span>Restart #</span><b>${c.restartNumber}</b></div>
        <div><span>Reason</span><b>${esc(c.reason)}</b></div><div><span>Decision</span><b>${esc(c.decision)}</b></div></div></div>
      <div class="card section"><h2>Output before the exit</h2>
        <pre class="tail">${(c.tail || []).map(tailLine).join('\n') || '<span class="muted">no output</span>'}</pre>
        <p><a href="#/child/${encodeURIComponent(c.childId)}">Open ${esc(c.childId)}</a></p></div>`;
    return {};
  },
};
