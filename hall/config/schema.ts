// The hall configuration file: matters, queues, counters, staff, terminals,
// green-channel rules and timeouts, in one validated document.
// Contract: a config that parses here is internally consistent (every id it
// references exists); loadHallConfig reports the first problems with their
// JSON path and a reason in plain words.
import { z } from 'zod';
import { counterKinds, staffRoles } from '../../protocol/central/kinds.js';
import { calendarReferenceProblems, hallCalendarSchema } from './calendar-schema.js';
import { syncConfigSchema } from './sync-schema.js';
import { downlinkConfigSchema } from './downlink-schema.js';
import { ratingUploadSchema } from './rating-upload-schema.js';
import { phoneConfigSchema } from './phone-schema.js';
import { securityConfigSchema } from './security-schema.js';
import { lanSchema } from './lan-schema.js';
import { serviceDeskReferenceProblems, serviceDeskSchema } from './service-desk-schema.js';
import { serviceRecordsSchema } from './service-records-schema.js';
import { badRatingCasesSchema } from './bad-rating-cases-schema.js';
import { remoteTicketsSchema } from './remote-tickets-schema.js';
import { deviceSchema } from '../../protocol/devices.js';
import { deviceAgentSettingsSchema } from './device-agent-schema.js';
import { invertedRatioProblem } from '../domain/policy.js';
import { languagesSchema, localizedNamesSchema } from './languages-schema.js';
import { kioskLayoutProblems, kioskLayoutSchema } from './kiosk-layout-schema.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"');

export const departmentSchema = z.object({
  id,
  name: z.string().min(1),
  names: localizedNamesSchema,
  /** Short icon key the kiosk maps to a pictogram (house, briefcase, shield, …). */
  icon: z.string().default('building'),
});

export const queueSchema = z.object({
  id,
  /** Ticket prefix, one or two capital letters: A → A001. */
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'must be one or two capital letters'),
  name: z.string().min(1),
  names: localizedNamesSchema,
  /** Typical minutes per service, used for the wait estimate until real service times exist. */
  avgServiceMinutes: z.number().positive().max(240).default(10),
  /** Manager's target for the average wait (standards.md: local targets around 15 min). */
  waitTargetMinutes: z.number().positive().max(600).default(15),
  /** At most this many walk-in tickets per service day (appointment check-ins excepted); null: no cap. */
  dailyCap: z.number().int().positive().max(9999).nullable().default(null),
  /** Local time "HH:MM" from which no more walk-in tickets are issued; null: until closing. */
  cutOff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM"').nullable().default(null),
});

export const matterSchema = z.object({
  id,
  /** 事项编码 (opaque string). */
  code: z.string().min(1).max(40),
  name: z.string().min(1),
  names: localizedNamesSchema,
  departmentId: id,
  queueId: id,
  /** Whether 24-hour self-service kiosks can complete it without staff. */
  selfService: z.boolean().default(false),
  /** Other names visitors use for it (社保, 医保, 公积金提取…): the kiosk's search matches them (docs/search.md). */
  aliases: z.array(z.string().trim().min(1).max(30)).max(40).optional(),
});


export const counterSchema = z.object({
  id,
  /** The number shown and announced: "3号窗口". */
  number: z.number().int().positive().max(999),
  name: z.string().min(1),
  kind: z.enum(counterKinds),
  /** Queues this counter serves, in order of preference. A general counter serves all queues when omitted. */
  queueIds: z.array(id).optional(),
  area: z.string().default(''),
  /** The calling policy this counter follows (an id from callingPolicies, or "default"). */
  policyId: id.default('default'),
});

