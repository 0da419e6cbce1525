// The destination profiles by id. Pure.
import { nationalProfile } from './national.js';
import { provincialProfile } from './provincial.js';
import type { ProfileId, RatingProfile } from './types.js';

export const profiles: Readonly<Record<ProfileId, RatingProfile<unknown>>> = {
  national: nationalProfile,
  provincial: provincialProfile,
};

export { nationalProfile, decodeNational, NATIONAL_CHANNEL_NAMES, type NationalRatingBody } from './national.js';
export { provincialProfile, provincialRejectReason, type ProvincialRatingBody } from './provincial.js';
export { formatCompact, formatDashed, parseCompact, parseDashed } from './time.js';
export * from './types.js';
