// Players: each watched game server's roster with time online, its player-count chart with joins and leaves as
// markers, and the recent joins and leaves.
import { get } from './api.js';
import { esc, duration, time } from './format.js';
import { historyView, toolbarHtml, legendHtml } from './history.js';

/** The roster of one game ({childId, online: [{player, since, onlineMillis}]}) as a table. */
export function rosterHtml(game) {
  if (!game.online.length) return '<p class="muted" data-roster="0">Nobody online.</p>';
  return `<table data-roster="${game.online.length}"><tr><th>Player</th><th>Online since</th><th class="num">Time online</th></tr>${game.online.map((p) =>
    `<tr data-player="${esc(p.player)}"><td>${esc(p.player)}</td><td>${time(p.since)}</td><td class="num">${duration(p.onlineMillis)}</td></tr>`).join('')}</table>`;
}

/** Joins and leaves as chart markers. */
export const playerMarkers = (game) => game.events.map((e) => ({
  t: new Date(e.at).getTime() / 1000, kind: e.event, detail: `${e.player}${e.reason ? ` (${e.reason})` : ''}`,
}));

const count = (v) => String(Math.round(v));

export const playersPage = {
  async enter(main) {
    main.innerHTML = '<h1>Players</h1><div id="games"></div>';
    let data = await get('/api/v1/players');
    const games = main.querySelector('#games');
    if (!data.games.length) {
      games.innerHTML = '<div class="card section"><p class="muted">No game server is watched (chat.game in the config).</p></div>';
      return {};
    }
    games.innerHTML = `${data.games.map((g) => `<div class="card section" data-game="${esc(g.childId)}"><h2><a href="#/child/${encodeURIComponent(g.childId)}">${esc(g.childId)}</a>
      · <span data-count>${g.count}</span> online</h2><div data-list>${rosterHtml(g)}</div></div>`).join('')}
      ${toolbarHtml()}<div class="card" id="charts">${legendHtml(['join', 'leave'])}<div class="chart-grid" id="charts-grid"></div></div>
      <div class="panels section"><div class="card"><h2>Visible range</h2><div id="aggs" class="scroll"></div></div>
      <div class="card"><h2>Recent joins and leaves</h2><div id="events" class="scroll"></div></div></div>`;
    const byId = () => Object.fromEntries(data.games.map((g) => [g.childId, g]));
    const charts = data.games.map((g) => ({
      id: `players.${g.childId}`, title: `Players on ${g.childId}`, unit: 'count', format: count, always: true,
      markers: () => (byId()[g.childId] ? playerMarkers(byId()[g.childId]) : []),
      series: [{ key: 'players', source: g.childId, label: 'players', color: '--start', csv: `players_${g.childId.replace(/\W+/g, '_')}` }],
    }));
    const view = historyView(main, charts, {
      name: 'players', markers: () => [], liveValues: (tick, src) => tick.children && tick.children[src],
    });
    const render = () => {
      data.games.forEach((g) => {
        const card = games.querySelector(`[data-game="${CSS.escape(g.childId)}"]`);
        if (!card) return;
        card.querySelector('[data-count]').textContent = g.count;
        card.querySelector('[data-list]').innerHTML = rosterHtml(g);
      });
      const events = data.games.flatMap((g) => g.events.map((e) => ({ ...e, game: g.childId }))).sort((a, b) => b.at.localeCompare(a.at)).slice(0, 50);
      main.querySelector('#events').innerHTML = events.length ? `<table><tr><th>When</th><th>Server</th><th>Player</th><th>Event</th></tr>${events.map((e) =>
        `<tr><td>${time(e.at)}</td><td>${esc(e.game)}</td><td>${esc(e.player)}</td><td>${esc(e.event)}${e.reason ? ` <span class="muted">${esc(e.reason)}</span>` : ''}</td></tr>`).join('')}</table>`
        : '<p class="muted">No joins or leaves since the host started.</p>';
    };
    render();
    await view.load();
    return {
      leave: () => view.leave(),
      tick: (t) => {
        view.tick(t);
        data.games.forEach((g) => g.online.forEach((p) => { p.onlineMillis = Date.now() - new Date(p.since).getTime(); }));
        render();
      },
      player: async () => { data = await get('/api/v1/players'); render(); view.redraw(); },
    };
  },
};
