// What a kiosk prints for a matter's 一次性告知 (one-time notice): the complete
// list of materials to bring from the 办事指南 the hall received, with time
// limits, fees, place, hours and phones, on the kiosk's ticket printer.
// Contract: laid out by the printer driver's own renderer (renderTicket) from
// text blocks, so it gets the same GB18030 text, the paper width of the
// model's profile (lines wrap to it), and the raster fallback for characters
// the printer font lacks. noticeBlocks() is pure and lists every material,
// never fewer; renderNotice() returns the ESC/POS bytes of one cut notice.
// Dangers: the notice is only as complete as the guide it is given — never
// print one without a guide (the route refuses). A text block holds at most
// 500 characters and a template 100 blocks: long texts are split and the
// blocks are rendered in groups whose bytes are concatenated (one cut, at the
// end). Printed words are Chinese by design (the paper is for the visitor);
// they live in NOTICE_WORDS, one place to translate.
import { renderTicket, parseTicketTemplate, type PrinterProfile, type RenderedTicket, type TicketPrintJob, type TicketTemplateInput } from '../../drivers/printer/index.js';
import type { Guide, Material } from '../../protocol/central/downlink/schemas.js';

export type Block = TicketTemplateInput['blocks'][number];

export interface NoticeContext {
  hallName: string;
  /** Print time as it should read, e.g. "2026-11-23 09:41". */
  printedAtText: string;
  /** The catalog version the guide comes from (printed, so a dispute can be traced). */
  catalogVersion: number;
  /** Where to ask, e.g. "1号窗口 综合受理窗口（A区）"; absent: the line is left out. */
  enquiryCounterText?: string;
}

export const NOTICE_WORDS = {
  title: '一次性告知单',
  matter: '事项：',
  code: '事项编码：',
  bring: (total: number, required: number) => `请携带以下全部材料（共 ${total} 项，其中必须提交 ${required} 项）：`,
  original: (n: number) => `原件${n}份`,
  copy: (n: number) => `复印件${n}份`,
  required: '必须提交',
  optional: '视情形提交',
  whenNeeded: (condition: string) => `以下情形需要提交：${condition}`,
  source: { applicant: '申请人自备', government: '政府部门核发', intermediary: '中介机构出具', shared: '部门共享获取' } satisfies Record<Material['source'], string>,
  format: { paper: '纸质', electronic: '电子', paper_or_electronic: '纸质或电子' } satisfies Record<Material['format'], string>,
  spec: (spec: string) => `规格：${spec}`,
  notes: (notes: string) => `说明：${notes}`,
  acceptPending: (names: string) => `可容缺受理（承诺后补）的材料：${names}`,
  statutory: (text: string) => `法定办结时限：${text}`,
  promised: (text: string) => `承诺办结时限：${text}`,
  free: '收费：不收费',
  fee: (name: string, standard: string, basis: string) => `收费：${name}，${standard}（依据：${basis}）`,
  location: (text: string) => `办理地点：${text}`,
  hours: (text: string) => `办理时间：${text}`,
  enquiry: (phone: string) => `咨询电话：${phone}`,
  complaint: (phone: string) => `监督投诉电话：${phone}`,
  askAt: (where: string) => `如有疑问请到：${where}`,
  basis: (version: number, printedAt: string) => `依据本大厅收到的办事指南（版本 ${version}）打印于 ${printedAt}`,
  timeUnit: { working_days: '个工作日', natural_days: '个自然日', hours: '小时', immediate: '即办' } satisfies Record<Guide['timeLimits']['statutory']['unit'], string>,
};

/** "30个工作日", "4小时", "即办". */
export function timeLimitText(limit: Guide['timeLimits']['statutory']): string {
  if (limit.unit === 'immediate' || limit.value === 0) return NOTICE_WORDS.timeUnit.immediate;
  return `${limit.value}${NOTICE_WORDS.timeUnit[limit.unit]}`;
}

/** The second line of a material: how many, mandatory or when, who produces it, form and size. */
export function materialDetail(m: Material): string {
  const counts = [m.originals > 0 ? NOTICE_WORDS.original(m.originals) : null, m.copies > 0 ? NOTICE_WORDS.copy(m.copies) : null].filter(Boolean).join('、');
  const parts = [counts, m.required ? NOTICE_WORDS.required : NOTICE_WORDS.optional, NOTICE_WORDS.source[m.source], NOTICE_WORDS.format[m.format], m.spec ? NOTICE_WORDS.spec(m.spec) : null];
  return parts.filter(Boolean).join(' · ');
}

/** Mandatory materials first, the guide's order kept within each group (same order as the API's list). */
export function noticeMaterials(guide: Pick<Guide, 'materials'>): Material[] {
  return [...guide.materials].sort((a, b) => Number(b.required) - Number(a.required));
}

const MAX_BLOCK_CHARS = 480;

/** Literal text for a template block: "{name}" would be read as a placeholder, so braces go full-width. */
function literal(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '｛' : '｝')).replace(/\s+/g, ' ').trim();
}

export function textBlocks(text: string, style: { bold?: boolean; align?: 'left' | 'center'; tall?: boolean } = {}): Block[] {
  const clean = literal(text);
  const chars = [...clean];
  const out: Block[] = [];
  for (let i = 0; i < chars.length; i += MAX_BLOCK_CHARS) {
    out.push({
      type: 'text',
      text: chars.slice(i, i + MAX_BLOCK_CHARS).join(''),
      align: style.align ?? 'left',
      bold: style.bold ?? false,
      size: { width: 1, height: style.tall ? 2 : 1 },
    });
  }
  return out;
}

