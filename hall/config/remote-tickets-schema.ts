// The `remoteTickets` section of the hall configuration (线上取号, docs/remote-tickets.md): whether
// central may issue this hall's numbers to phones, the check-in window, the limits central enforces,
// and where a checked-in remote ticket goes in its queue.
// Contract: every field has a default, so a hall file without the section is valid (remote tickets
// off). Needs a `sync` section to take effect (central issues them); without one the hall says so in
// its log and does nothing else.
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time "HH:MM"');
const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"');

export const remoteTicketsSchema = z
  .object({
    /** Central issues this hall's remote tickets (the phone's 线上取号). */
    enabled: z.boolean().default(false),
    /** Where a checked-in remote ticket goes: at its check-in time (like a walk-in) or at its remote issue time, bounded. */
    placement: z.enum(['check_in_time', 'issue_time']).default('check_in_time'),
    /**
     * The largest share of a queue remote tickets may take, in percent: central issues at most this share
     * of a queue's daily numbers (its dailyCap, else typicalDailyTickets), and a remote ticket placed at
     * its issue time passes a walk-in only within this share of those ahead of it.
     */
    maxSharePercent: z.number().int().min(0).max(90).default(20),
    /** The daily number of tickets a queue without a dailyCap is taken to have for the share. */
    typicalDailyTickets: z.number().int().min(1).max(100_000).default(200),
    /** A remote ticket must be checked in at the kiosk within this many minutes of its issue… */
    checkInWithinMinutes: z.number().int().min(5).max(24 * 60).default(60),
    /** …and before this local time, if set (e.g. "16:30"). */
    checkInUntil: hhmm.nullable().default(null),
    /** Central issues remote tickets only between these local times (null: any time). */
    issueFrom: hhmm.nullable().default(null),
    issueUntil: hhmm.nullable().default(null),
    /** Remote tickets one identity (ID number) may take at this hall per service day. */
    perIdentityPerDay: z.number().int().min(1).max(20).default(1),
    /** Remote tickets this hall gives out per service day, all queues together. */
    perHallPerDay: z.number().int().min(0).max(100_000).default(300),
    /** An identity with this many remote tickets expired (never checked in) within noShowWindowDays is refused (0: never). */
    noShowLimit: z.number().int().min(0).max(100).default(3),
    noShowWindowDays: z.number().int().min(1).max(366).default(30),
    /** Matters offered remotely; absent: every matter that is not self-service. */
    matterIds: z.array(id).optional(),
  })
  .strict()
  .default({
    enabled: false,
    placement: 'check_in_time',
    maxSharePercent: 20,
    typicalDailyTickets: 200,
    checkInWithinMinutes: 60,
    checkInUntil: null,
    issueFrom: null,
    issueUntil: null,
    perIdentityPerDay: 1,
    perHallPerDay: 300,
    noShowLimit: 3,
    noShowWindowDays: 30,
  });
export type RemoteTicketsConfig = z.infer<typeof remoteTicketsSchema>;
