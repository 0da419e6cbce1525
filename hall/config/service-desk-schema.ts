// The `serviceDesk` section of the hall configuration (docs/service-desk.md): the hall's
// published contact (001 第二十九条 亮明身份), the leaders on duty on site who answer
// 办不成事 cases (004 第三十三条), what the kiosk offers when a queue's numbers for today
// are gone (000 第十七条 不得拒绝服务; 003 §二.4), and the reason categories of an
// announced pause (000 第十七条).
// Contract: every field has a default, so a hall file without the section is valid; the
// references (staff ids, the offer matter) are checked by serviceDeskReferenceProblems.
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const CAP_OFFERS = ['unresolved_counter', 'next_day_booking', 'guide_help'] as const;
export type CapOfferKind = (typeof CAP_OFFERS)[number];

export const DEFAULT_PAUSE_REASONS = [
  { id: 'training', label: '业务培训' },
  { id: 'meeting', label: '临时会议' },
  { id: 'system', label: '系统故障' },
  { id: 'rest', label: '工作人员轮休' },
  { id: 'other', label: '其他原因' },
];

export const serviceDeskSchema = z
  .object({
    /** The hall's published contact (联系方式) shown on every counter display; null: none published. */
    contact: z.object({ label: z.string().min(1).max(20), value: z.string().min(1).max(40) }).nullable().default(null),
    /** Leaders on duty on site (现场值班领导): the first whose `days` contain the day answers 办不成事 cases. */
    leadersOnDuty: z.array(z.object({ staffId: id, days: z.array(weekday).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) })).default([]),
    /** What a kiosk offers when a queue's numbers for today are gone, in this order; never empty. */
    capOffers: z
      .object({
        offers: z.array(z.enum(CAP_OFFERS)).min(1, 'offer at least one thing: a visitor is never turned away with a bare "no"').default([...CAP_OFFERS]),
        /** The matter whose ticket sends the visitor to the 办不成事/综合 counter; absent: the first matter of a queue an unresolved counter serves. */
        unresolvedMatterId: id.optional(),
        /** Length of the slot booked on the next working day. */
        bookingSlotMinutes: z.number().int().min(10).max(240).default(30),
      })
      .default({ offers: [...CAP_OFFERS], bookingSlotMinutes: 30 }),
    /** Reason categories a pause notice names (shown to visitors). */
    pauseReasons: z
      .array(z.object({ id, label: z.string().min(1).max(20) }))
      .min(1)
      .default(DEFAULT_PAUSE_REASONS),
  })
  .default({ contact: null, leadersOnDuty: [], capOffers: { offers: [...CAP_OFFERS], bookingSlotMinutes: 30 }, pauseReasons: DEFAULT_PAUSE_REASONS });

export type ServiceDeskConfig = z.infer<typeof serviceDeskSchema>;

interface Refs {
  staff: readonly { id: string }[];
  matters: readonly { id: string; queueId: string }[];
  queues: readonly { id: string; dailyCap: number | null }[];
  counters: readonly { kind: string; queueIds?: string[] | undefined }[];
}

/** The matter the 'unresolved_counter' offer issues a ticket for, or null when the hall has none. */
export function unresolvedOfferMatter(desk: ServiceDeskConfig, refs: Omit<Refs, 'staff'>): string | null {
  if (desk.capOffers.unresolvedMatterId) return desk.capOffers.unresolvedMatterId;
  const queues = new Set(refs.counters.filter((c) => c.kind === 'unresolved').flatMap((c) => c.queueIds ?? []));
  return refs.matters.find((m) => queues.has(m.queueId))?.id ?? null;
}

/** Unknown staff or matters, and an offer that could itself run out (its queue has a daily cap). */
export function serviceDeskReferenceProblems(desk: ServiceDeskConfig, refs: Refs): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const staff = new Set(refs.staff.map((s) => s.id));
  desk.leadersOnDuty.forEach((l, i) => {
    if (!staff.has(l.staffId)) problems.push({ path: ['leadersOnDuty', i, 'staffId'], message: `no staff "${l.staffId}"` });
  });
  const matterId = desk.capOffers.unresolvedMatterId;
  if (matterId !== undefined) {
    const matter = refs.matters.find((m) => m.id === matterId);
    if (!matter) problems.push({ path: ['capOffers', 'unresolvedMatterId'], message: `no matter "${matterId}"` });
    else if (refs.queues.find((q) => q.id === matter.queueId)?.dailyCap != null) {
      problems.push({ path: ['capOffers', 'unresolvedMatterId'], message: `its queue "${matter.queueId}" has a daily cap: the offer made when numbers run out must not run out itself` });
    }
  }
  return problems;
}
