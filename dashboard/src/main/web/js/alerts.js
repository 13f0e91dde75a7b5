// Alerts: what fires now (with acknowledge), silences (create, end), channels (send a test), the rules with an editor
// the host validates exactly as it validates the config file, and the history. Also the firing alerts per child that
// the overview's cards and a child's chart mark.
import { get, post, put, del } from './api.js';
import { esc, time } from './format.js';

/** Open alerts by scope (child id), firing ones only; empty when the host has no alerts. */
export async function firingByChild() {
  const open = await get('/api/v1/alerts').then((a) => a.alerts, () => []);
  const by = new Map();
  open.filter((a) => a.state === 'FIRING').forEach((a) => by.set(a.scope, [...(by.get(a.scope) || []), a]));
  return by;
}

const FIELDS = ['name', 'series', 'event', 'scope', 'comparison', 'threshold', 'for', 'keepFiringFor', 'severity', 'repeat', 'cooldown', 'channels'];
const EVENTS = ['', 'crash', 'crash-loop', 'not-ready', 'reload-failed', 'no-samples'];
const input = (f, attrs = '') => `<label>${f}<input name="${f}" type="text" ${attrs}><span class="err" data-error-for="${f}"></span></label>`;

/** The form as the API's rule JSON: blanks left out, so the host's defaults and messages apply. */
function ruleOf(form) {
  const rule = {};
  for (const f of FIELDS) {
    const v = form.elements[f].value.trim();
    if (v === '') continue;
    if (f === 'threshold') rule[f] = Number.isNaN(Number(v)) ? v : Number(v);
    else if (f === 'channels') rule[f] = v.split(',').map((s) => s.trim()).filter(Boolean);
    else rule[f] = v;
  }
  return rule;
}

/** "request body:1: comparison: ..." names the field; the message goes next to it, the rest above the form. */
function showError(form, message) {
  const m = /^request body(?::\d+)?: ([A-Za-z]+)[^:]*: (.*)$/s.exec(message);
  const el = m && form.querySelector(`[data-error-for="${m[1]}"]`);
  (el || form.querySelector('[data-error-for=form]')).textContent = el ? m[2] : message;
}

