// Draws a line of text as a one-bit image with the same cell layout the
// printer's own font uses (ASCII one cell, everything else two), so a line that
// falls back to raster keeps the width and alignment it would have had as text.
// Contract: never throws for any text; a character the outline font lacks (or
// every character, when no font could be loaded) is drawn as a visible box '□'
// and listed in `placeholders` — nothing is silently dropped.
import type { Font, PathCommand } from 'opentype.js';
import { createBitmap, embolden, setDot, type Bitmap } from './raster.js';

export interface LineRasterOptions {
  font: Font | null;
  widthMul: number;
  heightMul: number;
  bold: boolean;
  asciiCell: { width: number; height: number };
  cjkCell: { width: number; height: number };
}

export interface LineRaster {
  bitmap: Bitmap;
  /** Characters drawn as a box because the outline font has no glyph for them. */
  placeholders: string[];
}

// The ideographic em box of CJK fonts spans −0.12 … 0.88 em around the baseline.
const BASELINE = 0.88;

export function rasterizeLine(text: string, options: LineRasterOptions): LineRaster {
  const chars = [...text];
  const cellHeight = options.cjkCell.height * options.heightMul;
  const widths = chars.map((ch) => ((ch.codePointAt(0) ?? 0) < 0x80 ? options.asciiCell.width : options.cjkCell.width) * options.widthMul);
  const bitmap = createBitmap(widths.reduce((a, b) => a + b, 0), cellHeight);
  const placeholders: string[] = [];
  let x = 0;
  chars.forEach((ch, i) => {
    const cellWidth = widths[i]!;
    if (ch.trim() !== '') {
      const glyph = options.font?.charToGlyph(ch);
      if (!options.font || !glyph || glyph.index === 0) {
        drawBox(bitmap, x, cellWidth, cellHeight);
        placeholders.push(ch);
      } else {
        const em = cellHeight;
        const scaleX = options.widthMul / options.heightMul;
        const advance = ((glyph.advanceWidth ?? options.font.unitsPerEm) / options.font.unitsPerEm) * em * scaleX;
        const offsetX = x + (cellWidth - advance) / 2;
        const path = glyph.getPath(0, em * BASELINE, em);
        fillContours(bitmap, flatten(path.commands).map((c) => c.map(([px, py]) => [offsetX + px * scaleX, py] as [number, number])));
      }
    }
    x += cellWidth;
  });
  return { bitmap: options.bold ? embolden(bitmap) : bitmap, placeholders };
}

/** The placeholder: a square outline inset in the cell, like '□'. */
function drawBox(bitmap: Bitmap, x: number, cellWidth: number, cellHeight: number): void {
  const inset = Math.max(1, Math.round(cellHeight / 8));
  const side = Math.min(cellWidth, cellHeight) - 2 * inset;
  const left = x + Math.round((cellWidth - side) / 2);
  const top = Math.round((cellHeight - side) / 2);
  const stroke = Math.max(1, Math.round(cellHeight / 24));
  for (let i = 0; i < side; i++) {
    for (let s = 0; s < stroke; s++) {
      setDot(bitmap, left + i, top + s);
      setDot(bitmap, left + i, top + side - 1 - s);
      setDot(bitmap, left + s, top + i);
      setDot(bitmap, left + side - 1 - s, top + i);
    }
  }
}

type Point = [number, number];

/** Turns path commands into closed polygons (curves subdivided into short lines). */
function flatten(commands: PathCommand[]): Point[][] {
  const contours: Point[][] = [];
  let current: Point[] = [];
  let last: Point = [0, 0];
  for (const c of commands) {
    if (c.type === 'M') {
      if (current.length > 1) contours.push(current);
      last = [c.x ?? 0, c.y ?? 0];
      current = [last];
    } else if (c.type === 'L') {
      last = [c.x ?? 0, c.y ?? 0];
      current.push(last);
    } else if (c.type === 'Q') {
      const [x0, y0] = last;
      for (let i = 1; i <= 6; i++) {
        const t = i / 6;
        const u = 1 - t;
        current.push([u * u * x0 + 2 * u * t * (c.x1 ?? 0) + t * t * (c.x ?? 0), u * u * y0 + 2 * u * t * (c.y1 ?? 0) + t * t * (c.y ?? 0)]);
      }
      last = [c.x ?? 0, c.y ?? 0];
    } else if (c.type === 'C') {
      const [x0, y0] = last;
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        const px = u * u * u * x0 + 3 * u * u * t * (c.x1 ?? 0) + 3 * u * t * t * (c.x2 ?? 0) + t * t * t * (c.x ?? 0);
        const py = u * u * u * y0 + 3 * u * u * t * (c.y1 ?? 0) + 3 * u * t * t * (c.y2 ?? 0) + t * t * t * (c.y ?? 0);
        current.push([px, py]);
      }
      last = [c.x ?? 0, c.y ?? 0];
    } else if (c.type === 'Z') {
      if (current.length > 1) contours.push(current);
      current = [];
    }
  }
  if (current.length > 1) contours.push(current);
  return contours;
}

/** Non-zero winding scanline fill, sampling each dot at its centre. */
function fillContours(bitmap: Bitmap, contours: Point[][]): void {
  const edges: [number, number, number, number][] = [];
  for (const contour of contours) {
    for (let i = 0; i < contour.length; i++) {
      const [x0, y0] = contour[i]!;
      const [x1, y1] = contour[(i + 1) % contour.length]!;
      if (y0 !== y1) edges.push([x0, y0, x1, y1]);
    }
  }
  for (let row = 0; row < bitmap.height; row++) {
    const yc = row + 0.5;
    const crossings: { x: number; dir: number }[] = [];
    for (const [x0, y0, x1, y1] of edges) {
      if (yc < Math.min(y0, y1) || yc >= Math.max(y0, y1)) continue;
      crossings.push({ x: x0 + ((yc - y0) * (x1 - x0)) / (y1 - y0), dir: y1 > y0 ? 1 : -1 });
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i]!.dir;
      if (winding === 0) continue;
      const from = Math.ceil(crossings[i]!.x - 0.5);
      const to = Math.floor(crossings[i + 1]!.x - 0.5);
      for (let x = from; x <= to; x++) setDot(bitmap, x, row);
    }
  }
}
