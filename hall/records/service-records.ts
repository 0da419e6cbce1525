// The hall's service records (docs/service-records.md), composed once by the service wiring:
// cases, complaints, home visits and guides' help, with the hall's settings, calendar and
// catalog; the 容缺受理告知 printed on a kiosk's printer through its device agent.
import type { Db } from '../store/db.js';
import type { HallConfig } from '../config/schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { HallDevices } from '../devices/hall-devices.js';
import type { IdentitySealer } from '../identity/sealer.js';
import type { PromisedLimit } from '../domain/service-deadlines.js';
import { localDateOf } from '../domain/service-deadlines.js';
import type { CaseDTO, CaseListDTO } from '../api/service-records-dto.js';
import type { PrintOutcomeDTO } from '../api/dto.js';
import { renderPendingNotice } from '../devices/pending-notice-job.js';
import { CaseBook, type CounterActor } from './case-book.js';
import { ComplaintBook } from './complaint-book.js';
import { HomeVisitBook } from './home-visit-book.js';
import { AssistBook } from './assist-book.js';

export interface ServiceRecordsDeps {
  db: Db;
  config: HallConfig;
  runtime: HallRuntime;
  devices: HallDevices;
  sealer: IdentitySealer;
  /** The matter's promised time limit (承诺办结时限) from the 办事指南 the hall serves, by matter code. */
  promisedLimitOf(matterCode: string): PromisedLimit | null;
}

export class ServiceRecords {
  readonly cases: CaseBook;
  readonly complaints: ComplaintBook;
  readonly homeVisits: HomeVisitBook;
  readonly assists: AssistBook;
  private unsubscribe: () => void = () => {};

  constructor(private readonly deps: ServiceRecordsDeps) {
    const { db, config, runtime } = deps;
    const settings = config.serviceRecords;
    const matterName = (id: string) => config.matters.find((m) => m.id === id)?.name ?? id;
    const staffName = (id: string) => config.staff.find((s) => s.id === id)?.name ?? null;
    const calendar = runtime.setup.calendar;
    const dayRule = runtime.setup.dayRule;
    this.cases = new CaseBook(db, runtime, {
      calendar,
      dayRule,
      warnBeforeHours: settings.timeLimits.warnBeforeHours,
      maxPendingWorkingDays: settings.acceptPending.maxWorkingDays,
      defaultPendingWorkingDays: settings.acceptPending.defaultWorkingDays,
      promisedLimitOf: (matterId) => {
        const code = config.matters.find((m) => m.id === matterId)?.code;
        return code ? deps.promisedLimitOf(code) : null;
      },
      matterName,
      counterNumber: (id) => config.counters.find((c) => c.id === id)?.number ?? null,
    });
    this.complaints = new ComplaintBook(db, runtime, deps.sealer, { calendar, dayRule, replyWorkingDays: settings.complaints.replyWorkingDays });
    this.homeVisits = new HomeVisitBook(db, runtime, deps.sealer, { matterName, staffName });
    this.assists = new AssistBook(db, runtime, staffName);
  }

  start(): void {
    this.cases.start();
    this.purgeContacts();
    this.unsubscribe = this.deps.runtime.onEvents((events) => {
      if (events.some((e) => e.type === 'service_day_closed')) this.purgeContacts();
    });
  }

  stop(): void {
    this.cases.stop();
    this.unsubscribe();
  }

  /** Deletes contacts of complaints and home visits closed longer ago than serviceRecords.contactRetentionDays. */
  purgeContacts(): number {
    const now = this.deps.runtime.timers.now();
    const days = this.deps.config.serviceRecords.contactRetentionDays;
    return this.complaints.purgeContacts(now, days) + this.homeVisits.purgeContacts(now, days);
  }

  caseList(cases: CaseDTO[]): CaseListDTO {
    return { now: this.deps.runtime.timers.now(), warnBeforeHours: this.deps.config.serviceRecords.timeLimits.warnBeforeHours, cases };
  }

  /** The kiosk that prints a 容缺受理告知: the one asked for, the hall's setting, else the first hall kiosk with a printer. */
  noticeKiosk(printAt: string | undefined): string | null {
    const { config } = this.deps;
    if (printAt) return printAt;
    if (config.serviceRecords.acceptPending.noticeTerminalId) return config.serviceRecords.acceptPending.noticeTerminalId;
    const kiosks = config.terminals.filter((t) => t.role === 'kiosk').sort((a, b) => Number(a.zone === '24h') - Number(b.zone === '24h'));
    return kiosks.find((k) => config.devices.some((d) => d.terminalId === k.id && d.kind === 'printer'))?.id ?? null;
  }

  /** Prints the 容缺受理告知 of a case just accepted on a promise; never throws (the promise is stored already). */
  async printPendingNotice(c: CaseDTO, actor: CounterActor, printAt: string | undefined): Promise<PrintOutcomeDTO> {
    const { config, devices, runtime } = this.deps;
    const kiosk = this.noticeKiosk(printAt);
    if (!kiosk || !config.terminals.some((t) => t.id === kiosk && t.role === 'kiosk')) {
      return { status: 'no_printer', code: 'no_printer', message: kiosk ? `${kiosk} is not a kiosk: nothing was printed` : 'the hall has no kiosk with a printer: nothing was printed' };
    }
    const staff = config.staff.find((s) => s.id === actor.staffId);
    const rule = runtime.setup.dayRule;
    const now = runtime.timers.now();
    const { date, minute } = { date: localDateOf(now, rule), minute: Math.floor((((now / 60_000 + rule.utcOffsetMinutes) % 1440) + 1440) % 1440) };
    const notice = {
      hallName: config.hall.name,
      code: c.code,
      ticketNumber: c.ticketNumber,
      matterName: c.matterName,
      missing: c.missing,
      // materialsDueAt is the close (midnight) of the last day: the date before it.
      dueDateText: localDateOf(c.materialsDueAt! - 1, rule),
      counterNumber: config.counters.find((x) => x.id === actor.counterId)?.number ?? 0,
      staffText: staff ? `${staff.name}（工号 ${staff.staffNo}）` : '',
      printedAtText: `${date} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
    };
    try {
      return await devices.printNotice(kiosk, (profile) => renderPendingNotice(notice, profile).bytes);
    } catch (err) {
      return { status: 'failed', code: (err as { code?: string }).code ?? 'failed', message: (err as Error).message };
    }
  }
}
