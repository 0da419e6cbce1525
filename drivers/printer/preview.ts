// Renders a decoded document as SVG, laid out as the printer lays it out:
// paper width in dots (1 px = 1 dot), character cells (ASCII half width),
// GS ! multipliers, ESC a alignment, line pitch, QR modules and raster dots.
// Used by the admin page (ticket preview) and by tests (screenshots).
// Contract: renderPreviewSvg never throws for a document from decodeEscPos; text
// is XML-escaped, so printed data cannot inject markup.
import QRCode, { type BitMatrix } from 'qrcode';
import type { DecodedDocument, DecodedElement } from './decoder.js';
import type { Align } from './encoder.js';
import type { Bitmap } from './raster.js';

export interface PreviewOptions {
  paperWidthDots: number;
  asciiCell?: { width: number; height: number };
  cjkCell?: { width: number; height: number };
  /** Extra dots between lines at default spacing (ESC 2). */
  lineSpacingDots?: number;
  /** Space around the paper, in dots. */
  margin?: number;
}

const FONT = "'Noto Sans CJK SC','Noto Sans CJK','Noto Sans SC',sans-serif";

export function renderPreviewSvg(doc: DecodedDocument | readonly DecodedElement[], options: PreviewOptions): string {
  const elements = Array.isArray(doc) ? (doc as readonly DecodedElement[]) : (doc as DecodedDocument).elements;
  const paper = options.paperWidthDots;
  const ascii = options.asciiCell ?? { width: 12, height: 24 };
  const cjk = options.cjkCell ?? { width: 24, height: 24 };
  const defaultPitch = cjk.height + (options.lineSpacingDots ?? 6);
  const margin = options.margin ?? 16;
  const parts: string[] = [];
  let y = 8;

  const xFor = (align: Align, width: number) => (align === 'center' ? Math.floor((paper - width) / 2) : align === 'right' ? paper - width : 0);

  for (const el of elements) {
    if (el.kind === 'text') {
      const cells = el.runs.map((run) => [...run.text].map((ch) => ((ch.codePointAt(0) ?? 0) < 0x80 ? ascii.width : cjk.width) * run.width));
      const lineWidth = cells.flat().reduce((a, b) => a + b, 0);
      const tallest = Math.max(1, ...el.runs.map((r) => r.height)) * cjk.height;
      const pitch = Math.max(tallest, el.lineSpacingDots ?? defaultPitch);
      let x = xFor(el.align, lineWidth);
      el.runs.forEach((run, i) => {
        const widths = cells[i]!;
        const sx = run.width / run.height;
        const centres: number[] = [];
        let offset = 0;
        for (const w of widths) {
          centres.push((offset + w / 2) / sx);
          offset += w;
        }
        const baseline = y + tallest - run.height * cjk.height * 0.12;
        if (run.text.trim()) {
          parts.push(
            `<text transform="translate(${x} ${baseline.toFixed(1)}) scale(${sx.toFixed(3)} 1)" x="${centres.map((c) => c.toFixed(1)).join(' ')}" ` +
              `font-size="${run.height * cjk.height}" font-family="${FONT}"${run.bold ? ' font-weight="bold"' : ''} text-anchor="middle">${escapeXml(run.text)}</text>`,
          );
        }
        x += offset;
      });
      y += pitch;
    } else if (el.kind === 'qr') {
      const qr = safeQr(el.data, el.errorLevel);
      if (qr) {
        const size = qr.size * el.moduleSize;
        parts.push(dotsPath(qr, xFor(el.align, size), y, el.moduleSize, el.moduleSize));
        y += size;
      } else {
        parts.push(`<text x="${paper / 2}" y="${y + 20}" font-size="16" text-anchor="middle" font-family="${FONT}">[QR too long]</text>`);
        y += 24;
      }
    } else if (el.kind === 'image') {
      const width = el.bitmap.width * el.scaleX;
      parts.push(dotsPath(el.bitmap, xFor(el.align, width), y, el.scaleX, el.scaleY));
      y += el.bitmap.height * el.scaleY;
    } else if (el.kind === 'feed') {
      y += el.lines * defaultPitch + el.dots;
    } else {
      parts.push(`<line x1="0" y1="${y + 8}" x2="${paper}" y2="${y + 8}" stroke="#888" stroke-dasharray="6 4"/>`);
      parts.push(`<text x="4" y="${y + 4}" font-size="12" fill="#888" font-family="${FONT}">✂ ${el.mode} cut</text>`);
      y += 24;
    }
  }
  const height = y + 8;
  const totalW = paper + 2 * margin;
  const totalH = height + 2 * margin;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}">` +
    `<rect width="100%" height="100%" fill="#d9d9d9"/>` +
    `<g transform="translate(${margin} ${margin})"><rect width="${paper}" height="${height}" fill="#fff"/>` +
    `<g fill="#000">${parts.join('')}</g></g></svg>`
  );
}

interface DotSource {
  size?: number;
  width?: number;
  height?: number;
}

/** One path of horizontal runs of black dots (QR modules or raster dots). */
function dotsPath(src: Bitmap | BitMatrix, x0: number, y0: number, sx: number, sy: number): string {
  const isBitmap = 'dots' in src;
  const w = isBitmap ? src.width : (src as DotSource).size!;
  const h = isBitmap ? src.height : (src as DotSource).size!;
  const on = (x: number, y: number) => (isBitmap ? src.dots[y * w + x] === 1 : (src as BitMatrix).get(y, x) === 1);
  let d = '';
  for (let y = 0; y < h; y++) {
    let x = 0;
    while (x < w) {
      if (!on(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < w && on(x, y)) x++;
      d += `M${x0 + start * sx} ${y0 + y * sy}h${(x - start) * sx}v${sy}h${-(x - start) * sx}z`;
    }
  }
  return d ? `<path d="${d}"/>` : '';
}

function safeQr(data: Uint8Array, level: 'L' | 'M' | 'Q' | 'H'): BitMatrix | null {
  try {
    return QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: level }).modules;
  } catch {
    return null;
  }
}

function escapeXml(text: string): string {
  // Characters XML cannot hold at all (garbage decodes to them) become U+FFFD.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return clean.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
