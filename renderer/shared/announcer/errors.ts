// Typed errors with stable codes (style habit 8). The page maps codes to localized text;
// logs and the announcer's done list keep the code. No UI text here.

/** Stable codes: the page maps them to localized text; logs keep the code. */
export type AnnouncementErrorCode =
  | 'invalid-ticket-number'
  | 'invalid-counter-number'
  | 'invalid-times'
  | 'invalid-call-id'
  | 'unsupported-locale';

/** Input that cannot be announced. Thrown instead of playing a partial or silent announcement. */
export class AnnouncementError extends Error {
  constructor(
    readonly code: AnnouncementErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnnouncementError';
  }
}

/** Stable codes, shown as the reason of a failed announcement. */
export type PlaybackErrorCode =
  | 'audio-unavailable' // no Web Audio, context cannot start (autoplay policy, no output device)
  | 'unknown-clip' // clip id missing from the locale's manifest
  | 'clip-load-failed' // manifest or clip fetch/decode failed
  | 'load-timeout' // manifest or clip did not arrive in time
  | 'playback-timeout' // sound started but did not end within its length + margin
  | 'player-busy'; // overlapping playClips call

export class PlaybackError extends Error {
  constructor(
    readonly code: PlaybackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlaybackError';
  }
}
