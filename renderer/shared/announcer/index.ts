// Public surface of the hall display's voice announcer (docs/voice.md). Display pages import
// from here; the modules behind it may change.
export { Announcer, DEFAULT_STORAGE_KEY, DONE_LIMIT, SEEN_LIMIT } from './queue';
export type { AnnouncerOptions, AnnouncerSnapshot, CallAnnouncement, CurrentAnnouncement, EnqueueResult, FinishedAnnouncement } from './queue';
export { planAnnouncement, validateCall, chineseNumeralClips, MIN_COUNTER, MAX_COUNTER, type PlanOptions } from './plan';
export { NullPlayer, RecordingPlayer, WebAudioPlayer, type Player, type WebAudioPlayerOptions, type ClipLoadResult } from './player';
export { AnnouncementError, PlaybackError, type AnnouncementErrorCode, type PlaybackErrorCode } from './errors';
export { parseVoiceManifest, voiceBaseUrl, type VoiceManifest, type VoiceClipEntry } from './manifest';
export { systemClock, type Clock, type CancelTimer } from './clock';
export type { AnnouncerStorage, QueuedAnnouncement } from './storage';
export { VOICE_LOCALES, MIN_TIMES, MAX_TIMES, isVoiceLocale, type VoiceLocale, type CallToAnnounce, type ClipId } from './types';
export { planKioskStep, stepOfScreen, KIOSK_STEPS, type KioskStep, type SpokenPart, type ClipSet } from './kiosk-steps';
export { MONGOLIAN_PREFIX, MONGOLIAN_RECORDINGS, RoutingPlayer, missingRecordings, planMongolian } from './recorded';
