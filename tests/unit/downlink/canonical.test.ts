import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, ChecksumBuilder, datasetChecksum, EMPTY_CHECKSUM } from '../../../protocol/central/downlink/canonical.js';

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

describe('the worked example of docs/sync-protocol.md ("Canonical content for checksums")', () => {
  // Kept in step with the document: if the code's bytes change, this and the doc must change together.
  const items = [
    { key: 'M002', value: { name: '不动产登记', fee: 80, open: true, tags: ['住房', 'B'], limits: { statutory: 30, promised: 5 } } },
    { key: 'M001', value: JSON.parse('{ "z": null, "a": 1.5, "10": "x", "9": "y", "B": "ü\\"\\n", "e": 1e21 }') as unknown },
  ];
  const lines = 'M001\t{"9":"y","10":"x","B":"ü\\"\\n","a":1.5,"e":1e+21,"z":null}\nM002\t{"fee":80,"limits":{"promised":5,"statutory":30},"name":"不动产登记","open":true,"tags":["住房","B"]}\n';

  it('gives the documented bytes and checksum', () => {
    expect(items.map((i) => `${i.key}\t${canonicalJson(i.value)}\n`).sort().join('')).toBe(lines);
    expect(Buffer.byteLength(lines, 'utf8')).toBe(178);
    expect(datasetChecksum(items)).toBe('cff59bbc2be385a055823969d01a18e5b7b46d4b6b946b2db8c65bd51c859768');
  });

  it('writes non-ASCII raw, escapes control characters in lowercase hex, puts array-index names first', () => {
    expect(canonicalJson({ s: 'é\u2028/\u0001\t' })).toBe('{"s":"é\u2028/\\u0001\\t"}');
    expect(canonicalJson({ b: 1, '10': 1, '2': 1, '01': 1, A: 1 })).toBe('{"2":1,"10":1,"01":1,"A":1,"b":1}');
    expect(canonicalJson({ n: [-0, 0.1, 1e-7, 100] })).toBe('{"n":[0,0.1,1e-7,100]}');
  });
});
