// What each sampled series is called, its unit and its chart: one table for the charts, the facts cards and exports.
import { bytes, percent, number } from './format.js';
import { ratePerMin } from './history.js';

const ms = (v) => `${number(v)} ms`;
const rate = (v) => `${bytes(v)}/s`;
const perMin = (v) => `${number(v)}/min`;
const count = (v) => number(v, 0);

/** Series name -> words and a formatter, for the facts cards. */
export const LABELS = {
  cpu: ['CPU', percent], rssBytes: ['Memory (resident)', bytes], vmsBytes: ['Virtual memory', bytes],
  heapUsedBytes: ['Java heap used', bytes], threads: ['Threads', count], openFiles: ['Open files', count],
  readBytesPerSec: ['Disk reads', rate], writeBytesPerSec: ['Disk writes', rate], players: ['Players online', count],
  uptimeSeconds: ['Uptime', (v) => `${number(v / 3600)} h`], pid: ['Process id', (v) => String(v)],
  'events.delivered': ['Events delivered', count], 'events.handled': ['Events handled', count],
  'events.failed': ['Events failed', count], 'events.dropped': ['Events dropped', count],
  'queue.size': ['Queued events', count], 'queue.wait.p99.ms': ['Queue wait (p99)', ms],
  'latency.p50.ms': ['Handler latency (p50)', ms], 'latency.p99.ms': ['Handler latency (p99)', ms],
  memUsedBytes: ['Memory used', bytes], memTotalBytes: ['Memory total', bytes], cores: ['Cores', count],
  load1: ['Load (1 min)', (v) => number(v, 2)], netInBytesPerSec: ['Network in', rate], netOutBytesPerSec: ['Network out', rate],
};

/** Words for any series name: the table above, custom plugin counters, disks per mount, else split camel case. */
export function label(name) {
  if (LABELS[name]) return LABELS[name];
  if (name.startsWith('custom.')) return [`${name.slice(7)} (plugin counter)`, count];
  const disk = /^disk\.(used|total)Bytes:(.*)$/.exec(name);
  if (disk) return [`Disk ${disk[2]} ${disk[1]}`, bytes];
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase();
  return [words[0].toUpperCase() + words.slice(1), number];
}

const one = (source, key, title, unit, format, color, csv) => ({ id: source === 'host' || source === 'system' ? `${source}.${key}` : key, title, unit, format, series: [{ key, source, label: title, color, csv }] });

/** Every chart of a process (a child, or the host itself): what the sampler and the plugin router record. */
export function processCharts(source, { plugin = false, custom = [] } = {}) {
  const charts = [
    { ...one(source, 'cpu', 'CPU (of one core)', 'percent', percent, '--cpu', 'cpu_percent'), always: true },
    { ...one(source, 'rssBytes', 'Memory (resident)', 'bytes', bytes, '--mem', 'rss_bytes'), always: true },
  ];
  if (plugin) {
    charts.push({
      id: 'events', title: 'Events / min', unit: 'perMin', format: perMin, always: true,
      series: [{ key: 'events.perMin', source, label: 'Events / min', color: '--events', csv: 'events_per_min',
        derive: (t, cols) => (cols['events.delivered'] ? ratePerMin(t, cols['events.delivered']) : null),
        live: (v, last, at) => {
          const c = v['events.delivered'];
          const prev = last['events.delivered'];
          return c != null && prev && prev.v != null && c >= prev.v && at > prev.t ? ((c - prev.v) * 60) / (at - prev.t) : null;
        } }],
    });
  }
  charts.push(
    one(source, 'threads', 'Threads', 'count', count, '--accent', 'threads'),
    one(source, 'openFiles', 'Open files', 'count', count, '--events', 'open_files'),
    { id: 'io', title: 'Disk I/O', unit: 'bytesPerSec', format: rate, series: [
      { key: 'readBytesPerSec', source, label: 'read', color: '--cpu', csv: 'read_bytes_per_sec' },
      { key: 'writeBytesPerSec', source, label: 'write', color: '--restart', csv: 'write_bytes_per_sec' }] },
    one(source, 'vmsBytes', 'Virtual memory', 'bytes', bytes, '--stop', 'vms_bytes'),
    one(source, 'heapUsedBytes', 'Java heap used', 'bytes', bytes, '--reload', 'heap_used_bytes'),
    one(source, 'players', 'Players online', 'count', count, '--start', 'players'),
  );
  if (plugin) {
    charts.push(
      { id: 'latency', title: 'Handler latency', unit: 'ms', format: ms, series: [
        { key: 'latency.p50.ms', source, label: 'p50', color: '--cpu', csv: 'latency_p50_ms' },
        { key: 'latency.p99.ms', source, label: 'p99', color: '--crash', csv: 'latency_p99_ms' }] },
      { id: 'queue', title: 'Queue wait (p99)', unit: 'ms', format: ms, series: [
        { key: 'queue.wait.p99.ms', source, label: 'wait p99', color: '--restart', csv: 'queue_wait_p99_ms' }] },
      one(source, 'queue.size', 'Queued events', 'count', count, '--stop', 'queue_size'),
    );
  }
  custom.forEach((k) => charts.push(one(source, k, label(k)[0], 'count', count, '--reload', k.replace(/\W+/g, '_'))));
  return charts;
}

/** The machine: CPU of all cores, memory, load, network, and one chart per disk mount. */
export function systemCharts(mounts) {
  return [
    { ...one('system', 'cpu', 'System CPU (all cores)', 'percent', percent, '--cpu', 'system_cpu_percent'), always: true },
    { ...one('system', 'memUsedBytes', 'System memory used', 'bytes', bytes, '--mem', 'system_mem_used_bytes'), always: true },
    one('system', 'load1', 'Load (1 min)', 'count', (v) => number(v, 2), '--accent', 'load1'),
    { id: 'net', title: 'Network', unit: 'bytesPerSec', format: rate, series: [
      { key: 'netInBytesPerSec', source: 'system', label: 'in', color: '--cpu', csv: 'net_in_bytes_per_sec' },
      { key: 'netOutBytesPerSec', source: 'system', label: 'out', color: '--restart', csv: 'net_out_bytes_per_sec' }] },
    ...mounts.map((m) => one('system', `disk.usedBytes:${m}`, `Disk ${m} used`, 'bytes', bytes, '--events', `disk_used_bytes_${m.replace(/\W+/g, '_')}`)),
  ];
}
