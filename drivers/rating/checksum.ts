// Checksums seen on vendor serial devices. Each returns the bytes appended to
// the frame, in wire order.

export type ChecksumAlgorithm = 'none' | 'xor8' | 'sum8' | 'crc16_modbus';

export const CHECKSUM_SIZE: Readonly<Record<ChecksumAlgorithm, number>> = {
  none: 0,
  xor8: 1,
  sum8: 1,
  crc16_modbus: 2,
};

export function computeChecksum(algorithm: ChecksumAlgorithm, bytes: Uint8Array): Uint8Array {
  switch (algorithm) {
    case 'none':
      return new Uint8Array(0);
    case 'xor8': {
      let x = 0;
      for (const b of bytes) x ^= b;
      return Uint8Array.of(x);
    }
    case 'sum8': {
      let s = 0;
      for (const b of bytes) s = (s + b) & 0xff;
      return Uint8Array.of(s);
    }
    case 'crc16_modbus': {
      // Modbus RTU: init FFFF, reflected poly A001, low byte first on the wire.
      let crc = 0xffff;
      for (const b of bytes) {
        crc ^= b;
        for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
      }
      return Uint8Array.of(crc & 0xff, crc >>> 8);
    }
  }
}
