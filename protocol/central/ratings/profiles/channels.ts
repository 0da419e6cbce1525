// Channel code lookup shared by the profiles: the profile's table, then the
// hall's overrides (standards.md: channel codes differ by province, so the
// mapping is a setting). Pure.
import { ProfileError, type RatingChannel } from './types.js';

export function lookupChannelCode(
  profileId: string,
  table: Readonly<Record<RatingChannel, string | null>>,
  channel: RatingChannel,
  overrides?: Partial<Record<RatingChannel, string>>,
): string {
  const code = overrides?.[channel] ?? table[channel];
  if (code == null) throw new ProfileError(`channel "${channel}" has no code in the ${profileId} profile; add it to ratingUpload.channelCodes`);
  return code;
}

/** Reverse lookup (code → channel) used when receiving; overrides win over the table. */
export function channelFromCode(
  table: Readonly<Record<RatingChannel, string | null>>,
  code: string,
  overrides?: Partial<Record<RatingChannel, string>>,
): RatingChannel | null {
  for (const [ch, c] of Object.entries(overrides ?? {})) if (c === code) return ch as RatingChannel;
  for (const [ch, c] of Object.entries(table)) if (c === code) return ch as RatingChannel;
  return null;
}