export const alertsPage = {
  async enter(main) {
    main.innerHTML = `<h1>Alerts</h1>
      <div class="card section"><h2>Firing now</h2><div id="al-active"></div></div>
      <div class="panels section">
        <div class="card"><h2>Silences</h2><div id="al-silences"></div>
          <form id="al-silence" class="row"><input name="matcher" type="text" placeholder="rule, child or all" required>
            <input name="duration" type="text" placeholder="2h" size="5" required><input name="reason" type="text" placeholder="reason">
            <button type="submit">Silence</button><span class="err" data-error-for="form"></span></form></div>
        <div class="card"><h2>Channels</h2><div id="al-channels"></div></div>
      </div>
      <div class="card section"><h2>Rules</h2><div id="al-rules" class="scroll"></div>
        <form id="al-rule" class="rule-form"><h3 id="al-rule-title">New rule</h3>
          ${input('name')}${input('series', 'placeholder="cpu"')}
          <label>event<select name="event">${EVENTS.map((e) => `<option>${e}</option>`).join('')}</select><span class="err" data-error-for="event"></span></label>
          ${input('scope', 'placeholder="*"')}${input('comparison', 'placeholder="&gt;"')}${input('threshold')}${input('for', 'placeholder="5m"')}
          ${input('keepFiringFor')}<label>severity<select name="severity"><option>warning</option><option>critical</option></select></label>
          ${input('repeat')}${input('cooldown')}${input('channels', 'placeholder="ops, mail"')}
          <div class="row"><button type="submit">Save rule</button><button type="reset" class="ghost">Clear</button><span class="err" data-error-for="form"></span></div></form></div>
      <div class="card section"><h2>History</h2><div id="al-history" class="scroll"></div></div>`;
    const $ = (s) => main.querySelector(s);
    let editing = null;

    const renderActive = async () => {
      const open = (await get('/api/v1/alerts')).alerts;
      $('#al-active').innerHTML = open.length === 0 ? '<p class="muted" data-empty>Nothing fires.</p>'
        : `<table><tr><th>#</th><th>State</th><th>Rule</th><th>Scope</th><th>Since</th><th>Summary</th><th></th></tr>${open.map((a) => `
          <tr data-alert="${a.id}"><td>${a.id}</td><td class="${a.state === 'FIRING' ? 'err' : ''}">${esc(a.state)} <span class="muted">${esc(a.severity)}</span></td>
          <td>${esc(a.rule)}</td><td><a href="#/child/${encodeURIComponent(a.scope)}">${esc(a.scope)}</a></td><td>${time(a.firingSince || a.since)}</td>
          <td>${esc(a.summary)}</td><td>${a.acknowledgedBy ? `acked by ${esc(a.acknowledgedBy)}` : `<button data-ack="${a.id}">Acknowledge</button>`}</td></tr>`).join('')}</table>`;
      main.querySelectorAll('[data-ack]').forEach((b) => b.addEventListener('click', async () => {
        await post(`/api/v1/alerts/${b.dataset.ack}/ack`);
        await Promise.all([renderActive(), renderHistory()]);
      }));
    };
    const renderSilences = async () => {
      const list = (await get('/api/v1/alerts/silences')).silences;
      $('#al-silences').innerHTML = list.length === 0 ? '<p class="muted" data-empty>No silences.</p>'
        : `<table><tr><th>Matcher</th><th>Until</th><th>Who</th><th>Reason</th><th></th></tr>${list.map((s) => `<tr data-silence="${s.id}">
          <td>${esc(s.matcher)}</td><td>${time(s.until)}</td><td>${esc(s.who)}</td><td>${esc(s.reason || '')}</td><td><button data-end="${s.id}">End</button></td></tr>`).join('')}</table>`;
      main.querySelectorAll('[data-end]').forEach((b) => b.addEventListener('click', async () => {
        await del(`/api/v1/alerts/silences/${b.dataset.end}`);
        await renderSilences();
      }));
    };
    const renderChannels = async () => {
      const list = (await get('/api/v1/alerts/channels')).channels;
      $('#al-channels').innerHTML = list.length === 0 ? '<p class="muted" data-empty>No channels configured (alerts.channels).</p>'
        : `<table>${list.map((c) => `<tr data-channel="${esc(c.name)}"><td>${esc(c.name)}</td><td class="muted">${esc(c.type)}</td>
          <td><button data-test="${esc(c.name)}">Send test notification</button></td><td data-test-result></td></tr>`).join('')}</table>`;
      main.querySelectorAll('[data-test]').forEach((b) => b.addEventListener('click', async () => {
        const out = b.closest('tr').querySelector('[data-test-result]');
        out.className = '';
        out.textContent = 'sending…';
        try {
          await post('/api/v1/alerts/test', { channel: b.dataset.test });
          out.textContent = 'delivered';
        } catch (e) {
          out.className = 'err';
          out.textContent = e.message;
        }
      }));
    };
    const renderRules = async () => {
      const rules = (await get('/api/v1/alerts/rules')).rules;
      $('#al-rules').innerHTML = `<table><tr><th>Name</th><th>What</th><th>Scope</th><th>For</th><th>Severity</th><th>Origin</th><th></th></tr>${rules.map(({ rule: r, origin, editable }) => `
        <tr data-rule="${esc(r.name)}"><td>${esc(r.name)}</td><td class="mono">${esc(r.event || `${r.series} ${r.comparison} ${r.threshold}`)}</td><td>${esc(r.scope)}</td>
        <td>${esc(r.for || '0s')}</td><td>${esc(r.severity)}</td><td class="muted">${esc(origin)}</td>
        <td>${editable ? `<button data-edit="${esc(r.name)}">Edit</button> <button class="danger" data-delete="${esc(r.name)}">Delete</button>` : ''}</td></tr>`).join('')}</table>`;
      main.querySelectorAll('[data-edit]').forEach((b) => b.addEventListener('click', () => {
        const { rule } = rules.find((x) => x.rule.name === b.dataset.edit);
        const form = $('#al-rule');
        FIELDS.forEach((f) => { form.elements[f].value = rule[f] == null ? '' : Array.isArray(rule[f]) ? rule[f].join(', ') : rule[f]; });
        editing = rule.name;
        $('#al-rule-title').textContent = `Edit rule ${rule.name}`;
      }));
      main.querySelectorAll('[data-delete]').forEach((b) => b.addEventListener('click', async () => {
        await del(`/api/v1/alerts/rules/${encodeURIComponent(b.dataset.delete)}`);
        await renderRules();
      }));
    };
    const renderHistory = async () => {
      const entries = (await get('/api/v1/alerts/history?limit=100')).entries;
      $('#al-history').innerHTML = entries.length === 0 ? '<p class="muted" data-empty>No history yet.</p>'
        : `<table><tr><th>When</th><th>#</th><th>Rule</th><th>Scope</th><th>What</th><th>Detail</th></tr>${entries.map((e) => `<tr data-kind="${esc(e.kind)}">
          <td>${time(e.at)}</td><td>${e.alertId || ''}</td><td>${esc(e.rule)}</td><td>${esc(e.scope)}</td>
          <td>${esc([e.kind, e.state, e.channel, e.outcome].filter(Boolean).join(' '))}</td><td>${esc(e.detail || '')}</td></tr>`).join('')}</table>`;
    };

    $('#al-silence').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const f = ev.target;
      f.querySelector('[data-error-for=form]').textContent = '';
      try {
        await post('/api/v1/alerts/silences', { matcher: f.elements.matcher.value, duration: f.elements.duration.value, reason: f.elements.reason.value || null });
        f.reset();
        await Promise.all([renderSilences(), renderHistory()]);
      } catch (e) {
        f.querySelector('[data-error-for=form]').textContent = e.message;
      }
    });
    $('#al-rule').addEventListener('reset', () => { editing = null; $('#al-rule-title').textContent = 'New rule'; });
    $('#al-rule').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const f = ev.target;
      f.querySelectorAll('[data-error-for]').forEach((el) => { el.textContent = ''; });
      try {
        if (editing) await put(`/api/v1/alerts/rules/${encodeURIComponent(editing)}`, ruleOf(f));
        else await post('/api/v1/alerts/rules', ruleOf(f));
        f.reset();
        await renderRules();
      } catch (e) {
        showError(f, e.message);
      }
    });

    try {
      await Promise.all([renderActive(), renderSilences(), renderChannels(), renderRules(), renderHistory()]);
    } catch (e) {
      main.innerHTML = `<h1>Alerts</h1><p class="muted" data-empty>${e.status === 503 ? 'Alerts are not running on this host.' : esc(e.message)}</p>`;
      return {};
    }
    // Alerts change on supervisor events; the page follows them as they come.
    const refresh = () => Promise.all([renderActive(), renderHistory()]).catch(() => {});
    return { state: refresh, crash: refresh, reload: refresh };
  },
};
