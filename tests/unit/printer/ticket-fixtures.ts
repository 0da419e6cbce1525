// Ticket jobs named after the real-world cases they stand for.
import type { TicketPrintJob } from '../../../drivers/printer/contract.js';

/** A green-channel, real-name ticket for a real-estate matter. */
export const greenChannelRealName: TicketPrintJob = {
  hallName: '鄂尔多斯市政务服务中心',
  number: 'A012',
  matterName: '不动产登记（二手房转移登记）',
  queueName: '不动产综合窗口',
  peopleAhead: 7,
  waitMinutes: { min: 10, max: 20 },
  issuedAtText: '2026-03-02 09:41',
  qrContent: 'https://hall.example.cn/t/7f3a9c?n=A012',
  notice: ['过号请重新取号，或到服务台申请过号重排。', '请保管好本票，凭票办理。'],
  greenCategoryLabel: '老年人',
  maskedIdentity: '150602********1234',
  counterArea: '二楼 B 区',
};

/** A walk-in ticket: no identity, no green channel, no wait estimate yet. */
export const walkInFirstOfDay: TicketPrintJob = {
  hallName: '新乡市便民服务中心',
  number: 'C001',
  matterName: '社保卡补办',
  queueName: '社保综合',
  peopleAhead: 0,
  waitMinutes: null,
  issuedAtText: '2026-03-02 08:30',
  qrContent: 'https://hall.example.cn/t/c001',
  notice: ['过号作废。'],
};
