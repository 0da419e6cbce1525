// Builders for the phone link's wire (protocol/central/phone.ts) in tests: a board ticket with the
// keyHash of a given key, a full or delta push. The values are what a real hall would send.
import { createHash } from 'node:crypto';
import type { BoardPush, BoardTicket } from '../../protocol/central/phone.js';

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

export function boardTicket(ticketId: string, key: string, o: Partial<BoardTicket> = {}): BoardTicket {
  return {
    ticketId,
    keyHash: sha256Hex(key),
    number: 'A001',
    status: 'waiting',
    matterName: '住房公积金提取',
    queueId: 'A',
    peopleAhead: 2,
    estimate: { minMinutes: 5, maxMinutes: 12, basis: 'measured' },
    counterNumber: null,
    calledAt: null,
    rating: null,
    ...o,
  };
}

export function boardPush(version: number, tickets: BoardTicket[], o: Partial<BoardPush> = {}): BoardPush {
  return {
    mode: 'full',
    version,
    generatedAt: Date.UTC(2026, 11, 7, 1, 0),
    serviceDay: '2026-12-07',
    hall: { name: '东胜区政务服务中心', mode: 'open', missedRejoinMinutes: 30 },
    queues: [{ queueId: 'A', name: '综合受理', waiting: tickets.filter((t) => t.status === 'waiting').length, estimate: null }],
    tickets,
    ...o,
  };
}
