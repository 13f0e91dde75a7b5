// CSV and PNG export of the child page's charts.

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

/** The charts stacked into one PNG on the page's background colour, with a title line. */
export function chartsPng(charts, title) {
  const style = getComputedStyle(document.body);
  const pad = 12 * devicePixelRatio;
  const head = 28 * devicePixelRatio;
  const canvases = charts.map((u) => u.ctx.canvas);
  const out = document.createElement('canvas');
  out.width = Math.max(...canvases.map((c) => c.width)) + 2 * pad;
  out.height = head + canvases.reduce((h, c) => h + c.height + pad, pad);
  const ctx = out.getContext('2d');
  ctx.fillStyle = style.backgroundColor;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = style.color;
  ctx.font = `${14 * devicePixelRatio}px system-ui, sans-serif`;
  ctx.fillText(title, pad, pad + 14 * devicePixelRatio);
  let y = head + pad;
  canvases.forEach((c) => { ctx.drawImage(c, pad, y); y += c.height + pad; });
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}
