// Demo content for the other downlink datasets of a hall, derived from its
// configuration (config/demo-hall.json): counters, staff (names, posts and
// duties — never PIN hashes), green-channel rules, rating indicators, notices,
// and a day of appointments with masked names. Pure: no I/O, no clock (the
// caller passes the day's start). Dangers: demo values only.
import type { Appointment, CounterItem, GreenRule, Notice, RatingIndicator, StaffItem } from '../../protocol/central/downlink/schemas.js';

export interface DemoHallConfig {
  matters: { code: string }[];
  counters: { id: string; number: number; name: string; kind: CounterItem['kind']; queueIds?: string[]; area?: string }[];
  staff: { id: string; staffNo: string; name: string; post: string; roles: StaffItem['roles'] }[];
  greenChannel: { categories: { id: string; label: string }[] };
}

export function demoCounters(cfg: DemoHallConfig): CounterItem[] {
  return cfg.counters.map((c) => ({ id: c.id, number: c.number, name: c.name, kind: c.kind, ...(c.queueIds ? { queueIds: c.queueIds } : {}), area: c.area ?? '' }));
}

/** Staff as shown at the counter (001 第二十九条): the PIN hash stays in the hall configuration. */
export function demoStaff(cfg: DemoHallConfig): StaffItem[] {
  return cfg.staff.map((s) => ({ id: s.id, staffNo: s.staffNo, name: s.name, post: s.post, roles: s.roles, duties: `${s.post}：受理、一次性告知、首问负责` }));
}

export function demoGreenRules(cfg: DemoHallConfig): GreenRule[] {
  return cfg.greenChannel.categories.map((c) =>
    c.id === 'elderly'
      ? { id: c.id, label: c.label, basis: 'id_card_age' as const, minAge: 60, regulation: '000 第二十九条' }
      : { id: c.id, label: c.label, basis: 'declared' as const, regulation: c.id === 'firefighter' || c.id === 'medical' ? '001 第三十一条' : '000 第二十九条' },
  );
}

const BAD: RatingIndicator['levels'] = ['dissatisfied', 'very_dissatisfied'];

export function demoRatingIndicators(listVersion = '2024.1'): RatingIndicator[] {
  const tags: [string, string, string][] = [
    ['E01', '服务效率', '等待时间过长'],
    ['E02', '服务效率', '办理时限超过承诺'],
    ['L01', '服务水平', '一次性告知不清楚'],
    ['L02', '服务水平', '业务不熟练'],
    ['A01', '服务态度', '态度生硬'],
    ['A02', '服务态度', '推诿扯皮'],
  ];
  return tags.map(([code, group, label]) => ({ code, group, label, levels: BAD, listVersion, active: true }));
}

export function demoNotices(): Notice[] {
  return [
    { id: 'n-lunch', title: '午间不间断服务', body: '综合受理窗口中午照常办理业务。', audience: 'all', priority: 1 },
    { id: 'n-24h', title: '24小时自助服务区', body: '自助服务区全天开放，可办理社保认证、不动产登记资料查询等事项。', audience: 'kiosk' },
  ];
}

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];

/** `count` appointments of half-hour slots from `dayStart` (epoch ms of 09:00 local), names masked. */
export function demoAppointments(cfg: DemoHallConfig, dayStart: number, count = 12): Appointment[] {
  const out: Appointment[] = [];
  for (let i = 0; i < count; i++) {
    const slotStart = dayStart + Math.floor(i / 2) * 30 * 60_000;
    out.push({
      id: `apt-${dayStart}-${i}`,
      matterCode: cfg.matters[i % cfg.matters.length]!.code,
      slotStart,
      slotEnd: slotStart + 30 * 60_000,
      applicantName: `${SURNAMES[i % SURNAMES.length]}*`,
      appointmentCode: `Y${String(dayStart % 100000).padStart(5, '0')}${String(i).padStart(2, '0')}`,
      status: i % 11 === 10 ? 'cancelled' : 'booked',
      channel: (['online', 'phone', 'onsite'] as const)[i % 3],
    });
  }
  return out;
}
