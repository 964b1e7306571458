import type PDFDocument from 'pdfkit';

// Small layout helpers over pdfkit: text that fits the standard fonts, headings, wrapped tables
// that break across pages (repeating their header), grouped bar charts and page footers.

type Doc = InstanceType<typeof PDFDocument>;

export const MARGIN = 50;
export const COLORS = { ink: '#111827', muted: '#6b7280', rule: '#d1d5db', head: '#f3f4f6', pass: '#15803d', fail: '#b91c1c', pending: '#b45309', accent: '#1d4ed8' };
const PALETTE = ['#1d4ed8', '#059669', '#d97706', '#7c3aed', '#dc2626', '#0891b2'];

/** The 14 standard PDF fonts encode WinAnsi only: spell out the few other characters we use. */
export function pdfText(s: string): string {
  return s
    .replace(/→/g, '->').replace(/≠/g, '!=').replace(/≤/g, '<=').replace(/≥/g, '>=').replace(/λ/g, 'lambda ')
    .replace(/✓/g, 'ok').replace(/✗/g, 'x').replace(/[‘’]/g, "'").replace(/[“”]/g, '"')
    .replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2022\u2026\u20ac]/g, '?');
}

export const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;
const bottom = (doc: Doc) => doc.page.height - MARGIN - 20;

export function ensureSpace(doc: Doc, h: number): void {
  if (doc.y + h > bottom(doc)) doc.addPage();
}

/** A heading, kept on one page with the next `keep` points of content. */
export function heading(doc: Doc, text: string, size = 16, keep = 60): void {
  ensureSpace(doc, size * 2 + keep);
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor(COLORS.ink).text(pdfText(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export function para(doc: Doc, text: string, opts: { size?: number; color?: string; bold?: boolean } = {}): void {
  doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(opts.size ?? 9.5).fillColor(opts.color ?? COLORS.ink);
  ensureSpace(doc, doc.heightOfString(pdfText(text), { width: contentWidth(doc) }));
  doc.text(pdfText(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export type Column = { header: string; width: number; align?: 'left' | 'right' | 'center' };
export type Cell = string | { text: string; color?: string; bold?: boolean };

/** A table with wrapped cells; widths are fractions of the content width. */
export function table(doc: Doc, columns: Column[], rows: Cell[][], opts: { size?: number } = {}): void {
  const size = opts.size ?? 8;
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const pad = 3;
  const cellText = (c: Cell) => pdfText(typeof c === 'string' ? c : c.text);
  const rowHeight = (cells: Cell[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(cellText(c), { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: Cell[], header: boolean) => {
    const h = rowHeight(cells, header);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (!header) drawRow(columns.map((c) => c.header), true);
    }
    const y = doc.y;
    if (header) doc.rect(MARGIN, y, total, h).fill(COLORS.head);
    let x = MARGIN;
    cells.forEach((c, i) => {
      const bold = header || (typeof c !== 'string' && !!c.bold);
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).fillColor(typeof c !== 'string' && c.color ? c.color : COLORS.ink);
      doc.text(cellText(c), x + pad, y + pad, { width: widths[i] - 2 * pad, align: columns[i].align ?? 'left' });
      x += widths[i];
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + total, y + h).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(columns.map((c) => c.header), true);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.6);
}

/** A round tick step (1/2/5 × 10^n) giving about four ticks up to `max`, and the axis top. */
function niceAxis(max: number): { step: number; top: number } {
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
  return { step, top: Math.ceil(max / step) * step };
}

export type BarGroup = { label: string; values: { series: string; value: number }[] };

/** A grouped vertical bar chart (one group per category, one bar per series). */
export function barChart(doc: Doc, title: string, groups: BarGroup[], unit: string): void {
  const series = [...new Set(groups.flatMap((g) => g.values.map((v) => v.series)))];
  if (groups.length === 0 || series.length === 0) return;
  const h = 150;
  ensureSpace(doc, h + 60);
  const x0 = MARGIN + 40;
  const w = contentWidth(doc) - 40;
  doc.font('Helvetica-Bold').fontSize(9).fillColor(COLORS.ink).text(pdfText(title), MARGIN, doc.y);
  const top = doc.y + 6;
  const axis = niceAxis(Math.max(...groups.flatMap((g) => g.values.map((v) => v.value)), 0) || 1);
  const max = axis.top;
  doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted);
  for (let v = 0; v <= max + axis.step / 2; v += axis.step) {
    const y = top + h - (h * v) / max;
    doc.moveTo(x0, y).lineTo(x0 + w, y).lineWidth(0.3).strokeColor(COLORS.rule).stroke();
    doc.text(`${+v.toPrecision(6)}`, MARGIN, y - 3, { width: 36, align: 'right' });
  }
  const gw = w / groups.length;
  const bw = Math.min(18, (gw - 10) / series.length);
  groups.forEach((g, gi) => {
    const gx = x0 + gi * gw + (gw - bw * series.length) / 2;
    series.forEach((s, si) => {
      const v = g.values.find((x) => x.series === s);
      if (!v) return;
      const bh = (v.value / max) * h;
      doc.rect(gx + si * bw, top + h - bh, bw - 2, bh).fill(PALETTE[si % PALETTE.length]);
    });
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.ink).text(pdfText(g.label), x0 + gi * gw, top + h + 3, { width: gw, align: 'center' });
  });
  let lx = x0;
  const ly = top + h + 16;
  series.forEach((s, si) => {
    doc.rect(lx, ly, 7, 7).fill(PALETTE[si % PALETTE.length]);
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.ink).text(pdfText(s), lx + 10, ly, { lineBreak: false });
    lx += 10 + doc.widthOfString(pdfText(s)) + 14;
  });
  doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted).text(pdfText(unit), MARGIN, ly + 12);
  doc.x = MARGIN;
  doc.y = ly + 26;
}

/** "Page N of M" and a running title on every page but the cover (needs bufferPages). */
export function footers(doc: Doc, title: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN + 10;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7.5).fillColor(COLORS.muted);
    doc.text(pdfText(title), MARGIN, y, { width: contentWidth(doc) / 2, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN + contentWidth(doc) / 2, y, { width: contentWidth(doc) / 2, align: 'right', lineBreak: false });
  }
}
