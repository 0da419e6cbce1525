// The downlink datasets and the zod schema of one item of each. Shared by the
// hall (checking what it receives) and central (checking what an operator
// publishes), so both refuse the same things with the same reasons.
// Contract: validateItem() answers ok or a reason in plain words naming the
// dataset, the key and the JSON path. It only validates: callers store the
// value exactly as received (checksums are over those bytes, canonical.ts).
// Dangers: appointments and staff are strict objects — an unexpected field
// (an ID number, a PIN hash) is refused, never stored; no raw ID number may
// appear in any string of those datasets. The catalog must list every
// material by name: vague catch-alls ("其他材料") are refused (000 第九条,
// 001 第十一条).
import { z } from 'zod';
import { counterKinds, staffRoles } from '../kinds.js';

export const datasetNames = ['catalog', 'appointments', 'counters', 'staff', 'green_rules', 'rating_indicators', 'notices', 'home_visits'] as const;
export type DatasetName = (typeof datasetNames)[number];

export function isDatasetName(name: string): name is DatasetName {
  return (datasetNames as readonly string[]).includes(name);
}

/** Item keys: ASCII only, so every store sorts them the same way (canonical.ts). */
export const datasetKey = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1–64 ASCII letters, digits, ".", "_", ":" or "-"');

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"');

// ---- catalog: a matter with its complete 办事指南 (standards.md "办事指南 elements") ----

/** Why a material name is a vague catch-all, or null when it names one thing. */
export function vagueMaterialReason(name: string): string | null {
  const n = name.replace(/\s+/g, '');
  if (/其他|其它|有关材料|有关证明|相关材料|相关证明|等材料|等证明|兜底/.test(n) || /等$/.test(n) || n === '材料') {
    return `"${name}" is a vague catch-all: every material must be listed by name (000 第九条, 001 第十一条)`;
  }
  return null;
}

const timeLimitSchema = z.object({
  value: z.number().int().min(0).max(3650),
  unit: z.enum(['working_days', 'natural_days', 'hours', 'immediate']),
});

export const materialSchema = z
  .object({
    name: text.superRefine((name, ctx) => {
      const reason = vagueMaterialReason(name);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    }),
    /** 来源渠道: who produces it. */
    source: z.enum(['applicant', 'government', 'intermediary', 'shared']),
    originals: z.number().int().min(0).max(20),
    copies: z.number().int().min(0).max(20),
    /** Mandatory, or only in the case `condition` describes. */
    required: z.boolean(),
    condition: text.optional(),
    format: z.enum(['paper', 'electronic', 'paper_or_electronic']),
    /** Size and form (规格), e.g. "A4". */
    spec: text.optional(),
    sample: text.optional(),
    notes: text.optional(),
  })
  .refine((m) => m.originals + m.copies >= 1, { message: 'a material needs at least one original or one copy', path: ['copies'] })
  .refine((m) => m.required || m.condition !== undefined, { message: 'an optional material must say in which case it is needed (condition)', path: ['condition'] });

