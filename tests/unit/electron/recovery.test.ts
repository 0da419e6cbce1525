// The crash-recovery policy (electron/recovery.ts) and its persisted state
// (electron/recovery-state.ts), with simulated time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CRASH_EXIT_CODE,
  decideMainCrash,
  defaultRecoveryLimits,
  GIVE_UP_EXIT_CODE,
  HOUR_MS,
  RecoveryPolicy,
  type RecoveryLimits,
} from '../../../electron/recovery.js';
import { parseRecoveryState, withMainCrash, writeRecoveryState } from '../../../electron/recovery-state.js';
import { errorPageHtml, errorPageUrl } from '../../../electron/error-page.js';

const limits: RecoveryLimits = { ...defaultRecoveryLimits, maxReloadsPerHour: 4, firstDelayMs: 1000, maxDelayMs: 5000, gpuCrashesForSoftwareRendering: 3 };

function policy(softwareRendering = false) {
  const clock = { now: 1_000_000 };
  return { clock, policy: new RecoveryPolicy(limits, () => clock.now, softwareRendering) };
}

describe('RecoveryPolicy', () => {
  it('reloads a crashed page with a backoff that doubles up to the maximum', () => {
    const { clock, policy: p } = policy();
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const action = p.onFailure({ kind: 'page-gone', reason: 'crashed' });
      if (action.kind !== 'reload') throw new Error(`expected a reload, got ${action.kind}`);
      expect(action.killRenderer).toBe(false);
      delays.push(action.delayMs);
      clock.now += 10_000;
    }
    expect(delays).toEqual([1000, 2000, 4000, 5000]);
  });

  // Mutation checked: without the cap (always 'reload') this test fails at the fifth failure.
  it('gives up after the hourly cap and says when to try again; the hour slides', () => {
    const { clock, policy: p } = policy();
    const first = clock.now;
    for (let i = 0; i < 4; i += 1) {
      expect(p.onFailure({ kind: 'page-gone', reason: 'oom' }).kind).toBe('reload');
      clock.now += 60_000;
    }
    const action = p.onFailure({ kind: 'page-gone', reason: 'oom' });
    expect(action).toMatchObject({ kind: 'give-up' });
    if (action.kind !== 'give-up') throw new Error('unreachable');
    expect(action.retryAfterMs).toBe(first + HOUR_MS - clock.now);
    expect(action.why).toContain('4 reloads within an hour');
    // Still capped one millisecond before the first reload leaves the hour, free again at that moment.
    clock.now = first + HOUR_MS - 1;
    expect(p.onFailure({ kind: 'page-hung' }).kind).toBe('give-up');
    clock.now = first + HOUR_MS;
    expect(p.onFailure({ kind: 'page-hung' })).toMatchObject({ kind: 'reload', killRenderer: true });
  });

  it('ignores a page that exited cleanly and child processes it cannot help', () => {
    const { policy: p } = policy();
    expect(p.onFailure({ kind: 'page-gone', reason: 'clean-exit' }).kind).toBe('ignore');
    expect(p.onFailure({ kind: 'child-gone', type: 'Zygote', reason: 'crashed' }).kind).toBe('ignore');
    expect(p.onFailure({ kind: 'child-gone', type: 'Utility', reason: 'clean-exit' }).kind).toBe('ignore');
    expect(p.reloadsInLastHour()).toBe(0);
  });

  it('reloads after a crashed utility process (network, audio service)', () => {
    const { policy: p } = policy();
    expect(p.onFailure({ kind: 'child-gone', type: 'Utility', reason: 'crashed', name: 'Network Service' })).toMatchObject({
      kind: 'reload',
      why: 'Utility (Network Service) process gone (crashed)',
    });
  });

  // Mutation checked: with the GPU branch removed, the third crash reloads and this fails.
  it('asks for software rendering after repeated GPU crashes within an hour, not for scattered ones', () => {
    const { clock, policy: p } = policy();
    expect(p.onFailure({ kind: 'child-gone', type: 'GPU', reason: 'crashed' }).kind).toBe('reload');
    clock.now += HOUR_MS; // the first one leaves the hour
    expect(p.onFailure({ kind: 'child-gone', type: 'GPU', reason: 'crashed' }).kind).toBe('reload');
    clock.now += 1000;
    expect(p.onFailure({ kind: 'child-gone', type: 'GPU', reason: 'launch-failed' }).kind).toBe('reload');
    clock.now += 1000;
    expect(p.onFailure({ kind: 'child-gone', type: 'GPU', reason: 'crashed' })).toMatchObject({ kind: 'relaunch-software-rendering' });
  });

  it('only reloads for GPU crashes once it already renders in software', () => {
    const { policy: p } = policy(true);
    for (let i = 0; i < 4; i += 1) expect(p.onFailure({ kind: 'child-gone', type: 'GPU', reason: 'crashed' }).kind).toBe('reload');
  });
});

