import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, ChecksumBuilder, datasetChecksum, EMPTY_CHECKSUM } from '../../../hall/sync/downlink/canonical.js';

describe('canonical content and checksum', () => {
  it('sorts object keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: '办事' } })).toBe('{"a":{"c":"办事","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same checksum whatever the order items and keys arrive in', () => {
    const one = datasetChecksum([
      { key: 'M2', value: { name: '乙', code: 'M2' } },
      { key: 'M1', value: { code: 'M1', name: '甲' } },
    ]);
    const two = datasetChecksum([
      { key: 'M1', value: { name: '甲', code: 'M1' } },
      { key: 'M2', value: { code: 'M2', name: '乙' } },
    ]);
    expect(one).toBe(two);
    const expected = createHash('sha256').update('M1\t{"code":"M1","name":"甲"}\nM2\t{"code":"M2","name":"乙"}\n', 'utf8').digest('hex');
    expect(one).toBe(expected);
  });

  it('changes when one value changes', () => {
    const a = datasetChecksum([{ key: 'k', value: { n: 1 } }]);
    const b = datasetChecksum([{ key: 'k', value: { n: 2 } }]);
    expect(a).not.toBe(b);
  });

  it('of nothing is sha256 of the empty string', () => {
    expect(datasetChecksum([])).toBe(EMPTY_CHECKSUM);
    expect(EMPTY_CHECKSUM).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('refuses items fed out of key order', () => {
    const b = new ChecksumBuilder();
    b.add('b', '1');
    expect(() => b.add('a', '1')).toThrow(/out of order/);
    expect(() => b.add('b', '1')).toThrow(/out of order/);
  });
});