/** Every block of the notice, in print order. Pure. */
export function noticeBlocks(guide: Guide, ctx: NoticeContext): Block[] {
  const materials = noticeMaterials(guide);
  const required = materials.filter((m) => m.required).length;
  const sep: Block = { type: 'separator', char: '-' };
  const blocks: Block[] = [
    ...textBlocks(NOTICE_WORDS.title, { bold: true, align: 'center', tall: true }),
    ...textBlocks(ctx.hallName, { align: 'center' }),
    sep,
    ...textBlocks(NOTICE_WORDS.matter + guide.name, { bold: true }),
    ...textBlocks(NOTICE_WORDS.code + guide.code),
    sep,
    ...textBlocks(NOTICE_WORDS.bring(materials.length, required), { bold: true }),
  ];
  materials.forEach((m, i) => {
    blocks.push(...textBlocks(`${i + 1}. ${m.name}`, { bold: true }));
    blocks.push(...textBlocks(`${materialDetail(m)}`));
    if (!m.required && m.condition) blocks.push(...textBlocks(`${NOTICE_WORDS.whenNeeded(m.condition)}`));
    if (m.notes) blocks.push(...textBlocks(`${NOTICE_WORDS.notes(m.notes)}`));
  });
  if (guide.acceptPending?.length) blocks.push(...textBlocks(NOTICE_WORDS.acceptPending(guide.acceptPending.join('、'))));
  blocks.push(sep);
  blocks.push(...textBlocks(NOTICE_WORDS.statutory(timeLimitText(guide.timeLimits.statutory))));
  blocks.push(...textBlocks(NOTICE_WORDS.promised(timeLimitText(guide.timeLimits.promised))));
  if (guide.fees.charged && guide.fees.items?.length) {
    for (const f of guide.fees.items) blocks.push(...textBlocks(NOTICE_WORDS.fee(f.name, f.standard, f.basis)));
  } else {
    blocks.push(...textBlocks(NOTICE_WORDS.free));
  }
  blocks.push(...textBlocks(NOTICE_WORDS.location(guide.location)));
  blocks.push(...textBlocks(NOTICE_WORDS.hours(guide.hours)));
  blocks.push(...textBlocks(NOTICE_WORDS.enquiry(guide.enquiry.phone)));
  blocks.push(...textBlocks(NOTICE_WORDS.complaint(guide.complaint.phone)));
  if (ctx.enquiryCounterText) blocks.push(...textBlocks(NOTICE_WORDS.askAt(ctx.enquiryCounterText)));
  blocks.push(sep);
  blocks.push(...textBlocks(NOTICE_WORDS.basis(ctx.catalogVersion, ctx.printedAtText)));
  return blocks;
}

/** Blocks per render: a template holds at most 100; one slot is kept for the final cut. */
const BLOCKS_PER_RENDER = 90;

/**
 * ESC/POS bytes of the notice for one printer model. Throws DeviceError (invalid_ticket)
 * only when the driver cannot lay a line out on this paper.
 */
export function renderNotice(guide: Guide, ctx: NoticeContext, profile: PrinterProfile, loadFont?: Parameters<typeof renderTicket>[1]['loadFont']): RenderedTicket {
  return renderBlocks(noticeBlocks(guide, ctx), { hallName: ctx.hallName, title: guide.name, printedAtText: ctx.printedAtText }, profile, loadFont);
}

/**
 * ESC/POS bytes of any paper made of text blocks (a notice, a 容缺受理告知): rendered in groups
 * of BLOCKS_PER_RENDER, concatenated, one cut at the end. `carrier` only fills the driver's
 * job fields (not printed by block templates).
 */
export function renderBlocks(
  blocks: Block[],
  carrier: { hallName: string; title: string; printedAtText: string },
  profile: PrinterProfile,
  loadFont?: Parameters<typeof renderTicket>[1]['loadFont'],
): RenderedTicket {
  // The driver's job fields are not printed by these templates (no placeholders), but must be valid.
  const job: TicketPrintJob = {
    hallName: [...(carrier.hallName.trim() || '-')].slice(0, 80).join(''),
    number: 'NOTICE',
    matterName: [...(carrier.title.trim() || '-')].slice(0, 200).join(''),
    queueName: '-',
    peopleAhead: 0,
    waitMinutes: null,
    issuedAtText: [...(carrier.printedAtText.trim() || '-')].slice(0, 40).join(''),
    qrContent: '-',
    notice: [],
  };
  const parts: Uint8Array[] = [];
  const warnings: RenderedTicket['warnings'] = [];
  let rasterLines = 0;
  for (let i = 0; i < blocks.length; i += BLOCKS_PER_RENDER) {
    const group = blocks.slice(i, i + BLOCKS_PER_RENDER);
    const last = i + BLOCKS_PER_RENDER >= blocks.length;
    const template = parseTicketTemplate({ version: 1, blocks: last ? [...group, { type: 'cut' }] : group });
    const rendered = renderTicket(job, { profile, template, ...(loadFont ? { loadFont } : {}) });
    parts.push(rendered.bytes);
    rasterLines += rendered.rasterLines;
    for (const w of rendered.warnings) if (!warnings.some((x) => x.code === w.code && x.message === w.message)) warnings.push(w);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
  }
  return { bytes, warnings, rasterLines };
}