describe('decideMainCrash', () => {
  const now = 10 * HOUR_MS;
  const crashes = (n: number) => Array.from({ length: n }, (_, i) => now - i * 60_000);
  it('relaunches by itself when unsupervised, exits for a supervisor otherwise', () => {
    expect(decideMainCrash(crashes(1), now, limits, false)).toEqual({ kind: 'relaunch', exitCode: CRASH_EXIT_CODE });
    expect(decideMainCrash(crashes(1), now, limits, true)).toEqual({ kind: 'exit-for-supervisor', exitCode: CRASH_EXIT_CODE });
  });
  // Mutation checked: with `>=` the fifth crash already gives up; with no cap the sixth relaunches.
  it('gives up with the do-not-restart exit code past the hourly cap', () => {
    expect(decideMainCrash(crashes(limits.maxRelaunchesPerHour), now, limits, false).kind).toBe('relaunch');
    expect(decideMainCrash(crashes(limits.maxRelaunchesPerHour + 1), now, limits, true)).toEqual({
      kind: 'give-up',
      exitCode: GIVE_UP_EXIT_CODE,
      crashesInLastHour: limits.maxRelaunchesPerHour + 1,
    });
    // Old crashes do not count.
    const old = [...crashes(1), ...Array.from({ length: 10 }, (_, i) => now - HOUR_MS - i)];
    expect(decideMainCrash(old, now, limits, false).kind).toBe('relaunch');
  });
});

describe('recovery state file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a missing, empty, damaged or odd file as the defaults', () => {
    for (const text of [null, '', '{"softwareRendering": tr', '[]', 'null', '{"softwareRendering": "yes", "mainCrashes": "x"}']) {
      expect(parseRecoveryState(text)).toEqual({ softwareRendering: false, mainCrashes: [] });
    }
    expect(parseRecoveryState('{"softwareRendering": true, "mainCrashes": [1, "2", null, 3]}')).toEqual({ softwareRendering: true, mainCrashes: [1, 3] });
  });

  it('keeps only the last hour of main-process crashes', () => {
    const state = withMainCrash({ softwareRendering: true, mainCrashes: [1, HOUR_MS + 5] }, 2 * HOUR_MS);
    expect(state).toEqual({ softwareRendering: true, mainCrashes: [HOUR_MS + 5, 2 * HOUR_MS] });
  });

  it('writes atomically to a private file, creating the folder, and reads back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-recovery-'));
    dirs.push(dir);
    const file = path.join(dir, 'ServiceHall', 'recovery-state.json');
    writeRecoveryState(file, { softwareRendering: true, mainCrashes: [5] });
    writeRecoveryState(file, { softwareRendering: true, mainCrashes: [5, 6] });
    expect(parseRecoveryState(fs.readFileSync(file, 'utf8'))).toEqual({ softwareRendering: true, mainCrashes: [5, 6] });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['recovery-state.json']);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('docs/electron.md states the limits the code uses', () => {
  // Mutation checked: changing maxReloadsPerHour to 12 (or the doc to 12) fails here.
  it('reload cap, backoff, grace period, GPU threshold, main-process cap and give-up code', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/electron.md'), 'utf8');
    const l = defaultRecoveryLimits;
    expect(doc).toContain(`At most\n**${l.maxReloadsPerHour} reloads in any rolling hour**`);
    expect(doc).toContain(`Reloads back off from ${l.firstDelayMs / 1000} s, doubling with each reload in the last hour, up to ${l.maxDelayMs / 1000} s.`);
    expect(doc).toContain(`| the page hangs | webContents \`unresponsive\` | wait ${l.unresponsiveGraceMs / 1000} s;`);
    expect(doc).toContain(`| ${l.gpuCrashesForSoftwareRendering} GPU crashes within an hour |`);
    expect(doc).toContain(`At most **${l.maxRelaunchesPerHour} main-process crashes in an hour**`);
    expect(doc).toContain(`exits with status **${GIVE_UP_EXIT_CODE}**`);
  });
});

describe('the error page', () => {
  // Mutation checked: with escapeHtml returning its input, the markup test fails.
  it('shows the reason as text, never as markup, and runs no script', () => {
    const html = errorPageHtml('GPU process gone (<script>alert(1)</script> & "x")', 90_000);
    expect(html).toContain('GPU process gone (&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;)');
    expect(html).not.toContain('<script');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Next automatic retry in 2 min');
    const url = errorPageUrl('x', 1);
    expect(decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length))).toBe(errorPageHtml('x', 1));
  });
});