export const guideSchema = z
  .object({
    /** 事项编码 (基本编码); the item key. Opaque. */
    code: datasetKey,
    /** 实施编码. Opaque. */
    implementationCode: z.string().min(1).max(40),
    name: text,
    /** 事项类型: code "01" (行政许可) … "20" (公共服务) and its name. */
    type: z.object({ code: z.string().regex(/^\d{2}$/, 'must be a two-digit matter type code'), name: text }),
    /** 设定依据. */
    legalBasis: z.array(text).min(1, 'the legal basis (设定依据) is required'),
    /** 实施主体 and its code. */
    implementer: z.object({ name: text, code: z.string().min(1).max(40) }),
    /** 受理条件. */
    conditions: z.array(text).min(1, 'the acceptance conditions (受理条件) are required'),
    /** 服务对象. */
    serviceObjects: z.array(z.enum(['person', 'legal_person'])).min(1, 'who may apply (服务对象) is required'),
    /** 办理流程. */
    steps: z.array(z.object({ name: text, description: text, timeLimit: text.optional() })).min(1, 'the steps (办理流程) are required'),
    /** 申请材料: complete, never "其他材料". */
    materials: z.array(materialSchema).min(1, 'the materials (申请材料) are required'),
    /** 容缺受理: names of materials that may follow later on a written promise. */
    acceptPending: z.array(text).optional(),
    /** 法定办结时限 and 承诺办结时限. */
    timeLimits: z.object({ statutory: timeLimitSchema, promised: timeLimitSchema }),
    /** 办件类型: 即办件 or 承诺件. */
    caseType: z.enum(['immediate', 'promised']),
    /** 是否收费, 收费标准 and 收费依据. */
    fees: z.object({
      charged: z.boolean(),
      items: z.array(z.object({ name: text, standard: text, basis: text })).optional(),
    }),
    /** 结果名称 and 结果样本. */
    result: z.object({ name: text, sample: text.optional() }),
    /** 通办范围. */
    scope: z.enum(['county', 'city', 'province', 'nationwide']),
    /** 办理形式. */
    forms: z.array(z.enum(['onsite', 'online', 'mail'])).min(1),
    /** 预约办理, 网上支付, 物流快递, 网上办理. */
    offers: z.object({ booking: z.boolean(), onlinePayment: z.boolean(), courier: z.boolean(), onlineHandling: z.boolean() }),
    reviewStandard: text.optional(),
    specialProcedures: text.optional(),
    /** 办理地点 and 办理时间. */
    location: text,
    hours: text,
    /** 咨询方式 and 监督投诉方式. */
    enquiry: z.object({ phone: text, other: text.optional() }),
    complaint: z.object({ phone: text, other: text.optional() }),
    /** 常见问题. */
    faq: z.array(z.object({ question: text, answer: text })).optional(),
  })
  .superRefine((g, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (g.fees.charged && !g.fees.items?.length) issue(['fees', 'items'], 'a charged matter must list its fees with their basis (收费依据)');
    if (!g.fees.charged && g.fees.items?.length) issue(['fees', 'items'], 'a free matter lists no fees');
    const names = new Set<string>();
    g.materials.forEach((m, i) => {
      if (names.has(m.name)) issue(['materials', i, 'name'], `material "${m.name}" is listed twice`);
      names.add(m.name);
    });
    (g.acceptPending ?? []).forEach((n, i) => {
      if (!names.has(n)) issue(['acceptPending', i], `"${n}" is not one of the matter's materials`);
    });
    const { statutory, promised } = g.timeLimits;
    if (statutory.unit === promised.unit && promised.value > statutory.value) {
      issue(['timeLimits', 'promised'], 'the promised time limit (承诺办结时限) cannot exceed the statutory one');
    }
    if (g.caseType === 'immediate' && promised.unit !== 'immediate' && promised.value > 0 && promised.unit !== 'hours') {
      issue(['caseType'], 'an immediate matter (即办件) cannot promise days');
    }
  });

// ---- appointments: owned by central; personal data minimised ----

/** A raw Chinese ID number (15 or 18 characters) somewhere in a string. */
const rawIdNumber = /(^|[^0-9])([0-9]{17}[0-9Xx]|[0-9]{15})([^0-9]|$)/;

export const appointmentSchema = z
  .object({
    id: datasetKey,
    matterCode: datasetKey,
    slotStart: z.number().int().positive(),
    slotEnd: z.number().int().positive(),
    /** Masked, e.g. "张*" or "欧阳**": never the full name. */
    applicantName: z.string().min(2).max(30).regex(/[*＊]/, 'must be masked (e.g. 张*), never the full name'),
    /** Keyed hash of the ID number computed by central; never the number itself. */
    idHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a 64-hex-digit keyed hash').optional(),
    /** The code the visitor types or scans at the kiosk to check in. */
    appointmentCode: z.string().regex(/^[A-Z0-9]{4,16}$/, 'must be 4–16 capital letters or digits'),
    status: z.enum(['booked', 'cancelled']),
    channel: z.enum(['online', 'phone', 'onsite']).optional(),
    phoneMasked: z.string().regex(/^[0-9]{3}\*{4}[0-9]{4}$/, 'must be masked like 138****1234').optional(),
    greenCategory: id.optional(),
  })
  .strict()
  .refine((a) => a.slotEnd > a.slotStart, { message: 'the slot must end after it starts', path: ['slotEnd'] });

// ---- counters, staff (names and duties shown at the counter, 001 第二十九条) ----

export const counterItemSchema = z.object({
  id,
  number: z.number().int().positive().max(999),
  name: text,
  kind: z.enum(counterKinds),
  queueIds: z.array(id).optional(),
  matterCodes: z.array(datasetKey).optional(),
  area: z.string().optional(),
});

export const staffItemSchema = z
  .object({
    id,
    staffNo: z.string().regex(/^[0-9A-Za-z]{2,16}$/, 'must be 2–16 letters or digits'),
    name: text,
    post: text,
    duties: text.optional(),
    roles: z.array(z.enum(staffRoles)).min(1),
    counterId: id.optional(),
    departmentId: id.optional(),
  })
  .strict();

// ---- green-channel rules, rating indicators, notices ----

export const greenRuleSchema = z.object({
  id,
  label: text,
  /** How the category is established: age read from the ID card, or declared and confirmed by staff. */
  basis: z.enum(['id_card_age', 'declared']),
  minAge: z.number().int().min(1).max(120).optional(),
  regulation: text.optional(),
}).refine((r) => r.basis !== 'id_card_age' || r.minAge !== undefined, { message: 'an age rule needs minAge', path: ['minAge'] });

