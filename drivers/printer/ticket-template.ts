// The ticket as data: a list of blocks the hall may change (hall settings),
// validated before use. Placeholders {field} name TicketPrintJob fields or the
// derived {waitRange}; an unknown name is a validation error, not blank paper.
// Rule: a text block that uses an optional field which is absent for this
// ticket (green channel, identity, area, wait range) is left out entirely.
import { z } from 'zod';
import { DeviceError } from '../contract.js';
import type { TicketPrintJob } from './contract.js';

export const TICKET_FIELDS = [
  'hallName',
  'number',
  'matterName',
  'queueName',
  'peopleAhead',
  'waitRange',
  'issuedAtText',
  'greenCategoryLabel',
  'maskedIdentity',
  'counterArea',
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const align = z.enum(['left', 'center', 'right']);
const multiplier = z.number().int().min(1).max(8);
const size = z.object({ width: multiplier, height: multiplier });

const textBlock = z
  .object({
    type: z.literal('text'),
    text: z.string().min(1).max(500),
    align: align.default('left'),
    bold: z.boolean().default(false),
    size: size.default({ width: 1, height: 1 }),
  })
  .superRefine((block, ctx) => {
    for (const [, name] of block.text.matchAll(PLACEHOLDER)) {
      if (!(TICKET_FIELDS as readonly string[]).includes(name!)) {
        ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}; known: ${TICKET_FIELDS.join(', ')}`, path: ['text'] });
      }
    }
  });

export const ticketBlockSchema = z.discriminatedUnion('type', [
  textBlock,
  z.object({
    type: z.literal('logo'),
    pngBase64: z.string().min(8),
    align: align.default('center'),
    maxWidthDots: z.number().int().min(8).max(2048).optional(),
  }),
  z.object({ type: z.literal('separator'), char: z.string().length(1).regex(/^[\x21-\x7e]$/, 'one printable ASCII character').default('-') }),
  z.object({
    type: z.literal('qr'),
    moduleSize: z.number().int().min(1).max(16).default(6),
    errorLevel: z.enum(['L', 'M', 'Q', 'H']).default('M'),
    align: align.default('center'),
  }),
  z.object({ type: z.literal('notice'), align: align.default('left'), bold: z.boolean().default(false) }),
  z.object({ type: z.literal('feed'), lines: z.number().int().min(1).max(20) }),
  z.object({ type: z.literal('cut'), mode: z.enum(['full', 'partial']).optional(), feedLines: z.number().int().min(0).max(20).optional() }),
]);

export const ticketTemplateSchema = z.object({
  version: z.literal(1),
  blocks: z.array(ticketBlockSchema).min(1).max(100),
});

export type TicketTemplate = z.infer<typeof ticketTemplateSchema>;
export type TicketTemplateInput = z.input<typeof ticketTemplateSchema>;
export type TicketBlock = TicketTemplate['blocks'][number];

/** Validates a template (from hall settings). Throws DeviceError('invalid_template') naming the bad block. */
export function parseTicketTemplate(data: unknown): TicketTemplate {
  const result = ticketTemplateSchema.safeParse(data);
  if (!result.success) throw new DeviceError('invalid_template', `ticket template is invalid: ${z.prettifyError(result.error)}`, result.error);
  return result.data;
}

const oneLine = (max: number) => z.string().trim().min(1).max(max);

export const ticketPrintJobSchema = z
  .object({
    hallName: oneLine(80),
    number: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'letters, digits and dashes, at most 16'),
    matterName: oneLine(200),
    queueName: oneLine(80),
    peopleAhead: z.number().int().min(0).max(100_000),
    waitMinutes: z
      .object({ min: z.number().int().min(0).max(10_000), max: z.number().int().min(0).max(10_000) })
      .refine((w) => w.min <= w.max, 'waitMinutes.min must not exceed max')
      .nullable(),
    issuedAtText: oneLine(40),
    qrContent: z.string().min(1).max(1000),
    notice: z.array(z.string().max(200)).max(10),
    greenCategoryLabel: z.string().max(40).optional(),
    maskedIdentity: z.string().max(40).optional(),
    counterArea: z.string().max(80).optional(),
  })
  .strict();

/** A masked identity keeps at most 10 digits and no run of 7 (18-digit ID: 6 + 8 masked + 4). */
export function looksUnmasked(identity: string): boolean {
  const digits = identity.replace(/\D/g, '').length;
  return /\d{7,}/.test(identity) || digits > 10 || !/[*＊]/.test(identity);
}

/** Validates a job. Throws DeviceError 'unmasked_identity' or 'invalid_ticket' (never echoing the identity). */
export function parseTicketPrintJob(data: unknown): TicketPrintJob {
  const result = ticketPrintJobSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'job'}: ${i.message}`).join('; ');
    throw new DeviceError('invalid_ticket', `ticket data is invalid: ${issues}`);
  }
  const job = result.data;
  if (job.maskedIdentity && looksUnmasked(job.maskedIdentity)) {
    throw new DeviceError('unmasked_identity', 'maskedIdentity is not masked (expected like 150602********1234); refusing to print it');
  }
  return job;
}

/** Field values for placeholders; absent optional fields are undefined. */
export function ticketFieldValues(job: TicketPrintJob): Record<TicketField, string | undefined> {
  const nonEmpty = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  const wait = job.waitMinutes;
  return {
    hallName: job.hallName,
    number: job.number,
    matterName: job.matterName,
    queueName: job.queueName,
    peopleAhead: String(job.peopleAhead),
    waitRange: wait ? (wait.min === wait.max ? `约 ${wait.min} 分钟` : `约 ${wait.min}–${wait.max} 分钟`) : undefined,
    issuedAtText: job.issuedAtText,
    greenCategoryLabel: nonEmpty(job.greenCategoryLabel),
    maskedIdentity: nonEmpty(job.maskedIdentity),
    counterArea: nonEmpty(job.counterArea),
  };
}

/** Fills {field} placeholders; null when a used field is absent (the block is left out). */
export function fillPlaceholders(text: string, values: Record<TicketField, string | undefined>): string | null {
  let missing = false;
  const filled = text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name as TicketField];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? null : filled;
}

/** The default ticket: hall, big number, matter and queue, wait, time, green channel, identity, QR, notice, cut. */
export const DEFAULT_TICKET_TEMPLATE: TicketTemplate = parseTicketTemplate({
  version: 1,
  blocks: [
    { type: 'text', text: '{hallName}', align: 'center', bold: true, size: { width: 1, height: 2 } },
    { type: 'separator', char: '-' },
    { type: 'text', text: '{number}', align: 'center', bold: true, size: { width: 4, height: 4 } },
    { type: 'text', text: '【{greenCategoryLabel}】绿色通道', align: 'center', bold: true },
    { type: 'text', text: '{matterName}', align: 'center', size: { width: 1, height: 2 } },
    { type: 'separator', char: '-' },
    { type: 'text', text: '队列：{queueName}' },
    { type: 'text', text: '前面还有 {peopleAhead} 人等候' },
    { type: 'text', text: '预计等待：{waitRange}' },
    { type: 'text', text: '办理区域：{counterArea}' },
    { type: 'text', text: '取号时间：{issuedAtText}' },
    { type: 'text', text: '实名：{maskedIdentity}' },
    { type: 'feed', lines: 1 },
    { type: 'qr', moduleSize: 6, errorLevel: 'M', align: 'center' },
    { type: 'text', text: '扫码查看排队进度与评价', align: 'center' },
    { type: 'separator', char: '-' },
    { type: 'notice' },
    { type: 'cut' },
  ],
});
