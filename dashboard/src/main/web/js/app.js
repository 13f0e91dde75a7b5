// Entry point: session, the one SSE stream, and a hash router that swaps views without reloading.
import { startSession, openStream, logout } from './api.js';
import { overview } from './overview.js';
import { childPage } from './child.js';
import { crashesPage, crashPage } from './crashes.js';
import { logsPage } from './logs.js';
import { esc } from './format.js';

const routes = [
  [/^#?\/?$/, () => overview],
  [/^#\/child\/([^/]+)$/, () => childPage],
  [/^#\/crashes$/, () => crashesPage],
  [/^#\/crash\/(\d+)$/, () => crashPage],
  [/^#\/logs\/([^/]+)$/, () => logsPage],
];

const main = document.getElementById('view');
let current = null;

async function route() {
  if (current && current.leave) current.leave();
  current = null;
  const hash = location.hash || '#/';
  for (const [pattern, view] of routes) {
    const m = hash.match(pattern);
    if (!m) continue;
    const page = view();
    document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active',
      (a.dataset.nav === 'overview' && page === overview) || (a.dataset.nav === 'crashes' && (page === crashesPage || page === crashPage))));
    main.innerHTML = '';
    try {
      current = await page.enter(main, ...m.slice(1).map(decodeURIComponent));
    } catch (e) {
      main.innerHTML = `<div class="error-box">${esc(e.message)}</div>`;
    }
    return;
  }
  main.innerHTML = '<div class="error-box">No such page.</div>';
}

function connect() {
  const live = document.getElementById('live');
  openStream({
    open: () => { live.textContent = 'live'; live.classList.add('on'); },
    error: () => { live.textContent = 'reconnecting'; live.classList.remove('on'); },
    tick: (t) => current && current.tick && current.tick(t),
    state: (s) => current && current.state && current.state(s),
    crash: (c) => current && current.crash && current.crash(c),
    reload: (r) => current && current.reload && current.reload(r),
  });
}

(async () => {
  await startSession();
  document.getElementById('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', route);
  connect();
  await route();
})();
