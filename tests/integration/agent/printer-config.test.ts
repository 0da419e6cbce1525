// Printers as halls buy them, set up the way a user does it: the hall
// configuration carries a custom printer profile and per-device printer
// settings (docs/devices/printer.md, docs/device-agent.md), the kiosk's agent
// prints to a network printer (a real TCP emulator) that answers real-time
// status but not the post-print query, or answers nothing at all.
// Each case: the ticket comes out exactly once, the kiosk gets "printed, not
// confirmed" — never a failure — and the QR code carries hall.publicUrl.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, loadPrinterProfile, splitAtCuts, startPrinterEmulator, type PrinterEmulator } from '../../../drivers/printer/index.js';
import { demoConfigWith, startAgents, startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { IssueTicketResponse } from '../../../hall/api/dto.js';
import type { EmulatorReplies } from '../../../drivers/printer/emulator-core.js';

let h: Harness | null = null;
let emulator: PrinterEmulator | null = null;
afterEach(async () => {
  await h?.close();
  await emulator?.close();
  h = null;
  emulator = null;
});

/** A hall whose kiosk-1 prints on a TCP printer at `port`, with the given printer settings and profiles. */
async function hallWithPrinter(port: number, device: Record<string, unknown>, printerProfiles: unknown[] = []): Promise<Harness> {
  const configPath = demoConfigWith((c) => {
    (c.hall as Record<string, unknown>).publicUrl = 'https://hall.example.gov.cn';
    c.printerProfiles = printerProfiles;
    c.devices = [{ id: 'kiosk-1-printer', terminalId: 'kiosk-1', kind: 'printer', transport: { type: 'tcp', host: '127.0.0.1', port }, ...device }];
  });
  const harness = await startHarness({ configPath });
  const agents = await startAgents(harness.hall, ['kiosk-1'], harness.dataDir);
  for (const [id, a] of agents) harness.agents.set(id, a);
  return harness;
}

async function issueAndWait(harness: Harness) {
  const res = await harness.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-03' } });
  expect(res.status).toBe(201);
  expect(res.body.print).toMatchObject({ status: 'sending' });
  await expect.poll(() => harness.hall.devices.printJobs.ticketOutcome(res.body.ticket.id)?.status).not.toBe('sending');
  return { res, outcome: harness.hall.devices.printJobs.ticketOutcome(res.body.ticket.id)! };
}

async function emulatorWith(replies: EmulatorReplies, profileId = 'generic-epson') {
  emulator = await startPrinterEmulator({ transport: 'tcp', profile: loadPrinterProfile(profileId), replies });
  return emulator;
}

describe('printer settings in the hall configuration', () => {
  it('a printer that answers status but not GS r: "printed, not confirmed" after the configured short wait, printed once', async () => {
    const em = await emulatorWith('realtime-only');
    h = await hallWithPrinter(em.port!, { model: 'generic-epson', printer: { confirm: true, confirmTimeoutMs: 500 } });
    const { res, outcome } = await issueAndWait(h);
    expect(outcome).toMatchObject({ status: 'unconfirmed', code: 'print_unconfirmed' });
    const jobs = await em.waitForJobs(1);
    expect(jobs).toHaveLength(1);
    const qr = splitAtCuts(decodeEscPos(jobs[0]!))[0]!.find((el) => el.kind === 'qr') as { content: string };
    // The public address from the configuration, not the Host header the kiosk used (127.0.0.1).
    expect(qr.content).toBe(`https://hall.example.gov.cn${res.body.ticket.progressUrl}`);
  });

  it('a one-way printer declared with readsStatus: false prints blind, reported as not confirmed', async () => {
    const em = await emulatorWith('none');
    h = await hallWithPrinter(em.port!, { model: 'generic-epson', printer: { readsStatus: false } });
    const { outcome } = await issueAndWait(h);
    expect(outcome.status).toBe('unconfirmed');
    expect(await em.waitForJobs(1)).toHaveLength(1);
  });

  it('a custom profile from printerProfiles (extending a bundled one) is used by its model name', async () => {
    const em = await emulatorWith('realtime-only');
    const custom = { id: 'acme-80', extends: 'generic-epson', name: 'ACME 80 mm kiosk printer', features: { transmitStatus: false } };
    h = await hallWithPrinter(em.port!, { model: 'acme-80' }, [custom]);
    // No GS r on this model: nothing to wait for, and with real-time status seen after the job the print counts as confirmed.
    const { outcome } = await issueAndWait(h);
    expect(['printed', 'unconfirmed']).toContain(outcome.status);
    expect(h.hall.devices.list().find((d) => d.id === 'kiosk-1-printer')).toMatchObject({ model: 'acme-80', agentConnected: true });
    expect(await em.waitForJobs(1)).toHaveLength(1);
  });

  it('a model nobody knows shows as a fault on the admin list and the kiosk still issues its ticket', async () => {
    const em = await emulatorWith('all');
    h = await hallWithPrinter(em.port!, { model: 'no-such-printer' });
    expect(h.hall.devices.list().find((d) => d.id === 'kiosk-1-printer')?.health).toMatchObject({ state: 'fault', code: 'unknown_profile' });
    const res = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-03' } });
    expect(res.status).toBe(201);
    expect(res.body.print).toMatchObject({ status: 'failed', code: 'unknown_profile' });
  });
});
