// A wrong configuration value is reported at start with its path and reason.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadHallConfig, parseHallConfig } from '../../../hall/config/load.js';

const demoFile = path.resolve(import.meta.dirname, '../../../config/demo-hall.json');
const demo = () => JSON.parse(fs.readFileSync(demoFile, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problems(cfg: unknown): string[] {
  try {
    parseHallConfig(JSON.stringify(cfg), 'hall.json');
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe('hall configuration', () => {
  it('accepts the demo hall: 33 matters, 8 queues, 8 counters', () => {
    const cfg = loadHallConfig(demoFile);
    expect([cfg.matters.length, cfg.queues.length, cfg.counters.length]).toEqual([33, 8, 8]);
  });

  it('names the path and reason of a wrong value', () => {
    const cfg = demo();
    cfg.matters[3].queueId = 'Z';
    cfg.queues[1].prefix = 'b1';
    cfg.timeouts.ratingSeconds = 2;
    expect(problems(cfg)).toEqual(
      expect.arrayContaining([
        'matters[3].queueId: no queue "Z"',
        'queues[1].prefix: must be one or two capital letters',
        expect.stringMatching(/^timeouts\.ratingSeconds: /),
      ]),
    );
  });

  it('finds duplicates and dangling references', () => {
    const cfg = demo();
    cfg.counters[1].number = 1;
    cfg.terminals[2].counterId = 'c99';
    cfg.staff[0].pinHash = '1234';
    expect(problems(cfg)).toEqual(
      expect.arrayContaining(['counters[1]: duplicate counter number "1"', 'terminals[2].counterId: no counter "c99"', expect.stringMatching(/^staff\[0\]\.pinHash: must be a scrypt hash/)]),
    );
  });

  it('refuses a queue no counter serves', () => {
    const cfg = demo();
    cfg.counters = cfg.counters.filter((c: { kind: string }) => c.kind !== 'general' && c.kind !== 'unresolved');
    expect(problems(cfg)).toContain('queues[7]: queue "H" is served by no counter');
  });

  it('reports a corrupt file plainly', () => {
    expect(() => parseHallConfig('{"schemaVersion": 1,', 'broken.json')).toThrow(/broken\.json: \(top level\): not valid JSON/);
    expect(() => loadHallConfig('/nonexistent/hall.json')).toThrow(/cannot read the file \(ENOENT\)/);
  });
});
