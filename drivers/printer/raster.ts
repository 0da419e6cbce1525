// One-bit images for the printer: logos, text the font lacks, decoded rasters.
// A Bitmap holds one byte per dot (1 = black) for easy drawing; packRows turns
// it into ESC/POS raster rows (MSB = leftmost dot).
import { PNG } from 'pngjs';
import { DeviceError } from '../contract.js';

export interface Bitmap {
  width: number;
  height: number;
  /** Row-major, one byte per dot, 1 = black. Length width × height. */
  dots: Uint8Array;
}

export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new DeviceError('invalid_image', `bitmap size ${width}×${height} is not a whole number of dots`);
  }
  return { width, height, dots: new Uint8Array(width * height) };
}

export function setDot(bitmap: Bitmap, x: number, y: number): void {
  if (x >= 0 && y >= 0 && x < bitmap.width && y < bitmap.height) bitmap.dots[y * bitmap.width + x] = 1;
}

export function getDot(bitmap: Bitmap, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < bitmap.width && y < bitmap.height && bitmap.dots[y * bitmap.width + x] === 1;
}

/** Packs rows y0…y1-1 into ESC/POS raster bytes: ceil(width/8) bytes per row. */
export function packRows(bitmap: Bitmap, y0 = 0, y1 = bitmap.height): Uint8Array {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  const out = new Uint8Array(bytesPerRow * (y1 - y0));
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.dots[y * bitmap.width + x]) out[(y - y0) * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/** Inverse of packRows. `data` may be short (truncated input): missing rows stay white. */
export function unpackRows(data: Uint8Array, bytesPerRow: number, height: number): Bitmap {
  const bitmap = createBitmap(bytesPerRow * 8, height);
  const rows = Math.min(height, Math.floor(data.length / Math.max(1, bytesPerRow)));
  for (let y = 0; y < rows; y++) {
    for (let xb = 0; xb < bytesPerRow; xb++) {
      const byte = data[y * bytesPerRow + xb] ?? 0;
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) bitmap.dots[y * bitmap.width + xb * 8 + bit] = 1;
    }
  }
  return bitmap;
}

/** Copies `src` into `dst` at (x, y), OR-ing dots, clipping at the edges. */
export function blit(dst: Bitmap, src: Bitmap, x: number, y: number): void {
  for (let sy = 0; sy < src.height; sy++) {
    for (let sx = 0; sx < src.width; sx++) if (src.dots[sy * src.width + sx]) setDot(dst, x + sx, y + sy);
  }
}

/** Emboldens by OR-ing the image shifted one dot right, like a printer's double strike. */
export function embolden(bitmap: Bitmap): Bitmap {
  const out = createBitmap(bitmap.width, bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.dots[y * bitmap.width + x] || (x > 0 && bitmap.dots[y * bitmap.width + x - 1])) out.dots[y * bitmap.width + x] = 1;
    }
  }
  return out;
}

/** Nearest-neighbour scale so the image fits maxWidth dots (never enlarges). */
export function fitWidth(bitmap: Bitmap, maxWidth: number): Bitmap {
  if (bitmap.width <= maxWidth) return bitmap;
  const scale = maxWidth / bitmap.width;
  const out = createBitmap(maxWidth, Math.max(1, Math.round(bitmap.height * scale)));
  for (let y = 0; y < out.height; y++) {
    const sy = Math.min(bitmap.height - 1, Math.floor(y / scale));
    for (let x = 0; x < out.width; x++) {
      const sx = Math.min(bitmap.width - 1, Math.floor(x / scale));
      out.dots[y * out.width + x] = bitmap.dots[sy * bitmap.width + sx] ?? 0;
    }
  }
  return out;
}

/**
 * Decodes a PNG into a bitmap: a dot is black when its luminance (composited on
 * white paper) is below `threshold`. Throws DeviceError('invalid_image').
 */
export function bitmapFromPng(png: Uint8Array, threshold = 128): Bitmap {
  let decoded: PNG;
  try {
    decoded = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (err) {
    throw new DeviceError('invalid_image', `logo is not a readable PNG: ${(err as Error).message}`, err);
  }
  if (decoded.width > 4096 || decoded.height > 4096) {
    throw new DeviceError('invalid_image', `logo is ${decoded.width}×${decoded.height}; at most 4096×4096 dots`);
  }
  const bitmap = createBitmap(decoded.width, decoded.height);
  for (let i = 0; i < decoded.width * decoded.height; i++) {
    const [r, g, b, a] = [decoded.data[i * 4]!, decoded.data[i * 4 + 1]!, decoded.data[i * 4 + 2]!, decoded.data[i * 4 + 3]!];
    const lum = (0.299 * r + 0.587 * g + 0.114 * b) * (a / 255) + 255 * (1 - a / 255);
    if (lum < threshold) bitmap.dots[i] = 1;
  }
  return bitmap;
}
