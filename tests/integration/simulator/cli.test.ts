// The simulator's command line as a real process: a readable table, the same
// output for the same seed, recorded days, and a clear message with exit code
// 2 (and nothing on stdout) for each kind of bad input.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { generateDay } from '../../../hall/simulator/generate.js';
import { recordDay } from '../../../hall/simulator/record.js';
import { runCli } from '../../../hall/simulator/cli.js';
import { shippedPolicies } from '../../../hall/simulator/policies.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const root = path.resolve(import.meta.dirname, '../../..');
const setup = hallSetupFrom(loadHallConfig(path.join(root, 'config/demo-hall.json')));
let dir: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'hall/simulator/cli.ts', ...args], { cwd: root }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  dir = tempDataDir();
  recordDay(generateDay(setup, 5, { scale: 0.3, serviceDay: '2026-11-20' }), setup, shippedPolicies(setup)[0]!, path.join(dir, 'hall.sqlite'));
  fs.writeFileSync(path.join(dir, 'broken.json'), '[{"id": ');
  fs.writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify([{ id: 'p1', name: 'x', classOrder: ['green', 'walk_in'], mode: 'strict', maxWaitMinutes: 30 }]));
  fs.writeFileSync(path.join(dir, 'mine.json'), JSON.stringify([{ id: 'appointments-first', name: '预约优先', classOrder: ['appointment', 'green', 'walk_in'], mode: 'strict', maxWaitMinutes: 40 }]));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('simulator CLI', () => {
  it('prints a comparison table per class, identical for the same seed', async () => {
    const [first, second] = await Promise.all([cli('--seed', '42', '--policy-a', 'default', '--policy-b', 'strict-green'), cli('--seed', '42', '--policy-a', 'default', '--policy-b', 'strict-green')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/generated day 2026-11-23 \(seed 42\)/);
    for (const row of ['green', 'appointment', 'walk-in', 'overall']) expect(first.stdout).toMatch(new RegExp(`^${row}\\s+\\d+\\s+\\d+\\.\\d`, 'm'));
    expect(second.stdout).toBe(first.stdout);
  });

  it('answers JSON, takes policies from a file, and replays a recorded day', async () => {
    const [json, mine, recorded] = await Promise.all([
      cli('--seed', '7', '--policy-a', 'strict', '--policy-b', 'priority2-walkin1-nocap', '--json'),
      cli('--seed', '7', '--policy-a', 'default', '--policy-b', 'appointments-first', '--policies', path.join(dir, 'mine.json')),
      cli('--recorded', path.join(dir, 'hall.sqlite'), '--day', '2026-11-20', '--policy-a', 'default', '--policy-b', 'strict'),
    ]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { a: { policy: { id: string } }; day: { seed: number } };
    expect(parsed.a.policy.id).toBe('strict');
    expect(parsed.day.seed).toBe(7);
    expect(mine.code).toBe(0);
    expect(mine.stdout).toMatch(/B = appointments-first \(预约优先\)/);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toMatch(/recorded day 2026-11-20/);
  });

  it('takes visitor behaviour from a file, learns it from a hall database, or leaves it out', () => {
    fs.writeFileSync(path.join(dir, 'rates.json'), JSON.stringify({ noShowRate: 0.2, walkSeconds: 90 }));
    const set = JSON.parse(runCli(['--seed', '7', '--policy-a', 'default', '--policy-b', 'strict', '--behaviour', path.join(dir, 'rates.json'), '--json']));
    expect(set.behaviour).toMatchObject({ noShowRate: 0.2, walkSeconds: 90, recallRate: 0.08, source: 'set' });
    expect(set.a.rows.overall.noShows).toBeGreaterThan(0);
    const none = JSON.parse(runCli(['--seed', '7', '--policy-a', 'default', '--policy-b', 'strict', '--no-behaviour', '--json']));
    expect(none.behaviour.source).toBe('none');
    expect(none.a.rows.overall.noShows).toBe(0);
    // The recorded day has no no-shows or transfers: the learned rates say so.
    const learned = JSON.parse(runCli(['--seed', '7', '--policy-a', 'default', '--policy-b', 'strict', '--learn-from', path.join(dir, 'hall.sqlite'), '--json']));
    expect(learned.behaviour).toMatchObject({ source: 'learned', noShowRate: 0, transferRate: 0 });
    expect(runCli(['--seed', '7', '--policy-a', 'default', '--policy-b', 'strict', '--behaviour', path.join(dir, 'rates.json')])).toMatch(/visitors \(set\): no-show 20%/);
    fs.writeFileSync(path.join(dir, 'bad-rates.json'), JSON.stringify({ noShowRate: 0.9 }));
    expect(() => runCli(['--seed', '7', '--policy-a', 'default', '--policy-b', 'strict', '--behaviour', path.join(dir, 'bad-rates.json')])).toThrow(/--behaviour .*bad-rates.json: noShowRate/);
    expect(() => runCli(['--seed', '7', '--policy-a', 'default', '--policy-b', 'strict', '--no-behaviour', '--behaviour', path.join(dir, 'rates.json')])).toThrow(/--no-behaviour cannot go with --behaviour/);
  });

  it('refuses bad input with a clear message naming what is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['--seed', '1', '--policy-a', 'default', '--policy-b', 'fastest'], /--policy-b: no calling policy "fastest"; known: /],
      [['--seed', 'abc', '--policy-a', 'default', '--policy-b', 'strict'], /--seed must be a number/],
      [['--seed', '1.5', '--policy-a', 'default', '--policy-b', 'strict'], /--seed must be a whole number/],
      [['--seed', '1', '--policy-a', 'default'], /both --policy-a and --policy-b are required/],
      [['--policy-a', 'default', '--policy-b', 'strict'], /--seed is required/],
      [['--recorded', path.join(dir, 'hall.sqlite'), '--policy-a', 'default', '--policy-b', 'strict'], /--recorded needs --day/],
      [['--recorded', path.join(dir, 'missing.sqlite'), '--day', '2026-11-20', '--policy-a', 'default', '--policy-b', 'strict'], /no such file/],
      [['--recorded', path.join(dir, 'hall.sqlite'), '--day', '2026-11-21', '--policy-a', 'default', '--policy-b', 'strict'], /no tickets on 2026-11-21; days with tickets: 2026-11-20/],
      [['--seed', '1', '--policy-a', 'default', '--policy-b', 'strict', '--policies', path.join(dir, 'broken.json')], /--policies .*broken\.json: not valid JSON/],
      [['--seed', '1', '--policy-a', 'default', '--policy-b', 'strict', '--policies', path.join(dir, 'wrong.json')], /not a list of valid calling policies: \[0\]\.classOrder/],
      [['--seed', '1', '--policy-a', 'default', '--policy-b', 'strict', '--scale', '100'], /--scale must be a number from 0.01 to 20/],
      [['--seed', '1', '--policy-a', 'default', '--policy-b', 'strict', '--config', path.join(dir, 'nope.json')], /hall configuration .*nope\.json is not valid/],
      [['--seed', '1', '--policy-a', 'default', '--policy-b', 'strict', '--frobnicate'], /Unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) expect(() => runCli(args), args.join(' ')).toThrow(message);
  });

  it('exits with code 2, a message on stderr and nothing on stdout, as a process', async () => {
    const cases: [string[], RegExp][] = [
      [['--seed', '1', '--policy-a', 'default', '--policy-b', 'fastest'], /simulator: --policy-b: no calling policy "fastest"/],
      [['--seed', 'abc', '--policy-a', 'default', '--policy-b', 'strict'], /simulator: --seed must be a number[^]*usage:/],
      [['--recorded', path.join(dir, 'missing.sqlite'), '--day', '2026-11-20', '--policy-a', 'default', '--policy-b', 'strict'], /simulator: no such file/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args)));
    results.forEach((r, i) => {
      expect({ args: cases[i]![0], code: r.code, stdout: r.stdout }).toEqual({ args: cases[i]![0], code: 2, stdout: '' });
      expect(r.stderr).toMatch(cases[i]![1]);
    });
  });
});
