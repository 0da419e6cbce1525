// The kiosk's spoken steps: which clips play for each step, that every one of them is a
// checked-in clip, and that the kiosk never speaks two steps at once.
// Mutations checked: dropping 'ticket-suffix' from the ticket step, mapping 'checked-in' to
// null, or letting KioskVoice start a second step while one plays each fail a test here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIOSK_STEPS, planKioskStep, stepOfScreen, RecordingPlayer, parseVoiceManifest, type Player } from '../../../renderer/shared/announcer';
import { KioskVoice } from '../../../renderer/kiosk/kioskVoice';

const voiceRoot = path.resolve(import.meta.dirname, '../../../renderer/public/voice');
const manifestOf = (folder: string) => parseVoiceManifest(JSON.parse(fs.readFileSync(path.join(voiceRoot, folder, 'manifest.json'), 'utf8')));
const sets = { kiosk: manifestOf('zh-CN-kiosk'), call: manifestOf('zh-CN') };

describe('the kiosk steps', () => {
  it('say "您的号码是 A 零 一 二 号，请取走您的号票" on the ticket screen', () => {
    expect(planKioskStep('ticket', 'A012')).toEqual([
      { set: 'kiosk', clips: ['step-ticket-intro'] },
      { set: 'call', clips: ['letter-a', 'digit-0', 'digit-1', 'digit-2', 'ticket-suffix'] },
      { set: 'kiosk', clips: ['step-ticket-take'] },
    ]);
    expect(() => planKioskStep('ticket', 'a12')).toThrow(/ticket number/);
  });

  it('name only clips that are checked in, and every kiosk clip is spoken by some step', () => {
    const used = new Set<string>();
    for (const step of KIOSK_STEPS) {
      for (const part of planKioskStep(step, 'GB7')) {
        for (const clip of part.clips) {
          expect(sets[part.set], `${step}: ${part.set}/${clip}`).toHaveProperty(clip);
          if (part.set === 'kiosk') used.add(clip);
        }
      }
    }
    expect(Object.keys(sets.kiosk).filter((id) => !used.has(id))).toEqual([]);
    const files = fs.readdirSync(path.join(voiceRoot, 'zh-CN-kiosk')).filter((n) => n !== 'manifest.json').sort();
    expect(Object.values(sets.kiosk).map((e) => e.file).sort()).toEqual(files);
    const bytes = files.reduce((sum, n) => sum + fs.statSync(path.join(voiceRoot, 'zh-CN-kiosk', n)).size, 0);
    expect(bytes).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('map every screen a visitor meets to a step', () => {
    const screens = ['start', 'departments', 'matters', 'ticket', 'checked-in', 'error', 'refused', 'guide-departments', 'guide-matters', 'guide', 'green-staff', 'green-category', 'manual-id', 'check-in'];
    expect(screens.map(stepOfScreen)).toEqual(['start', 'departments', 'matters', 'ticket', 'ticket', 'error', 'error', 'guide', 'guide', 'guide', 'green-staff', 'green-category', 'manual-id', 'check-in']);
    expect(stepOfScreen('unknown')).toBeNull();
  });
});

/** A player the test finishes by hand, to see what overlaps. */
class HandPlayer implements Player {
  readonly started: string[][] = [];
  private finish: (() => void) | null = null;
  playing = 0;
  maxPlaying = 0;
  playClips(clips: readonly string[]): Promise<void> {
    this.started.push([...clips]);
    this.playing++;
    this.maxPlaying = Math.max(this.maxPlaying, this.playing);
    return new Promise((resolve) => {
      this.finish = () => {
        this.playing--;
        resolve();
      };
    });
  }
  end(): void {
    this.finish?.();
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('KioskVoice', () => {
  it('plays a step’s parts in order through the announcer’s players', async () => {
    const kiosk = new RecordingPlayer();
    const call = new RecordingPlayer();
    const voice = new KioskVoice({ kiosk, call });
    expect(await voice.speak('ticket', 'C001')).toBe('played');
    expect(kiosk.played).toEqual([['step-ticket-intro'], ['step-ticket-take']]);
    expect(call.played).toEqual([['letter-c', 'digit-0', 'digit-0', 'digit-1', 'ticket-suffix']]);
  });

  it('never speaks two steps at once and skips the steps a visitor has already left', async () => {
    const kiosk = new HandPlayer();
    const voice = new KioskVoice({ kiosk, call: new RecordingPlayer() });
    const first = voice.speak('start');
    await tick();
    const skipped = voice.speak('departments');
    const last = voice.speak('matters');
    expect(await skipped).toBe('replaced');
    kiosk.end();
    expect(await first).toBe('played');
    await tick();
    kiosk.end();
    expect(await last).toBe('played');
    expect(kiosk.started).toEqual([['step-start'], ['step-matters']]);
    expect(kiosk.maxPlaying).toBe(1);
  });

  it('reports a player failure and goes on with the next step', async () => {
    let fail = true;
    const flaky: Player = { playClips: () => (fail ? Promise.reject(new Error('audio-unavailable')) : Promise.resolve()) };
    const voice = new KioskVoice({ kiosk: flaky, call: flaky });
    const results: boolean[] = [];
    voice.onResult((failed) => results.push(failed));
    expect(await voice.speak('start')).toBe('failed');
    fail = false;
    expect(await voice.speak('start')).toBe('played');
    expect(results).toEqual([true, false]);
  });
});
