// Builds a card's 256-byte text block and read answer, for the emulator, the
// benchmark and tests. Fields are given as stored on the card (codes, YYYYMMDD,
// 长期), so fixtures read like the card itself.
// The photo is a dummy of the right size: nothing here produces a real WLT image.
import type { IdCardType } from './contract.js';
import { idCardError, IdCardErrorCode } from './errors.js';
import { CARD_TYPE_MARKS, CARD_TYPE_OFFSET, LAYOUTS, TEXT_BLOCK_SIZE, type TextField } from './layouts.js';

export const PHOTO_SIZE = 1024;

/** A card as an emulator holds it: raw field strings as stored in the text block. */
export interface EmulatedCard {
  cardType: IdCardType;
  fields: Partial<Record<TextField, string>>;
  /** 追加住址, answered to 30 03; absent means the card has none (SW3 91). */
  appendedAddress?: string;
}

export function encodeUcs2(value: string, size: number, what: string): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 2) out[i] = 0x20; // space padding, 20 00
  if (value.length * 2 > size) throw idCardError(IdCardErrorCode.invalidField, `${what} has ${value.length} UTF-16 units, room for ${size / 2}`);
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    out[i * 2] = unit & 0xff;
    out[i * 2 + 1] = unit >> 8;
  }
  return out;
}

export function encodeTextBlock(card: EmulatedCard): Uint8Array {
  const block = encodeUcs2('', TEXT_BLOCK_SIZE, 'text block');
  const layout = LAYOUTS[card.cardType];
  for (const [field, value] of Object.entries(card.fields) as [TextField, string][]) {
    const spec = layout[field];
    if (!spec) throw idCardError(IdCardErrorCode.invalidField, `${card.cardType} cards have no field ${field}`);
    block.set(encodeUcs2(value, spec.size, field), spec.offset);
  }
  block.set(encodeUcs2(CARD_TYPE_MARKS[card.cardType], 2, 'card type'), CARD_TYPE_OFFSET);
  return block;
}

/** Data of a successful 30 01 (or, with fingerprintSize, 30 10) answer. */
export function encodeReadAnswer(card: EmulatedCard, options: { fingerprintSize?: number; withFingerprint?: boolean } = {}): Uint8Array {
  const withFingerprint = options.withFingerprint ?? false;
  const fingerprintSize = withFingerprint ? (options.fingerprintSize ?? 0) : 0;
  const header = withFingerprint ? 6 : 4;
  const out = new Uint8Array(header + TEXT_BLOCK_SIZE + PHOTO_SIZE + fingerprintSize);
  const view = new DataView(out.buffer);
  view.setUint16(0, TEXT_BLOCK_SIZE);
  view.setUint16(2, PHOTO_SIZE);
  if (withFingerprint) view.setUint16(4, fingerprintSize);
  out.set(encodeTextBlock(card), header);
  // Dummy photo: "WL" then a recognisable pattern, so tests can prove it never leaks.
  const photo = out.subarray(header + TEXT_BLOCK_SIZE, header + TEXT_BLOCK_SIZE + PHOTO_SIZE);
  for (let i = 0; i < photo.length; i++) photo[i] = (i * 37 + 11) & 0xff;
  photo[0] = 0x57;
  photo[1] = 0x4c;
  out.fill(0x46, header + TEXT_BLOCK_SIZE + PHOTO_SIZE);
  return out;
}
