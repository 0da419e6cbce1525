// Loads a CJK outline font for rasterising characters the printer's own font
// lacks. Debian ships Noto CJK only as .ttc collections, which opentype.js
// cannot parse ("Unsupported OpenType signature ttcf"), so the face we want is
// cut out of the collection into a standalone OpenType file in memory.
// Contract: loadCjkFont never throws; a font that cannot be loaded yields
// {ok:false, reason} and callers print a visible placeholder instead.
// Cost: parsing the 19 MB collection takes ~0.6 s; the result is cached per path.
import fs from 'node:fs';
import opentype, { type Font } from 'opentype.js';

export const DEFAULT_CJK_FONT_PATHS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];

export type FontLoad = { ok: true; font: Font; path: string } | { ok: false; reason: string };

// Tables needed to draw outlines; GSUB/GPOS are skipped (slow to parse, unused here).
const KEPT_TABLES = new Set(['CFF ', 'glyf', 'loca', 'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post']);
const cache = new Map<string, FontLoad>();

/** Loads the first font found; `preferredFamily` picks a face inside a collection ("Noto Sans CJK SC"). */
export function loadCjkFont(paths: readonly string[] = DEFAULT_CJK_FONT_PATHS, preferredFamily = 'CJK SC'): FontLoad {
  const reasons: string[] = [];
  for (const path of paths) {
    const key = `${path}#${preferredFamily}`;
    let result = cache.get(key);
    if (!result) {
      result = loadOne(path, preferredFamily);
      cache.set(key, result);
    }
    if (result.ok) return result;
    reasons.push(result.reason);
  }
  return { ok: false, reason: reasons.join('; ') || 'no font paths given' };
}

function loadOne(path: string, preferredFamily: string): FontLoad {
  let file: Buffer;
  try {
    file = fs.readFileSync(path);
  } catch (err) {
    return { ok: false, reason: `${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  try {
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    if (file.subarray(0, 4).toString('latin1') !== 'ttcf') {
      return { ok: true, font: opentype.parse(toArrayBuffer(file)), path };
    }
    const count = view.getUint32(8);
    if (count === 0) return { ok: false, reason: `${path}: empty collection` };
    const offsets = Array.from({ length: count }, (_, i) => view.getUint32(12 + 4 * i));
    // Pick the face by scanning its raw name table, so only one face is parsed.
    const chosen = offsets.find((offset) => faceNameContains(file, view, offset, preferredFamily)) ?? offsets[0]!;
    return { ok: true, font: opentype.parse(extractFace(file, view, chosen)), path };
  } catch (err) {
    return { ok: false, reason: `${path}: ${(err as Error).message}` };
  }
}

/** Builds a standalone sfnt from one face of a TrueType collection (tables are shared, offsets absolute). */
function extractFace(file: Buffer, view: DataView, faceOffset: number): ArrayBuffer {
  const numTables = view.getUint16(faceOffset + 4);
  const tables: { tag: string; checksum: number; offset: number; length: number }[] = [];
  for (let t = 0; t < numTables; t++) {
    const rec = faceOffset + 12 + 16 * t;
    const tag = file.subarray(rec, rec + 4).toString('latin1');
    if (!KEPT_TABLES.has(tag)) continue;
    tables.push({ tag, checksum: view.getUint32(rec + 4), offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
  }
  const headerLength = 12 + 16 * tables.length;
  const total = tables.reduce((sum, t) => sum + ((t.length + 3) & ~3), headerLength);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  outView.setUint32(0, view.getUint32(faceOffset));
  outView.setUint16(4, tables.length);
  let position = headerLength;
  tables.forEach((t, k) => {
    const rec = 12 + 16 * k;
    out.set(Buffer.from(t.tag, 'latin1'), rec);
    outView.setUint32(rec + 4, t.checksum);
    outView.setUint32(rec + 8, position);
    outView.setUint32(rec + 12, t.length);
    out.set(file.subarray(t.offset, t.offset + t.length), position);
    position += (t.length + 3) & ~3;
  });
  return out.buffer;
}

/** Whether the face's name table holds `needle` in UTF-16BE (Windows names) or Latin-1 (Mac names). */
function faceNameContains(file: Buffer, view: DataView, faceOffset: number, needle: string): boolean {
  const numTables = view.getUint16(faceOffset + 4);
  for (let t = 0; t < numTables; t++) {
    const rec = faceOffset + 12 + 16 * t;
    if (file.subarray(rec, rec + 4).toString('latin1') !== 'name') continue;
    const table = file.subarray(view.getUint32(rec + 8), view.getUint32(rec + 8) + view.getUint32(rec + 12));
    return table.includes(Buffer.from(needle, 'utf16le').swap16()) || table.includes(Buffer.from(needle, 'latin1'));
  }
  return false;
}

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}
