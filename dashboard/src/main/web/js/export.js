// CSV and PNG export of a page's charts.

/** Rows of the visible range [from, to] (epoch seconds), one column per series; empty cells are gaps. */
export function toCsv(data, series, from, to) {
  const lines = [['time', ...series.map((s) => s.csv)].join(',')];
  data.t.forEach((t, i) => {
    if (from != null && (t < from || t > to)) return;
    const cells = series.map((s) => { const v = data.values[s.key][i]; return v == null ? '' : String(v); });
    lines.push([new Date(t * 1000).toISOString(), ...cells].join(','));
  });
  return lines.join('\n') + '\n';
}

export function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/** "1h" for a whole range; the visible span (UTC, to the minute) when zoomed: "20261202T0600-20261202T0630". */
export function rangeName(range, view) {
  if (!view) return range;
  const stamp = (t) => new Date(t * 1000).toISOString().slice(0, 16).replace(/[-:]/g, '');
  return `${stamp(view[0])}-${stamp(view[1])}`;
}

/** The charts stacked into one PNG on the page's background colour: a title line, and each chart under its title. */
export function chartsPng(charts, title) {
  const style = getComputedStyle(document.body);
  const r = devicePixelRatio;
  const pad = 12 * r;
  const head = 28 * r;
  const label = 20 * r;
  const canvases = charts.map((u) => u.ctx.canvas);
  const out = document.createElement('canvas');
  out.width = Math.max(320 * r, ...canvases.map((c) => c.width)) + 2 * pad;
  out.height = head + canvases.reduce((h, c) => h + label + c.height + pad, pad);
  const ctx = out.getContext('2d');
  ctx.fillStyle = style.backgroundColor;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = style.color;
  ctx.font = `600 ${14 * r}px system-ui, sans-serif`;
  ctx.fillText(title, pad, pad + 14 * r);
  let y = head + pad;
  ctx.font = `${12 * r}px system-ui, sans-serif`;
  charts.forEach((u, i) => {
    ctx.fillStyle = style.color;
    ctx.fillText(u.wardenTitle || '', pad, y + 13 * r);
    y += label;
    ctx.drawImage(canvases[i], pad, y);
    y += canvases[i].height + pad;
  });
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}
