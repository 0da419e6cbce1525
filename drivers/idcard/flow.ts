// The card-reading conversation, shared by the polling reader and the benchmark:
// SAM check, find, select, read (+ appended address). Each step is one exchange
// with its own timeout. Nothing here schedules or retries: reader.ts does.
import { SamCommands, SamStatusError, formatSamId } from './commands.js';
import { parseAppendedAddress, parseReadAnswer } from './card.js';
import type { SamChannel } from './channel.js';
import type { IdCardRecordImpl } from './record.js';

export interface StepTimeouts {
  samStatus: number;
  findCard: number;
  selectCard: number;
  readCard: number;
  appendedAddress: number;
}

/**
 * Defaults cover the typical module times (find ~0.8 s, select ~0.3 s, read ~1.1 s)
 * plus the wire time of a 1295-byte answer at 9600 baud (~1.35 s).
 */
export const DEFAULT_TIMEOUTS: StepTimeouts = { samStatus: 1500, findCard: 2000, selectCard: 1500, readCard: 4000, appendedAddress: 1500 };

export interface ReadOptions {
  timeouts: StepTimeouts;
  /** 30 10 instead of 30 01. The fingerprint is discarded like the photo. */
  withFingerprint: boolean;
  /** Also send 30 03 and add the appended address (追加住址). */
  readAppendedAddress: boolean;
}

/** Resolves when the SAM reports healthy; rejects with a SamStatusError (category sam) otherwise. */
export async function checkSam(channel: SamChannel, timeouts: StepTimeouts): Promise<void> {
  await channel.exchange(SamCommands.samStatus, timeouts.samStatus);
}

export async function readSamId(channel: SamChannel, timeouts: StepTimeouts): Promise<{ text: string; hex: string }> {
  const answer = await channel.exchange(SamCommands.readSamId, timeouts.samStatus);
  return formatSamId(answer.data);
}

/** true: a card is in the field; false: none (SW3 80). Other failures reject. */
export async function findCard(channel: SamChannel, timeouts: StepTimeouts): Promise<boolean> {
  try {
    await channel.exchange(SamCommands.findCard, timeouts.findCard);
    return true;
  } catch (err) {
    if (err instanceof SamStatusError && err.status.category === 'no_card') return false;
    throw err;
  }
}

/** Select and read a card that find has just reported. */
export async function selectAndRead(channel: SamChannel, options: ReadOptions): Promise<IdCardRecordImpl> {
  const { timeouts } = options;
  await channel.exchange(SamCommands.selectCard, timeouts.selectCard);
  const command = options.withFingerprint ? SamCommands.readTextPhotoFingerprint : SamCommands.readTextPhoto;
  const answer = await channel.exchange(command, timeouts.readCard);
  const record = parseReadAnswer(answer.data, { withFingerprint: options.withFingerprint });
  if (!options.readAppendedAddress) return record;
  const extra = await channel.exchange(SamCommands.readAppendedAddress, timeouts.appendedAddress);
  const appended = extra.sw3 === 0x90 ? parseAppendedAddress(extra.data) : undefined;
  extra.data.fill(0);
  return appended === undefined ? record : record.withAppendedAddress(appended);
}