export const ratingIndicatorSchema = z.object({
  /** Reason tag code as the provincial system knows it (evalDetail). */
  code: datasetKey,
  label: text,
  group: text.optional(),
  /** Levels the tag may be chosen for (bad ratings). */
  levels: z.array(z.enum(['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'])).min(1),
  /** Version of the indicator list as published from above. */
  listVersion: text,
  active: z.boolean(),
});

export const noticeSchema = z
  .object({
    id,
    title: text,
    body: text,
    audience: z.enum(['all', 'kiosk', 'display', 'counter']),
    from: z.number().int().optional(),
    until: z.number().int().optional(),
    priority: z.number().int().min(0).max(9).optional(),
  })
  .refine((n) => n.from === undefined || n.until === undefined || n.until > n.from, { message: 'until must be after from', path: ['until'] });

// ---- 上门服务 requests filed on central (000 第二十九条(二)) ----
// Personal data: the contact in clear (the hall's staff must reach the visitor); the hall seals
// it into its home-visit book on receipt. Never an ID number (personal dataset).

export const homeVisitRequestSchema = z
  .object({
    /** Central's id: the hall records each request once under it (home_visits.external_id). */
    id: datasetKey,
    matterCode: datasetKey,
    reason: z.string().trim().min(1, 'a reason is required').max(500),
    contact: z
      .object({
        name: z.string().trim().min(1, 'a name is required').max(30),
        phone: z.string().regex(/^(1[0-9]{10}|0[0-9]{2,3}-?[0-9]{7,8})$/, 'must be a mobile (11 digits) or landline number'),
        address: z.string().trim().min(4, 'an address is required').max(200),
      })
      .strict(),
    filedAt: z.number().int().positive(),
    /** Who filed it on central: the visitor on the web, or the province's platform. */
    via: z.enum(['web', 'province']),
  })
  .strict();

export type HomeVisitRequestItem = z.infer<typeof homeVisitRequestSchema>;

export type Guide = z.infer<typeof guideSchema>;
export type Material = z.infer<typeof materialSchema>;
export type Appointment = z.infer<typeof appointmentSchema>;
export type CounterItem = z.infer<typeof counterItemSchema>;
export type StaffItem = z.infer<typeof staffItemSchema>;
export type GreenRule = z.infer<typeof greenRuleSchema>;
export type RatingIndicator = z.infer<typeof ratingIndicatorSchema>;
export type Notice = z.infer<typeof noticeSchema>;

interface DatasetSpec {
  item: z.ZodType;
  keyOf(value: Record<string, unknown>): unknown;
  /** Strings in this dataset may never hold a raw ID number. */
  personal: boolean;
}

export const datasetSpecs: Record<DatasetName, DatasetSpec> = {
  catalog: { item: guideSchema, keyOf: (v) => v.code, personal: false },
  appointments: { item: appointmentSchema, keyOf: (v) => v.id, personal: true },
  counters: { item: counterItemSchema, keyOf: (v) => v.id, personal: false },
  staff: { item: staffItemSchema, keyOf: (v) => v.id, personal: true },
  green_rules: { item: greenRuleSchema, keyOf: (v) => v.id, personal: false },
  rating_indicators: { item: ratingIndicatorSchema, keyOf: (v) => v.code, personal: false },
  notices: { item: noticeSchema, keyOf: (v) => v.id, personal: true },
  home_visits: { item: homeVisitRequestSchema, keyOf: (v) => v.id, personal: true },
};

export type ItemCheck = { ok: true } | { ok: false; reason: string };

/** Checks one item: its key, its schema, its key field, and (personal datasets) no raw ID number. */
export function validateItem(dataset: DatasetName, key: unknown, value: unknown): ItemCheck {
  const where = `${dataset} item "${typeof key === 'string' ? key : String(key)}"`;
  const k = datasetKey.safeParse(key);
  if (!k.success) return { ok: false, reason: `${where}: key ${k.error.issues[0]!.message}` };
  const spec = datasetSpecs[dataset];
  const parsed = spec.item.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    return { ok: false, reason: `${where}: ${issues.join('; ')}` };
  }
  if (spec.keyOf(value as Record<string, unknown>) !== key) return { ok: false, reason: `${where}: the key does not match the item's own ${dataset === 'catalog' || dataset === 'rating_indicators' ? 'code' : 'id'}` };
  if (spec.personal) {
    const path = findRawIdNumber(value, []);
    if (path) return { ok: false, reason: `${where}: ${path} holds what looks like a raw ID number; send only masked or hashed forms` };
  }
  return { ok: true };
}

function findRawIdNumber(value: unknown, path: (string | number)[]): string | null {
  if (typeof value === 'string') return rawIdNumber.test(value) ? formatPath(path) || '(value)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findRawIdNumber(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findRawIdNumber(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(item)';
}
