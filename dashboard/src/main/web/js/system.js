// The host process and the machine: a chart of every series they sample (each disk mount, network in and out), and
// the global thresholds every child follows unless it has its own.
import { get } from './api.js';
import { esc } from './format.js';
import { historyView, toolbarHtml, legendHtml } from './history.js';
import { processCharts, systemCharts } from './series.js';
import { thresholdPanel, loadThresholds } from './thresholds.js';

export const systemPage = {
  async enter(main) {
    main.innerHTML = `
      <div class="row spread"><h1>System</h1><span class="muted">the machine, and the Warden host process</span></div>
      ${toolbarHtml()}
      <div class="card" id="charts">${legendHtml(['start'])}<div class="chart-grid" id="charts-grid"></div></div>
      <div class="panels section">
        <div class="card"><h2>Visible range</h2><div id="aggs" class="scroll"></div></div>
        <div class="card"><h2>Global thresholds</h2><p class="muted">Every child follows these unless its own page sets others.</p><div id="thresholds"></div></div>
      </div>`;
    const sys = await get('/api/v1/system').catch(() => ({}));
    const values = (sys.system && sys.system.values) || {};
    const mounts = Object.keys(values).filter((k) => k.startsWith('disk.usedBytes:')).map((k) => k.slice('disk.usedBytes:'.length));
    const host = processCharts('host').map((c) => ({ ...c, title: `Host ${/^[A-Z][a-z]/.test(c.title) ? c.title[0].toLowerCase() + c.title.slice(1) : c.title}`, id: c.id.startsWith('host.') ? c.id : `host.${c.id}` }));
    const view = historyView(main, [...systemCharts(mounts), ...host], {
      name: 'system',
      // This host run's start: where the host's own series begin again after a restart.
      markers: () => (sys.summary && sys.summary.hostUptime != null
        ? [{ t: (Date.now() - sys.summary.hostUptime) / 1000, kind: 'start', detail: 'Warden host started' }] : []),
      liveValues: (tick, src) => tick[src],
    });
    try {
      const t = await loadThresholds();
      thresholdPanel(main.querySelector('#thresholds'), 'global', t.global, () => {});
    } catch (e) {
      main.querySelector('#thresholds').innerHTML = `<p class="muted">${esc(e.message)}</p>`;
    }
    await view.load();
    return { leave: () => view.leave(), tick: (t) => view.tick(t) };
  },
};
