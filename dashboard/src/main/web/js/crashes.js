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
function tailLine(m) {
  if (!m.at) return esc(m.raw);
  return `<span class="${m.stream === 'err' ? 'err' : ''}"><span class="t">${new Date(m.at).toLocaleTimeString()}</span>${esc(m.text)}</span>`;
}

/**
 * The tail as lines, with a separator where the run that crashed began (at - uptime): lines before it are the
 * output of earlier runs, which the supervisor's tail still holds.
 */
function tailHtml(c) {
  const started = new Date(c.at).getTime() - (c.uptime || 0);
  const lines = (c.tail || []).map((raw) => {
    const m = /^(\S+Z) (out|err) (.*)$/.exec(raw);
    return m ? { at: m[1], stream: m[2], text: m[3] } : { raw };
  });
  const out = [];
  let earlier = false;
  let marked = false;
  lines.forEach((l) => {
    const before = l.at && new Date(l.at).getTime() < started - 1000;
    if (before && !earlier) { out.push('<span class="run-sep" data-run="earlier">output of earlier runs</span>'); earlier = true; }
    if (!before && earlier && !marked) {
      out.push(`<span class="run-sep" data-run="this">this run, started ${new Date(started).toLocaleTimeString()}</span>`);
      marked = true;
    }
    out.push(tailLine(l));
  });
  return out.join('\n');
}

export const crashPage = {
  async enter(main, seq) {
    const c = await get(`/api/v1/crashes/${seq}`);
    main.innerHTML = `
      <div class="row"><a href="#/crashes">Crashes</a><span class="muted">/</span><h1>${esc(c.childId)} · ${time(c.at)}</h1></div>
      <div class="card section"><div class="kv">
        <div><span>Exit code</span><b>${c.exitCode}</b></div><div><span>Likely signal</span><b>${esc(c.likelySignal || '–')}</b></div>
        <div><span>Uptime</span><b>${duration(c.uptime)}</b></div><div><span>Restart number</span><b>${c.restartNumber}</b></div>
        <div><span>Reason</span><b>${esc(c.reason)}</b></div><div><span>Decision</span><b>${esc(c.decision)}</b></div></div></div>
      <div class="card section"><h2>Output before the exit</h2>
        <pre class="tail">${tailHtml(c) || '<span class="muted">no output</span>'}</pre>
        <p><a href="#/child/${encodeURIComponent(c.childId)}">Open ${esc(c.childId)}</a></p></div>`;
    // The last lines are the ones that explain the exit: open there.
    const pre = main.querySelector('pre.tail');
    pre.scrollTop = pre.scrollHeight;
    return {};
  },
};
