// Entry point: session, the one SSE stream, the theme, and a hash router that swaps views without reloading.
import { startSession, openStream, logout } from './api.js';
import { overview } from './overview.js';
import { childPage } from './child.js';
import { crashesPage, crashPage } from './crashes.js';
import { logsPage } from './logs.js';
import { systemPage } from './system.js';
import { playersPage } from './players.js';
import { pluginsPage } from './plugins.js';
import { auditPage } from './audit.js';
import { alertsPage } from './alerts.js';
import { esc } from './format.js';

// [pattern, view, nav entry it belongs to]. Chat links use #/children/<id>; the dashboard's own #/child/<id>.
const routes = [
  [/^#?\/?$/, () => overview, 'overview'],
  [/^#\/child(?:ren)?\/([^/]+)$/, () => childPage, 'overview'],
  [/^#\/system$/, () => systemPage, 'system'],
  [/^#\/players$/, () => playersPage, 'players'],
  [/^#\/plugins$/, () => pluginsPage, 'plugins'],
  [/^#\/crashes$/, () => crashesPage, 'crashes'],
  [/^#\/crash\/(\d+)$/, () => crashPage, 'crashes'],
  [/^#\/audit$/, () => auditPage, 'audit'],
  [/^#\/alerts$/, () => alertsPage, 'alerts'],
  [/^#\/logs\/([^/]+)$/, () => logsPage, 'overview'],
];

const main = document.getElementById('view');
let current = null;

async function route() {
  if (current && current.leave) current.leave();
  current = null;
  const hash = location.hash || '#/';
  for (const [pattern, view, nav] of routes) {
    const m = hash.match(pattern);
    if (!m) continue;
    const page = view();
    document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === nav));
    main.innerHTML = '';
    main.dataset.page = nav;
    try {
      current = await page.enter(main, ...m.slice(1).map(decodeURIComponent));
    } catch (e) {
      main.innerHTML = `<div class="error-box">${esc(e.message)}</div>`;
    }
    return;
  }
  main.dataset.page = 'none';
  main.innerHTML = '<div class="error-box">No such page.</div>';
}

function connect() {
  const live = document.getElementById('live');
  const to = (name) => (body) => current && current[name] && current[name](body);
  openStream({
    open: () => { live.textContent = 'live'; live.classList.add('on'); },
    error: () => { live.textContent = 'reconnecting'; live.classList.remove('on'); },
    tick: to('tick'), state: to('state'), crash: to('crash'), reload: to('reload'), player: to('player'), audit: to('audit'),
  });
}

/** Light or dark as chosen here (kept in localStorage), else the system's preference. */
function theme() {
  const button = document.getElementById('theme');
  const apply = (t) => {
    if (t) document.documentElement.dataset.theme = t; else delete document.documentElement.dataset.theme;
    const dark = t ? t === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
    button.textContent = dark ? '☀ Light' : '☾ Dark';
    button.setAttribute('aria-label', dark ? 'Switch to the light theme' : 'Switch to the dark theme');
  };
  apply(localStorage.getItem('warden.theme'));
  button.addEventListener('click', () => {
    const dark = document.documentElement.dataset.theme ? document.documentElement.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
    const next = dark ? 'light' : 'dark';
    localStorage.setItem('warden.theme', next);
    apply(next);
    route(); // charts read their colours when drawn
  });
}

(async () => {
  theme();
  await startSession();
  document.getElementById('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', route);
  connect();
  await route();
})();
