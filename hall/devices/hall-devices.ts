// The hall service's view of devices, all of which live on other machines (or
// other processes) behind their terminal's device agent: print a ticket or a
// notice at a kiosk, run a technician's command, list every device.
// Contract: printTicket never throws, never waits for the printer and never
// loses the ticket — the outcome follows on the kiosk's live feed. Layout
// happens here, for the printer profile the kiosk's agent reported, so every
// kiosk prints the same ticket the same way.
import type { DeviceDTO, PrintOutcomeDTO, TicketDTO } from '../api/dto.js';
import type { HallConfig } from '../config/schema.js';
import type { AgentEmulatorAction, AgentToHall } from '../../protocol/agent.js';
import { renderTicket, type PrinterProfile } from '../../drivers/printer/index.js';
import type { AgentHub } from './agent-hub.js';
import type { DeviceRegistry } from './device-registry.js';
import type { PrintJobs } from './print-jobs.js';
import { ticketPrintJob } from './ticket-job.js';

type CommandResult = Extract<AgentToHall, { type: 'command_result' }>;

export class HallDevices {
  constructor(
    private readonly config: HallConfig,
    readonly registry: DeviceRegistry,
    readonly printJobs: PrintJobs,
    private readonly hub: AgentHub,
  ) {}

  /** `progressUrl`: the absolute address the ticket's QR code opens (the hall's public address). */
  printTicket(kioskId: string, ticket: TicketDTO, progressUrl: string): PrintOutcomeDTO {
    const printer = this.registry.printerOf(kioskId);
    if (!printer) {
      const meta = { kind: 'ticket' as const, terminalId: kioskId, ticketId: ticket.id };
      // Reported but unusable (e.g. a model nobody knows): its own fault, in its own words.
      const broken = this.registry.devicesOf(kioskId, 'printer')[0];
      if (broken) return this.printJobs.unavailable(meta, broken.health.code, `${broken.health.message} Nothing was printed.`);
      // Declared but not reported: the agent is away, or connected and not done opening its devices yet.
      if (this.config.devices.some((d) => d.terminalId === kioskId && d.kind === 'printer')) {
        const online = this.registry.isOnline(kioskId);
        return this.printJobs.unavailable(meta, online ? 'agent_starting' : 'agent_offline', `the device agent of kiosk ${kioskId} ${online ? 'has not opened its printer yet' : 'is not connected'}: printing is unavailable`);
      }
      return { status: 'no_printer', code: 'no_printer', message: `kiosk ${kioskId} has no ticket printer` };
    }
    let bytes: Uint8Array;
    try {
      bytes = renderTicket(ticketPrintJob(this.config, ticket, progressUrl), { profile: printer.profile }).bytes;
    } catch (err) {
      // Never sent, but a ticket without paper all the same: recorded among the unprinted tickets.
      const meta = { kind: 'ticket' as const, terminalId: kioskId, ticketId: ticket.id };
      return this.printJobs.unavailable(meta, (err as { code?: string }).code ?? 'invalid_ticket', (err as Error).message, printer.deviceId);
    }
    return this.printJobs.submit({ kind: 'ticket', terminalId: kioskId, ticketId: ticket.id, number: ticket.number }, printer.deviceId, bytes).print;
  }

  /** Lays out with the kiosk's printer profile and prints; waits up to `waitMs` for the outcome (the visitor asked for this paper). */
  async printNotice(kioskId: string, render: (profile: PrinterProfile) => Uint8Array, waitMs = 15_000): Promise<PrintOutcomeDTO> {
    const printer = this.registry.printerOf(kioskId);
    if (!printer) return { status: 'no_printer', code: 'no_printer', message: `kiosk ${kioskId} has no ticket printer` };
    const { jobId, print } = this.printJobs.submit({ kind: 'notice', terminalId: kioskId }, printer.deviceId, render(printer.profile));
    if (print.status !== 'sending') return print;
    return (await this.printJobs.wait(jobId, waitMs)) ?? { status: 'sending', code: null, message: 'the printer has not answered yet' };
  }

  /** The profile a kiosk's printer reported, for callers that lay out and must know the paper first. */
  printerProfile(terminalId: string, deviceId?: string): PrinterProfile | null {
    return this.registry.printerOf(terminalId, deviceId)?.profile ?? null;
  }

  /** Technician's test print on one printer: bytes laid out here, printed by its agent. */
  async testPrint(device: DeviceDTO, bytes: Uint8Array): Promise<PrintOutcomeDTO> {
    const answer = await this.hub.request(device.terminalId, { deviceId: device.id, command: { kind: 'test_print', bytes: Buffer.from(bytes).toString('base64') } });
    if (!answer.ok || !answer.print) return { status: 'failed', code: answer.code ?? 'failed', message: answer.message };
    const p = answer.print;
    return { status: p.status === 'not_printed' ? 'failed' : p.status, code: p.code, message: p.message };
  }

  emulator(device: DeviceDTO, action: AgentEmulatorAction): Promise<CommandResult> {
    return this.hub.request(device.terminalId, { deviceId: device.id, command: { kind: 'emulator', emulator: action } });
  }

  find(deviceId: string, terminalId?: string): DeviceDTO | undefined {
    return this.list().find((d) => d.id === deviceId && (!terminalId || d.terminalId === terminalId));
  }

  list(): DeviceDTO[] {
    return this.registry.list();
  }

  printingStatus(kioskId?: string): { available: boolean; reason: string | null } {
    return this.registry.printingStatus(kioskId);
  }

  onChange(listener: (devices: DeviceDTO[]) => void): () => void {
    return this.registry.onChange(listener);
  }
}