/** A calling policy (docs/calling-policy.md; hall/domain/policy.ts explains each field). */
export const callingPolicySchema = z.object({
  id,
  name: z.string().min(1),
  classOrder: z.array(z.enum(['green', 'appointment', 'walk_in'])).length(3).refine((c) => new Set(c).size === 3, 'must list green, appointment and walk_in once each'),
  mode: z.enum(['strict', 'ratio']),
  /** priority:walkIn — `priority` calls of the priority classes, then `walkIn` walk-in calls, per cycle. */
  ratio: z.object({ priority: z.number().int().min(1).max(20), walkIn: z.number().int().min(1).max(20) }).default({ priority: 1, walkIn: 1 }),
  /** A ratio giving the priority classes fewer calls than walk-ins is refused unless this is true (docs/calling-policy.md). */
  allowFewerPriorityCalls: z.boolean().default(false),
  maxWaitMinutes: z.number().int().min(5).max(480).nullable(),
  queueOrder: z.enum(['oldest_first', 'listed', 'weighted']).default('oldest_first'),
  queueWeights: z.record(z.string(), z.number().positive().max(100)).default({}),
});

/** Recalls, no-shows, rejoining, suspending and appointment windows (docs/queue-rules.md). */
export const visitRulesSchema = z
  .object({
    maxRecalls: z.number().int().min(0).max(10).default(3),
    recallCooldownSeconds: z.number().int().min(0).max(600).default(30),
    recallsBeforeNoShow: z.number().int().min(0).max(10).default(1),
    /** Off by default: it needs staff to press 开始 when the visitor arrives, or a visitor being served could be marked 过号. */
    autoNoShowMinutes: z.number().int().min(1).max(120).nullable().default(null),
    rejoinPlacesAhead: z.number().int().min(0).max(50).default(3),
    maxRejoins: z.number().int().min(0).max(5).default(1),
    rejoinWithinMinutes: z.number().int().min(1).max(600).default(60),
    suspendDefaultMinutes: z.number().int().min(1).max(480).default(60),
    suspendMaxMinutes: z.number().int().min(1).max(720).default(240),
    appointmentEarlyMinutes: z.number().int().min(0).max(240).default(30),
    appointmentLateMinutes: z.number().int().min(0).max(120).default(15),
    /** An on-time appointment is called within this many minutes after its slot starts (docs/calling-policy.md). */
    appointmentCallWindowMinutes: z.number().int().min(0).max(120).default(10),
    /** A late check-in: a walk-in ticket ("walk_in") or the appointment class without the slot promise. */
    lateAppointment: z.enum(['walk_in', 'appointment_without_slot']).default('walk_in'),
  })
  .superRefine((r, ctx) => {
    if (r.recallsBeforeNoShow > r.maxRecalls) ctx.addIssue({ code: 'custom', path: ['recallsBeforeNoShow'], message: 'cannot exceed maxRecalls' });
    if (r.suspendDefaultMinutes > r.suspendMaxMinutes) ctx.addIssue({ code: 'custom', path: ['suspendDefaultMinutes'], message: 'cannot exceed suspendMaxMinutes' });
  });


export const staffSchema = z.object({
  id,
  staffNo: z.string().regex(/^[0-9A-Za-z]{2,16}$/, 'must be 2–16 letters or digits'),
  name: z.string().min(1),
  post: z.string().min(1),
  roles: z.array(z.enum(staffRoles)).min(1),
  /** scrypt$<salt hex>$<hash hex>; create with `npm run hall -- hash-pin`. Never a plain PIN. */
  pinHash: z.string().regex(/^scrypt\$(1[0-9]\$)?[0-9a-f]{32}\$[0-9a-f]{64}$/, 'must be a scrypt hash made by `npm run hall -- hash-pin`'),
  /** This staff member's published contact (联系方式) on the counter display; absent: the hall's (serviceDesk.contact). */
  contact: z.string().min(1).max(40).optional(),
});

export const terminalRoles = ['kiosk', 'counter', 'hall_display', 'counter_display', 'admin', 'wall'] as const;

export const terminalSchema = z.object({
  id,
  role: z.enum(terminalRoles),
  /** The counter this terminal belongs to (counter and counter_display roles). */
  counterId: id.optional(),
  name: z.string().default(''),
  /** Kiosks in the 24-hour zone keep running outside opening hours. */
  zone: z.enum(['hall', '24h']).default('hall'),
});

