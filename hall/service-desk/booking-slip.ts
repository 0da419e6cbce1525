// The slip a kiosk prints when it books a visitor on the next working day because today's
// numbers are gone: the appointment code (large, and as the QR the kiosk's check-in reads),
// the matter, the date and time, and how to check in. Laid out by the printer driver's own
// renderer like tickets and notices (GB18030 text, the model's paper width).
// Printed words are Chinese by design (the paper is for the visitor); they live in SLIP_WORDS.
import { renderTicket, parseTicketTemplate, type PrinterProfile, type TicketPrintJob } from '../../drivers/printer/index.js';

export const SLIP_WORDS = {
  title: '预约凭条',
  why: '今日号源已取完，已为您预约下一个工作日：',
  matter: (name: string) => `事项：${name}`,
  when: (date: string, start: string, end: string) => `时间：${date} ${start}–${end}`,
  code: '预约码',
  checkIn: '请在预约时间前后到自助机“预约签到”，扫描下方二维码或输入预约码。',
};

export interface BookingSlip {
  hallName: string;
  matterName: string;
  date: string;
  start: string;
  end: string;
  code: string;
  qrContent: string;
  printedAtText: string;
}

export function renderBookingSlip(slip: BookingSlip, profile: PrinterProfile): Uint8Array {
  const text = (t: string, opts: { bold?: boolean; align?: 'left' | 'center'; big?: boolean } = {}) => ({
    type: 'text' as const,
    text: t.replace(/[{}]/g, ''),
    align: opts.align ?? 'left',
    bold: opts.bold ?? false,
    size: opts.big ? { width: 2, height: 2 } : { width: 1, height: 1 },
  });
  const template = parseTicketTemplate({
    version: 1,
    blocks: [
      text(SLIP_WORDS.title, { bold: true, align: 'center', big: true }),
      text(slip.hallName, { align: 'center' }),
      { type: 'separator', char: '-' },
      text(SLIP_WORDS.why),
      text(SLIP_WORDS.matter(slip.matterName), { bold: true }),
      text(SLIP_WORDS.when(slip.date, slip.start, slip.end), { bold: true }),
      text(SLIP_WORDS.code, { align: 'center' }),
      text(slip.code, { bold: true, align: 'center', big: true }),
      { type: 'qr', moduleSize: 6, errorLevel: 'M', align: 'center' },
      text(SLIP_WORDS.checkIn),
      text(slip.printedAtText, { align: 'center' }),
      { type: 'cut' },
    ],
  });
  const job: TicketPrintJob = {
    hallName: slip.hallName,
    number: slip.code,
    matterName: slip.matterName,
    queueName: '-',
    peopleAhead: 0,
    waitMinutes: null,
    issuedAtText: slip.printedAtText,
    qrContent: slip.qrContent,
    notice: [],
  };
  return renderTicket(job, { profile, template }).bytes;
}
