// Tickets go to the kiosk's printer: the emulated ESC/POS printer over a real
// TCP socket, driven by the real driver. A printer fault never loses a ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { decodeEscPos, splitAtCuts, textLines } from '../../../drivers/printer/index.js';
import type { HallEventDTO, HallInfoDTO, IssueTicketResponse } from '../../../hall/api/dto.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ devices: 'configured' });
});
/** The emulated ESC/POS printer behind kiosk-1 (it speaks the wire protocol over TCP). */
const printerEmulator = () => h.agentDevice('printer', 'kiosk-1').emulator!;
/** The outcome the kiosk's agent reported for a ticket's print (the kiosk page gets it as a live print_outcome). */
const outcomeOf = (ticketId: string) => h.hall.devices.printJobs.ticketOutcome(ticketId);

afterAll(() => h.close());

const issue = (body: object) => h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body });

describe('printing tickets', () => {
  it('prints the number, matter, wait and a QR code of the absolute progress address', async () => {
    const res = await issue({ matterId: 'rsj-03' });
    // The kiosk never waits for the printer: the job is on its way to the kiosk's device agent.
    expect(res.body.print).toEqual({ status: 'sending', code: null, message: null });
    await expect.poll(() => outcomeOf(res.body.ticket.id)).toEqual({ status: 'printed', code: null, message: null });
    const [job] = await printerEmulator().waitForJobs(1);
    const ticket = splitAtCuts(decodeEscPos(job!))[0]!;
    const text = textLines(ticket).join('\n');
    expect(text).toContain('东胜区政务服务中心');
    expect(text).toContain('C001');
    expect(text).toContain('社会保障卡申领');
    const qr = ticket.find((el) => el.kind === 'qr') as { content: string } | undefined;
    expect(qr?.content).toBe(new URL(res.body.ticket.progressUrl, h.url).toString());
  });

  it('keeps the ticket valid and says why when the printer is out of paper, then recovers', async () => {
    const emulator = printerEmulator();
    emulator.setState({ paperOut: true });
    const failed = await issue({ matterId: 'rsj-01' });
    expect(failed.status).toBe(201);
    expect(failed.body.ticket.number).toBe('C002');
    // Refused at once when the hall already knows the printer is out of paper, else reported by the agent.
    await expect.poll(() => outcomeOf(failed.body.ticket.id) ?? failed.body.print).toMatchObject({ status: 'failed', code: 'paper_out' });
    await expect
      .poll(async () => (await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0&limit=500', { terminal: 'admin' })).body.filter((e) => e.type === 'print_failed').map((e) => e.payload))
      .toEqual([expect.objectContaining({ number: 'C002', code: 'paper_out', kioskId: 'kiosk-1' })]);

    // Until the printer recovers, kiosks know not to promise paper.
    for (let i = 0; i < 100 && h.hall.devices.printingStatus('kiosk-1').available; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await h.api<HallInfoDTO>('GET', '/api/v1/hall', { terminal: 'kiosk-1' })).body.printing).toEqual({ available: false, reason: 'paper_out' });

    emulator.setState({ paperOut: false });
    for (let i = 0; i < 200 && !h.hall.devices.printingStatus('kiosk-1').available; i++) await new Promise((r) => setTimeout(r, 25));
    const again = await issue({ matterId: 'rsj-01' });
    await expect.poll(() => outcomeOf(again.body.ticket.id)?.status).toBe('printed');
    expect(again.body.ticket.number).toBe('C003');
  });
});