// Devices are declared in protocol/devices.ts (shared with the device agent's terminal.json).
export { deviceKinds, deviceSchema, deviceTransportSchema } from '../../protocol/devices.js';

export const greenCategorySchema = z.object({ id, label: z.string().min(1), names: localizedNamesSchema });

export const hallConfigSchema = z
  .object({
    schemaVersion: z.literal(1),
    hall: z.object({
      id,
      name: z.string().min(1),
      /** 行政区划代码. */
      areaCode: z.string().regex(/^[0-9]{6,9}$/, 'must be a 6–9 digit area code'),
      /** Offset of the hall's local time from UTC; China is +480 all year (no DST). */
      utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
      /** Hour (local) at which a new service day starts numbering afresh. */
      dayStartsAtHour: z.number().int().min(0).max(12).default(3),
      /**
       * The address visitors' phones reach the hall's pages at (e.g. "http://192.168.1.10:8080" or a public
       * name): printed in every ticket's QR code. Absent: the hall's own listening address, with the
       * machine's first LAN address when it listens on all interfaces.
       */
      publicUrl: z
        .string()
        .url()
        .refine((u) => /^https?:\/\//.test(u) && !/[?#]/.test(u), 'must be an http:// or https:// address without a query or fragment')
        .optional(),
    }),
    departments: z.array(departmentSchema).min(1),
    queues: z.array(queueSchema).min(1),
    matters: z.array(matterSchema).min(1),
    counters: z.array(counterSchema).min(1),
    staff: z.array(staffSchema).min(1),
    terminals: z.array(terminalSchema).min(1),
    /** Defaults per terminal; each terminal's own terminal.json may override them (docs/device-agent.md). */
    devices: z.array(deviceSchema).default([]),
    /** Custom printer model profiles a device's `model` may name (docs/devices/printer.md). */
    printerProfiles: z.array(z.record(z.string(), z.unknown())).default([]),
    /** How the hall treats its terminals' device agents (docs/device-agent.md). */
    deviceAgents: deviceAgentSettingsSchema,
    callingPolicies: z.array(callingPolicySchema).default([]),
    visitRules: visitRulesSchema.default(visitRulesSchema.parse({})),
    /** Opening hours, holidays, extended hours (docs/calendar.md). Absent: the hall is always open (the demo). */
    calendar: hallCalendarSchema.nullable().default(null),
    /** The central platform (docs/sync.md). Absent: an offline-only hall. */
    sync: syncConfigSchema,
    /** Reference datasets from the central platform (docs/downlink.md). */
    downlink: downlinkConfigSchema,
    /** The hall's own 办事指南, served where central has published none (docs/guides.md). */
    guides: z.object({ file: z.string().min(1) }).strict().optional(),
    /** Where 好差评 ratings are uploaded (docs/rating-upload.md). Absent: kept in the hall only. */
    ratingUpload: ratingUploadSchema.optional(),
    /** The visitor's phone through central: board push, inbox relay (docs/phone.md). */
    phone: phoneConfigSchema,
    /** PIN policy, PIN hash cost, wrong-PIN limits, enrolment codes (docs/security.md). */
    security: securityConfigSchema,
    /** How terminals reach the hall on the LAN: TLS (docs/security-tls.md). Absent: plain http, the demo. */
    lan: lanSchema,
    /** 容缺受理 over days, 限时办结 warnings, complaint replies (docs/service-records.md). */
    serviceRecords: serviceRecordsSchema,
    /** 差评 follow-up: 回访 and 整改 deadlines of the jurisdiction, reason tags (docs/bad-rating-cases.md). */
    badRatingCases: badRatingCasesSchema,
    /** Published contact, leaders on duty, daily-cap offers, pause reasons (docs/service-desk.md). */
    serviceDesk: serviceDeskSchema,
    /** 线上取号: remote tickets issued by central, checked in at the kiosk (docs/remote-tickets.md). */
    remoteTickets: remoteTicketsSchema,
    greenChannel: z.object({
      categories: z.array(greenCategorySchema).min(1),
      guard: z.object({
        maxConsecutiveGreen: z.number().int().min(1).max(20).default(3),
        maxWaitMinutes: z.number().int().min(5).max(480).default(45),
      }),
    }),
    timeouts: z
      .object({
        kioskIdleSeconds: z.number().int().min(10).max(600).default(60),
        ticketScreenSeconds: z.number().int().min(5).max(120).default(15),
        ratingSeconds: z.number().int().min(10).max(600).default(60),
        staffSessionHours: z.number().int().min(1).max(24).default(12),
      })
      .default({ kioskIdleSeconds: 60, ticketScreenSeconds: 15, ratingSeconds: 60, staffSessionHours: 12 }),
    realName: z
      .object({
        /** Age read from the ID card at or above which a real-name ticket joins the green channel (老年人). */
        elderlyAge: z.number().int().min(50).max(90).default(60),
        /** The green-channel category an elderly card holder gets. */
        elderlyCategoryId: id.default('elderly'),
        /** Tickets one identity may take for one matter in one service day (against ticket touts). */
        maxTicketsPerMatterPerDay: z.number().int().min(1).max(20).default(2),
        /** Days an encrypted ID number is kept after its ticket's day, then deleted. */
        retentionDays: z.number().int().min(1).max(180).default(7),
      })
      .default({ elderlyAge: 60, elderlyCategoryId: 'elderly', maxTicketsPerMatterPerDay: 2, retentionDays: 7 }),
    ticket: z
      .object({
        /** Short notice lines printed at the foot of every ticket (e.g. the 过号 rule). */
        notice: z.array(z.string().max(40)).max(4).default(['过号请到服务台咨询，重新排队', '请留意大厅屏幕及语音叫号']),
      })
      .default({ notice: ['过号请到服务台咨询，重新排队', '请留意大厅屏幕及语音叫号'] }),
    /** Languages of the public pages (docs/i18n.md). */
    languages: languagesSchema,
    /** Kiosk screen layouts: the reachable zone (低位操作) hall-wide or per kiosk (docs/screens.md). */
    kioskLayout: kioskLayoutSchema,
    display: z
      .object({
        /** How many times each call is announced (screens.md: once, twice if the hall sets it). */
        announceTimes: z.number().int().min(1).max(3).default(1),
        notices: z.array(z.string()).default([]),
        recentCalls: z.number().int().min(3).max(20).default(8),
      })
      .default({ announceTimes: 1, notices: [], recentCalls: 8 }),
  })
  .superRefine((cfg, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = <T>(items: T[], key: (t: T) => string | number, path: string, what: string) => {
      const seen = new Set<string | number>();
      items.forEach((item, i) => {
        const k = key(item);
        if (seen.has(k)) issue([path, i], `duplicate ${what} "${k}"`);
        seen.add(k);
      });
    };
    unique(cfg.departments, (d) => d.id, 'departments', 'department id');
    unique(cfg.queues, (q) => q.id, 'queues', 'queue id');
    unique(cfg.queues, (q) => q.prefix, 'queues', 'queue prefix');
    unique(cfg.matters, (m) => m.id, 'matters', 'matter id');
    unique(cfg.counters, (c) => c.id, 'counters', 'counter id');
    unique(cfg.counters, (c) => c.number, 'counters', 'counter number');
    unique(cfg.staff, (s) => s.id, 'staff', 'staff id');
    unique(cfg.staff, (s) => s.staffNo, 'staff', 'staff number');
    unique(cfg.terminals, (t) => t.id, 'terminals', 'terminal id');
    unique(cfg.devices, (d) => d.id, 'devices', 'device id');
    const terminalsById = new Map(cfg.terminals.map((t) => [t.id, t]));
    cfg.devices.forEach((d, i) => {
      const t = terminalsById.get(d.terminalId);
      if (!t) return issue(['devices', i, 'terminalId'], `no terminal "${d.terminalId}"`);
      const fits = d.kind === 'printer' || d.kind === 'id_reader' ? t.role === 'kiosk' : t.role === 'counter';
      if (!fits) issue(['devices', i, 'kind'], `a ${d.kind} cannot be plugged into a ${t.role} terminal`);
      if (d.kind === 'keypad' && !d.keypadAddresses?.length) issue(['devices', i, 'keypadAddresses'], 'a caller keypad needs its address → counter map');
    });
    unique(cfg.greenChannel.categories, (c) => c.id, 'greenChannel.categories', 'category id');
    kioskLayoutProblems(cfg.kioskLayout, cfg.terminals).forEach((p) => issue(p.path, p.message));

    const departments = new Set(cfg.departments.map((d) => d.id));
    const queues = new Set(cfg.queues.map((q) => q.id));
    const counters = new Set(cfg.counters.map((c) => c.id));
    cfg.matters.forEach((m, i) => {
      if (!departments.has(m.departmentId)) issue(['matters', i, 'departmentId'], `no department "${m.departmentId}"`);
      if (!queues.has(m.queueId)) issue(['matters', i, 'queueId'], `no queue "${m.queueId}"`);
    });
    cfg.counters.forEach((c, i) => {
      (c.queueIds ?? []).forEach((q, j) => {
        if (!queues.has(q)) issue(['counters', i, 'queueIds', j], `no queue "${q}"`);
      });
      if (c.kind !== 'general' && !c.queueIds?.length) issue(['counters', i, 'queueIds'], `a ${c.kind} counter must list the queues it serves`);
    });
    if (cfg.calendar) for (const p of calendarReferenceProblems(cfg.calendar, cfg.matters)) issue(['calendar', ...p.path], p.message);
    for (const p of serviceDeskReferenceProblems(cfg.serviceDesk, cfg)) issue(['serviceDesk', ...p.path], p.message);
    (cfg.remoteTickets.matterIds ?? []).forEach((m, i) => cfg.matters.some((x) => x.id === m) || issue(['remoteTickets', 'matterIds', i], `no matter "${m}"`));
    unique(cfg.callingPolicies, (p) => p.id, 'callingPolicies', 'policy id');
    cfg.callingPolicies.forEach((p, i) => {
      const inverted = invertedRatioProblem(p);
      if (inverted) issue(['callingPolicies', i, 'ratio'], inverted);
    });
    const policies = new Set(['default', ...cfg.callingPolicies.map((p) => p.id)]);
    cfg.counters.forEach((c, i) => {
      if (!policies.has(c.policyId)) issue(['counters', i, 'policyId'], `no calling policy "${c.policyId}"`);
    });
    cfg.terminals.forEach((t, i) => {
      const needsCounter = t.role === 'counter' || t.role === 'counter_display';
      if (needsCounter && !t.counterId) issue(['terminals', i, 'counterId'], `a ${t.role} terminal must name its counter`);
      if (t.counterId && !counters.has(t.counterId)) issue(['terminals', i, 'counterId'], `no counter "${t.counterId}"`);
    });
    if (!cfg.greenChannel.categories.some((c) => c.id === cfg.realName.elderlyCategoryId)) {
      issue(['realName', 'elderlyCategoryId'], `no green-channel category "${cfg.realName.elderlyCategoryId}"`);
    }
    // Every queue must be reachable by some counter, or its visitors would wait forever.
    const served = new Set<string>();
    for (const c of cfg.counters) (c.kind === 'general' && !c.queueIds ? [...queues] : (c.queueIds ?? [])).forEach((q) => served.add(q));
    cfg.queues.forEach((q, i) => {
      if (!served.has(q.id)) issue(['queues', i], `queue "${q.id}" is served by no counter`);
    });
  });

export { counterKinds, staffRoles };
export type HallConfig = z.infer<typeof hallConfigSchema>;
export type QueueConfig = z.infer<typeof queueSchema>;
export type MatterConfig = z.infer<typeof matterSchema>;
export type CounterConfig = z.infer<typeof counterSchema>;
export type StaffConfig = z.infer<typeof staffSchema>;
export type TerminalConfig = z.infer<typeof terminalSchema>;
export type TerminalRole = (typeof terminalRoles)[number];
export type DeviceConfig = z.infer<typeof deviceSchema>;
