// Number and time formatting shared by every view.
export function bytes(n) {
  if (n == null || Number.isNaN(n)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = Math.abs(n);
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${(Math.sign(n) * v).toFixed(v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}

export const percent = (n) => (n == null || Number.isNaN(n) ? '–' : `${n.toFixed(n < 10 ? 1 : 0)} %`);

export function number(n, digits = 1) {
  if (n == null || Number.isNaN(n)) return '–';
  return Math.abs(n) >= 1000 ? Math.round(n).toLocaleString() : (+n.toFixed(digits)).toString();
}

// Warden's one duration syntax (host: warden.host.config.Durations), tested against the same table
// (host/src/test/resources/durations.json).
const SIZES = [86400000, 3600000, 60000, 1000, 1];
const UNITS = ['d', 'h', 'm', 's', 'ms'];

/** Exactly, to the millisecond: 1m30s, 1h, 0s. */
export function durationExact(ms) {
  if (ms == null) return '–';
  let rest = Math.max(0, Math.floor(ms));
  if (rest === 0) return '0s';
  let out = '';
  SIZES.forEach((size, i) => {
    if (rest >= size) { out += `${Math.floor(rest / size)}${UNITS[i]}`; rest %= size; }
  });
  return out;
}

/** For an uptime or an age: the largest unit and the next one down when not zero (12m5s, 3h2m, 4d7h, 1h); ms below 1s. */
export function duration(ms) {
  if (ms == null) return '–';
  const v = Math.max(0, Math.floor(ms));
  if (v === 0) return '0s';
  if (v < 1000) return `${v}ms`;
  const i = SIZES.findIndex((size) => v >= size);
  const next = Math.floor((v % SIZES[i]) / SIZES[i + 1]);
  const second = next > 0 && i + 1 < SIZES.length - 1 ? next + UNITS[i + 1] : '';
  return `${Math.floor(v / SIZES[i])}${UNITS[i]}${second}`;
}

export const time = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

export function ago(iso) {
  if (!iso) return '–';
  return duration(Date.now() - new Date(iso).getTime()) + ' ago';
}

/** Formats a series value by its name: *Bytes as bytes, cpu and *Percent as percent, *PerSec as a rate. */
export function byName(fullName, v) {
  const name = fullName.split(':')[0];
  if (/bytespersec$/i.test(name)) return `${bytes(v)}/s`;
  if (/bytes$/i.test(name)) return bytes(v);
  if (/^cpu$|percent$/i.test(name)) return percent(v);
  return number(v);
}

/** Escapes text for innerHTML. */
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Threshold level of a percentage: ok / warn / crit, with the child's (or global) bands. */
export function level(value, t) {
  if (value == null || Number.isNaN(value) || !t) return '';
  if (value > t.critPercent) return 'level-crit';
  if (value >= t.warnPercent) return 'level-warn';
  return 'level-ok';
}

/** The machine's total memory from the system sample, whatever the metrics helper called it. */
export function memTotal(systemValues) {
  if (!systemValues) return null;
  for (const [k, v] of Object.entries(systemValues)) {
    const key = k.toLowerCase().replace(/[._-]/g, '');
    if (/^(mem|memory)total(bytes)?$|^total(mem|memory)(bytes)?$/.test(key)) return v;
  }
  return null;
}

/** "netInBytesPerSec" -> "net in", "disk.usedBytes:/data" -> "disk used /data". */
export function pretty(fullName) {
  const [name, arg] = fullName.split(/:(.*)/);
  const words = name.replace(/Bytes|PerSec|Percent/g, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase().trim();
  return arg ? `${words} ${arg}` : words;
}

/** "1 crash", "2 crashes", "0 restarts". */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${Number(n) === 1 ? one : many}`;
}
