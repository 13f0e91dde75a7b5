// Live output of one child: tail, then the stream; filter by stream, search with highlights, pause and resume.
import { get, openStream } from './api.js';
import { esc, plural } from './format.js';

const MAX_LINES = 2000;

export const logsPage = {
  async enter(main, id) {
    main.innerHTML = `
      <div class="row"><a href="#/child/${encodeURIComponent(id)}">${esc(id)}</a><span class="muted">/</span><h1>Logs</h1></div>
      <div class="toolbar">
        <select id="stream" aria-label="Stream"><option value="">out + err</option><option value="out">out</option><option value="err">err</option></select>
        <input type="search" id="search" placeholder="Search" aria-label="Search">
        <button id="pause" aria-pressed="false">Pause</button>
        <span class="muted" id="count"></span>
      </div>
      <pre class="logs" id="logs"></pre>`;
    const $ = (s) => main.querySelector(s);
    let lines = await get(`/api/v1/children/${encodeURIComponent(id)}/logs?lines=500`);
    let paused = false;
    let held = 0;

    const render = () => {
      const stream = $('#stream').value;
      const q = $('#search').value.toLowerCase();
      const shown = lines.filter((l) => (!stream || l.stream === stream) && (!q || l.text.toLowerCase().includes(q)));
      const mark = (text) => {
        if (!q) return esc(text);
        const i = text.toLowerCase().indexOf(q);
        return i < 0 ? esc(text) : `${esc(text.slice(0, i))}<mark>${esc(text.slice(i, i + q.length))}</mark>${esc(text.slice(i + q.length))}`;
      };
      const el = $('#logs');
      const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      el.innerHTML = shown.map((l) => `<span class="${l.stream === 'err' ? 'err' : ''}"><span class="t">${new Date(l.at).toLocaleTimeString()}</span>${mark(l.text)}</span>`).join('\n');
      if (atBottom) el.scrollTop = el.scrollHeight;
      $('#count').textContent = `${shown.length} of ${plural(lines.length, 'line')}${paused ? ` · paused, ${held} new` : ''}`;
    };

    const source = openStream({
      open: () => { $('#logs').dataset.live = 'true'; },
      error: () => { $('#logs').dataset.live = 'false'; },
      output: (o) => {
        lines = lines.concat(o.lines);
        if (lines.length > MAX_LINES) lines = lines.slice(-MAX_LINES);
        if (paused) { held += o.lines.length; $('#count').textContent = `paused, ${held} new`; return; }
        render();
      },
    }, `?logs=${encodeURIComponent(id)}`);

    $('#stream').addEventListener('change', render);
    $('#search').addEventListener('input', render);
    $('#pause').addEventListener('click', (e) => {
      paused = !paused;
      held = 0;
      e.target.textContent = paused ? 'Resume' : 'Pause';
      e.target.setAttribute('aria-pressed', paused);
      render();
    });
    render();
    return { leave: () => source.close() };
  },
};
