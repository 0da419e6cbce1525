// The reader module as a state machine over bytes: requests in, answer frames out.
// No I/O and no time: emulator.ts puts it on a serial port with delays and faults;
// unit tests put it behind an in-memory transport.
// It answers like the modules described in devices.md: find → select → read, with
// 80 / 81 / 41 when a step comes out of order or no card is present.
import type { SamCommandName } from './commands.js';
import { SamCommands } from './commands.js';
import { IdCardErrorCode } from './errors.js';
import { decodeRequestBody, encodeResponse } from './frame.js';
import { FrameParser, REQUEST_LIMITS } from './frame-parser.js';
import { encodeReadAnswer, encodeUcs2, type EmulatedCard } from './text-block.js';

export type SamFailureMode = 'self_test' | 'not_authorised';

export interface DeviceAnswer {
  /** What the request was, for the emulator's delays and the tests' assertions. */
  request: SamCommandName | 'bad_frame' | 'unknown';
  frame: Uint8Array;
}

const SW = { ok: 0x90, found: 0x9f, noContent: 0x91, badChecksum: 0x10, badLength: 0x11, badCommand: 0x21 } as const;
const FAILURE_SW3: Record<SamFailureMode, number> = { self_test: 0x60, not_authorised: 0x66 };

/** A made-up SAM id: 05.01-20260101-000012345-000067890. */
const DEFAULT_SAM_ID = (() => {
  const id = new Uint8Array(16);
  const v = new DataView(id.buffer);
  id[0] = 5;
  id[2] = 1;
  v.setUint32(4, 20260101, true);
  v.setUint32(8, 12345, true);
  v.setUint32(12, 67890, true);
  return id;
})();

export class SamDeviceModel {
  private readonly parser = new FrameParser(REQUEST_LIMITS);
  private card: EmulatedCard | null = null;
  private found = false;
  private selected = false;
  private samFailure: SamFailureMode | null = null;
  private readonly forced = new Map<SamCommandName, number>();
  /** Fingerprint size answered to 30 10: 0, 512 or 1024. */
  fingerprintSize: 0 | 512 | 1024 = 0;
  samId: Uint8Array = DEFAULT_SAM_ID;

  get cardPresent(): boolean {
    return this.card !== null;
  }

  insertCard(card: EmulatedCard): void {
    this.card = card;
    this.found = false;
    this.selected = false;
  }

  removeCard(): void {
    this.card = null;
    this.found = false;
    this.selected = false;
  }

  setSamFailure(mode: SamFailureMode | null): void {
    this.samFailure = mode;
  }

  /** The next `command` is answered with this SW3 and no data (e.g. 0x41 card read failed). */
  failNext(command: SamCommandName, sw3: number): void {
    this.forced.set(command, sw3);
  }

  receive(chunk: Uint8Array): DeviceAnswer[] {
    const answers: DeviceAnswer[] = [];
    for (const event of this.parser.push(chunk)) {
      if (event.kind === 'frame') {
        answers.push(this.answer(event.body));
      } else if (event.error.code === IdCardErrorCode.badChecksum) {
        answers.push({ request: 'bad_frame', frame: encodeResponse({ sw3: SW.badChecksum }) });
      } else if (event.error.code !== IdCardErrorCode.garbage) {
        answers.push({ request: 'bad_frame', frame: encodeResponse({ sw3: SW.badLength }) });
      }
    }
    return answers;
  }

  private answer(body: Uint8Array): DeviceAnswer {
    const { cmd, para } = decodeRequestBody(body);
    const command = Object.values(SamCommands).find((c) => c.cmd === cmd && c.para === para);
    if (!command) return { request: 'unknown', frame: encodeResponse({ sw3: SW.badCommand }) };
    const reply = (sw3: number, data?: Uint8Array): DeviceAnswer => ({ request: command.name, frame: encodeResponse({ sw3 }, data) });

    const forced = this.forced.get(command.name);
    if (forced !== undefined) {
      this.forced.delete(command.name);
      return reply(forced);
    }
    if (this.samFailure && command.name !== 'reset_sam') return reply(FAILURE_SW3[this.samFailure]);

    switch (command.name) {
      case 'reset_sam':
        this.found = this.selected = false;
        return reply(this.samFailure ? FAILURE_SW3[this.samFailure] : SW.ok);
      case 'sam_status':
        return reply(SW.ok);
      case 'read_sam_id':
        return reply(SW.ok, this.samId);
      case 'find_card':
        this.found = this.card !== null;
        this.selected = false;
        return this.found ? reply(SW.found, new Uint8Array(4)) : reply(0x80);
      case 'select_card':
        this.selected = this.found && this.card !== null;
        return this.selected ? reply(SW.ok, new Uint8Array(8)) : reply(0x81);
      case 'read_text_photo':
      case 'read_text_photo_fingerprint': {
        if (!this.card || !this.selected) return reply(0x41);
        const withFingerprint = command.name === 'read_text_photo_fingerprint';
        return reply(SW.ok, encodeReadAnswer(this.card, { withFingerprint, fingerprintSize: this.fingerprintSize }));
      }
      case 'read_appended_address':
        if (!this.card || !this.selected) return reply(0x41);
        return this.card.appendedAddress ? reply(SW.ok, encodeUcs2(this.card.appendedAddress, 70, 'appended address')) : reply(SW.noContent);
    }
  }
}
