// bench-results/latest.html: the figures as a page with simple inline SVG bar charts.
import { fmt } from './stats.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Bar {
  label: string;
  value: number;
  /** A lighter bar (e.g. a single run next to the median). */
  muted?: boolean;
}

/** Horizontal bars with a dashed target line; bars past the scale are cut and labelled. */
export function hbars(title: string, bars: Bar[], opts: { unit: string; target?: number; scaleMax?: number }): string {
  const labelW = 210;
  const plotW = 460;
  const rowH = 22;
  const top = 28;
  const finite = bars.map((b) => b.value).filter((v) => Number.isFinite(v));
  const scaleMax = opts.scaleMax ?? Math.max(opts.target ? opts.target * 1.25 : 0, ...finite, 1e-9);
  const x = (v: number) => labelW + Math.min(1, Math.max(0, v / scaleMax)) * plotW;
  const h = top + bars.length * rowH + 26;
  const parts: string[] = [];
  parts.push(`<text x="0" y="16" class="t">${esc(title)}</text>`);
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const w = Number.isFinite(b.value) ? x(b.value) - labelW : 0;
    const over = opts.target !== undefined && b.value > opts.target;
    const cut = b.value > scaleMax;
    const cls = over ? 'bad' : 'ok';
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="l">${esc(b.label)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + 3}" width="${Math.max(1, w).toFixed(1)}" height="${rowH - 7}" class="${cls}${b.muted ? ' muted' : ''}"/>`);
    const text = `${fmt(b.value)} ${opts.unit}${cut ? ' ▸' : ''}`;
    const tx = Math.min(labelW + w + 5, labelW + plotW - 4);
    parts.push(`<text x="${tx.toFixed(1)}" y="${y + 15}" class="v"${cut ? ' text-anchor="end" fill="#fff"' : ''}>${esc(text)}</text>`);
  });
  if (opts.target !== undefined) {
    const tx = x(opts.target);
    parts.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${top + bars.length * rowH}" class="target"/>`);
    parts.push(`<text x="${tx}" y="${top + bars.length * rowH + 14}" text-anchor="middle" class="l">target ${fmt(opts.target)} ${opts.unit}</text>`);
  }
  parts.push(`<text x="${labelW + plotW}" y="${h - 2}" text-anchor="end" class="axis">scale 0 – ${fmt(scaleMax)} ${opts.unit}</text>`);
  return `<svg width="${labelW + plotW + 20}" height="${h}" role="img" aria-label="${esc(title)}">${parts.join('')}</svg>`;
}

/** Vertical bars over time (e.g. p99 per second of a load run), with a target line. */
export function vbars(title: string, points: Array<{ x: string; value: number }>, opts: { unit: string; target?: number }): string {
  const left = 50;
  const plotH = 150;
  const top = 28;
  const bw = Math.max(4, Math.min(24, Math.floor(600 / Math.max(1, points.length))));
  const finite = points.map((p) => p.value).filter((v) => Number.isFinite(v));
  const scaleMax = Math.max(opts.target ? opts.target * 1.25 : 0, ...finite, 1e-9);
  const y = (v: number) => top + plotH - (Math.min(v, scaleMax) / scaleMax) * plotH;
  const parts: string[] = [`<text x="0" y="16" class="t">${esc(title)}</text>`];
  points.forEach((p, i) => {
    const px = left + i * bw;
    const over = opts.target !== undefined && p.value > opts.target;
    parts.push(
      `<rect x="${px + 1}" y="${y(p.value).toFixed(1)}" width="${bw - 2}" height="${(top + plotH - y(p.value)).toFixed(1)}" class="${over ? 'bad' : 'ok'}"><title>${esc(`${p.x}: ${fmt(p.value)} ${opts.unit}`)}</title></rect>`,
    );
    if (points.length <= 30 || i % 5 === 0) parts.push(`<text x="${px + bw / 2}" y="${top + plotH + 12}" text-anchor="middle" class="axis">${esc(p.x)}</text>`);
  });
  for (const v of [0, scaleMax / 2, scaleMax]) parts.push(`<text x="${left - 4}" y="${y(v) + 4}" text-anchor="end" class="axis">${fmt(v)}</text>`);
  if (opts.target !== undefined) {
    parts.push(`<line x1="${left}" y1="${y(opts.target)}" x2="${left + points.length * bw}" y2="${y(opts.target)}" class="target"/>`);
    parts.push(`<text x="${left + points.length * bw + 4}" y="${y(opts.target) + 4}" class="l">target</text>`);
  }
  return `<svg width="${left + points.length * bw + 60}" height="${top + plotH + 24}" role="img" aria-label="${esc(title)}">${parts.join('')}</svg>`;
}

export function page(title: string, sections: Array<{ heading: string; html: string }>, footer: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
 body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; padding: 0 16px; }
 h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; }
 table { border-collapse: collapse; margin: 8px 0 16px; } td, th { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: right; }
 td:first-child, th:first-child { text-align: left; } th { background: #f5f5f5; }
 svg { display: block; margin: 10px 0 18px; } .t { font-weight: 600; font-size: 13px; } .l { font-size: 12px; fill: #333; }
 .v { font-size: 11px; fill: #222; } .axis { font-size: 10px; fill: #777; }
 .ok { fill: #3b82c4; } .bad { fill: #d9534f; } .muted { opacity: .45; }
 .target { stroke: #111; stroke-dasharray: 4 3; stroke-width: 1.5; }
 .pass { color: #1a7f37; font-weight: 600; } .fail { color: #c0392b; font-weight: 600; } .note { color: #555; }
 pre { background: #f7f7f7; padding: 8px; overflow-x: auto; font-size: 12px; }
</style></head><body>
<h1>${esc(title)}</h1>
${sections.map((s) => `<h2>${esc(s.heading)}</h2>\n${s.html}`).join('\n')}
<p class="note">${esc(footer)}</p>
</body></html>
`;
}

export function htmlTable(head: string[], rows: Array<Array<string | number>>): string {
  const cell = (c: string | number) => (typeof c === 'number' ? fmt(c) : esc(c));
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

export function verdict(value: number, target: number): string {
  return value < target ? `<span class="pass">under target</span>` : `<span class="fail">over target</span>`;
}

export { esc };
