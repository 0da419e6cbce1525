// The 容缺受理告知 (000 第二十四条: 当场一次性告知需要补正的材料、时限和超期处理办法): what a visitor
// takes home when an application is accepted on a written promise — the case code to give at
// any counter, every missing material, the date they must come by, and what happens if they
// do not (the application counts as withdrawn). Printed on a kiosk's ticket printer through
// its device agent, laid out by the driver's renderer like the one-time notice (notice-job.ts).
// Printed words are Chinese by design (the paper is for the visitor), in PENDING_WORDS.
import type { PrinterProfile, RenderedTicket } from '../../drivers/printer/index.js';
import { renderBlocks, textBlocks, type Block } from './notice-job.js';

export const PENDING_WORDS = {
  title: '容缺受理告知书',
  code: (code: string) => `受理编号：${code}`,
  ticket: (number: string) => `取号：${number}`,
  matter: (name: string) => `事项：${name}`,
  missing: (n: number) => `需补正的材料（共 ${n} 项）：`,
  dueBy: (date: string) => `请于 ${date} 前补齐上述材料`,
  anyCounter: '补交时可到任一窗口，出示本告知书或报受理编号',
  overdue: '逾期未补正全部材料的，视为撤回申请',
  promised: '材料补齐后，在承诺办结时限内办结',
  counter: (n: number, staff: string) => `受理窗口：${n}号窗口 ${staff}`,
  printedAt: (at: string) => `打印时间：${at}`,
};

export interface PendingNotice {
  hallName: string;
  code: string;
  ticketNumber: string | null;
  matterName: string;
  missing: string[];
  /** The last day, as it reads on paper ("2026-12-14"). */
  dueDateText: string;
  counterNumber: number;
  staffText: string;
  printedAtText: string;
}

/** Every block, in print order. Pure. */
export function pendingNoticeBlocks(n: PendingNotice): Block[] {
  const sep: Block = { type: 'separator', char: '-' };
  return [
    ...textBlocks(PENDING_WORDS.title, { bold: true, align: 'center', tall: true }),
    ...textBlocks(n.hallName, { align: 'center' }),
    sep,
    ...textBlocks(PENDING_WORDS.code(n.code), { bold: true, tall: true }),
    ...(n.ticketNumber ? textBlocks(PENDING_WORDS.ticket(n.ticketNumber)) : []),
    ...textBlocks(PENDING_WORDS.matter(n.matterName)),
    sep,
    ...textBlocks(PENDING_WORDS.missing(n.missing.length), { bold: true }),
    ...n.missing.flatMap((m, i) => textBlocks(`${i + 1}. ${m}`)),
    sep,
    ...textBlocks(PENDING_WORDS.dueBy(n.dueDateText), { bold: true }),
    ...textBlocks(PENDING_WORDS.anyCounter),
    ...textBlocks(PENDING_WORDS.overdue, { bold: true }),
    ...textBlocks(PENDING_WORDS.promised),
    sep,
    ...textBlocks(PENDING_WORDS.counter(n.counterNumber, n.staffText)),
    ...textBlocks(PENDING_WORDS.printedAt(n.printedAtText)),
  ];
}

export function renderPendingNotice(n: PendingNotice, profile: PrinterProfile): RenderedTicket {
  return renderBlocks(pendingNoticeBlocks(n), { hallName: n.hallName, title: PENDING_WORDS.title, printedAtText: n.printedAtText }, profile);
}
