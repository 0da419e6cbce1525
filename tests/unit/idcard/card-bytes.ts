// Builds text blocks byte by byte at explicit offsets, independent of
// drivers/idcard/layouts.ts, so layout mistakes cannot hide behind a symmetric
// encoder and parser.
export function blankBlock(): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = 0x20;
  return block;
}

export function put(block: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    block[offset + i * 2] = unit & 0xff;
    block[offset + i * 2 + 1] = unit >> 8;
  }
}

/** Read answer data: text length, photo length (and fingerprint length), text, photo (and fingerprint). */
export function readData(text: Uint8Array, photoLen = 1024, fingerprintLen?: number): Uint8Array {
  const header = fingerprintLen === undefined ? 4 : 6;
  const out = new Uint8Array(header + text.length + photoLen + (fingerprintLen ?? 0));
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photoLen >> 8;
  out[3] = photoLen & 0xff;
  if (fingerprintLen !== undefined) {
    out[4] = fingerprintLen >> 8;
    out[5] = fingerprintLen & 0xff;
  }
  out.set(text, header);
  out.fill(0xee, header + text.length); // photo and fingerprint stand-ins
  return out;
}
