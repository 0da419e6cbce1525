// The card-reading conversation, shared by the polling reader and the benchmark:
// SAM check, find, select, read (+ appended address). Each step is one exchange
// with its own timeout. Nothing here schedules or retries: reader.ts does.
import { SamCommands, SamStatusError, formatSamId } from './commands.js';
import { parseAppendedAddress, parseReadAnswer } from './card.js';
import type { SamChannel } from './channel.js';
import type { IdCardRecordImpl } from './record.js';
import { deriveStepTimeouts, type StepTimeouts } from './step-timeouts.js';

export type { StepTimeouts } from './step-timeouts.js';

/**
 * The deadlines at the module's factory speed, 115200 baud (the floors, except a
 * fingerprint read). Readers derive theirs from their baud rate: step-timeouts.ts.
 */
export const DEFAULT_TIMEOUTS: StepTimeouts = deriveStepTimeouts(115200);

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
