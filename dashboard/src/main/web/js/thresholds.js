// The threshold settings panel: warn/crit per metric for one scope (a child, or "global" with disk), checked by the
// host with the config's rule, marked "customised" when set here, with a reset to the config's value.
import { get, put, del } from './api.js';
import { esc } from './format.js';

const NAMES = { cpu: 'CPU (% of one core)', memory: 'Memory (% of the machine)', disk: 'Disk (% of each mount)' };

/** The bands in force: {global: {cpu, memory, disk}, children: {id: {cpu, memory, customised}}}. */
export const loadThresholds = () => get('/api/v1/thresholds');

/**
 * Renders the panel into el for scope ("global" or a child id) with its bands ({cpu, memory[, disk]}); onChange(bands)
 * after every save or reset, so the page can recolour its badges.
 */
export function thresholdPanel(el, scope, bands, onChange) {
  const render = () => {
    el.innerHTML = `<form class="thresholds" data-scope="${esc(scope)}">${Object.keys(NAMES).filter((m) => bands[m]).map((m) => {
      const b = bands[m];
      return `<div class="band" data-metric="${m}">
        <span class="name">${NAMES[m]}</span>
        <label>warn <input type="number" step="any" min="0" name="warn" value="${b.warnPercent}" aria-label="${m} warn percent"></label>
        <label>crit <input type="number" step="any" min="0" name="crit" value="${b.critPercent}" aria-label="${m} crit percent"></label>
        <button type="button" data-save>Save</button>
        ${b.customised ? `<span class="custom" data-customised>customised</span><button type="button" class="ghost" data-reset
          title="Back to ${b.resetTo.warnPercent} / ${b.resetTo.critPercent} %">Reset</button>`
          : `<span class="muted">${b.origin === 'config_child' ? 'from the config for this child' : b.origin === 'global' ? 'follows the global setting' : 'from the config'}</span>`}
        <span class="error-text" data-error></span></div>`;
    }).join('')}</form>`;
    el.querySelectorAll('.band').forEach((row) => {
      const metric = row.dataset.metric;
      const path = `/api/v1/thresholds/${encodeURIComponent(scope)}/${metric}`;
      const done = (band) => { bands[metric] = band; render(); onChange(bands); };
      const fail = (e) => { row.querySelector('[data-error]').textContent = e.message; };
      row.querySelector('[data-save]').addEventListener('click', () => {
        const warn = row.querySelector('[name=warn]').value;
        const crit = row.querySelector('[name=crit]').value;
        put(path, { warnPercent: warn === '' ? null : Number(warn), critPercent: crit === '' ? null : Number(crit) }).then(done, fail);
      });
      const reset = row.querySelector('[data-reset]');
      if (reset) reset.addEventListener('click', () => del(path).then(done, fail));
    });
  };
  render();
}
