// How the announcer makes sound. The announcer only knows this interface; the display page
// passes WebAudioPlayer, tests pass RecordingPlayer or their own fake.
import type { ClipId } from './types';

export { PlaybackError, type PlaybackErrorCode } from './errors';
export { WebAudioPlayer, type WebAudioPlayerOptions, type ClipLoadResult } from './web-audio-player';

export interface Player {
  /**
   * Plays the clips back to back, once, and resolves when the last one has finished.
   * Contract (the queue relies on it to never stall):
   * - settles in bounded time: a player that cannot finish rejects with a PlaybackError
   *   instead of staying pending (WebAudioPlayer: load timeout, then clips' length + margin);
   * - nothing it started is still sounding after it settles;
   * - callers do not overlap calls; an implementation may reject an overlapping call ('player-busy').
   */
  playClips(clips: readonly ClipId[]): Promise<void>;
}

/** Silent player that succeeds at once: a display with voice switched off. */
export class NullPlayer implements Player {
  playClips(): Promise<void> {
    return Promise.resolve();
  }
}

/** Silent player that remembers every announcement it was asked to play, in order (tests, demos). */
export class RecordingPlayer implements Player {
  readonly played: ClipId[][] = [];

  playClips(clips: readonly ClipId[]): Promise<void> {
    this.played.push([...clips]);
    return Promise.resolve();
  }
}
