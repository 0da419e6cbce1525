// Device routes: the technician's view (health, test print, emulator controls)
// and the kiosk's "forget my card". Emulator controls exist only for emulated
// devices: on real hardware they answer 409 not_emulated. Access is declared per
// route in hall/api/contract.ts and enforced by the Router.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import type { DeviceDTO } from '../dto.js';
import type { ApiDeps } from './deps.js';
import { localParts } from '../../domain/index.js';
import { decodeEscPos, renderPreviewSvg, renderTicket } from '../../../drivers/printer/index.js';
import type { EmulatedCard } from '../../../drivers/idcard/text-block.js';

const demoCardsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/demo-cards');

function demoCard(fixture: string): EmulatedCard {
  if (!/^[a-z0-9-]{1,60}$/.test(fixture)) throw new ApiError(400, 'invalid_request', 'fixture must be a demo card name');
  try {
    return (JSON.parse(fs.readFileSync(path.join(demoCardsDir, `${fixture}.json`), 'utf8')) as { card: EmulatedCard }).card;
  } catch {
    throw new ApiError(404, 'not_found', `no demo card "${fixture}" in config/demo-cards`);
  }
}

export function deviceRoutes(router: Router, deps: ApiDeps): void {
  const deviceOf = (ctx: { params: { deviceId: string }; url: URL }): DeviceDTO => {
    const d = deps.devices.find(ctx.params.deviceId, ctx.url.searchParams.get('terminal') ?? undefined);
    if (!d) throw new ApiError(404, 'not_found', `no device "${ctx.params.deviceId}"`);
    return d;
  };

  router.route('devices', () => deps.devices.list());

  // Laid out here for the profile the printer's agent reported, printed there; the preview shows exactly the bytes sent.
  router.route('testPrint', async (ctx) => {
    await ctx.body();
    const device = deviceOf(ctx);
    if (device.kind !== 'printer') throw new ApiError(409, 'not_a_printer', `${device.id} is not a printer`);
    const profile = deps.devices.printerProfile(device.terminalId, device.id);
    if (!profile) throw new ApiError(409, 'agent_offline', `the device agent of terminal ${device.terminalId} has not reported this printer's model`);
    const { bytes } = renderTicket(
      {
        hallName: deps.config.hall.name,
        number: 'T001',
        matterName: '打印测试 · 中文与二维码',
        queueName: '测试',
        peopleAhead: 0,
        waitMinutes: { min: 0, max: 5 },
        issuedAtText: localParts(deps.now(), deps.config.hall.utcOffsetMinutes).text,
        qrContent: `servicehall:test-print:${device.id}`,
        notice: ['这是一张测试票，请勿使用'],
      },
      { profile },
    );
    const print = await deps.devices.testPrint(device, bytes);
    return { print, previewSvg: renderPreviewSvg(decodeEscPos(bytes), { paperWidthDots: profile.paperWidthDots }) };
  });

  // Demo and test controls of emulated devices, carried out by the device's own agent.
  router.route('emulator', async (ctx) => {
    const body = await ctx.body();
    const device = deviceOf(ctx);
    if (!device.emulated) throw new ApiError(409, 'not_emulated', `${device.id} is real hardware: use the device itself`);
    const action = body.action === 'swipe_card' ? { action: 'swipe_card' as const, card: demoCard(body.fixture) as unknown as Record<string, unknown> } : body;
    const answer = await deps.devices.emulator(device, action);
    if (!answer.ok) throw new ApiError(answer.code === 'agent_offline' || answer.code === 'agent_timeout' ? 503 : 409, answer.code ?? 'failed', answer.message ?? 'the device agent refused');
    return deviceOf(ctx);
  });

  router.route('clearCard', async (ctx) => {
    await ctx.body();
    deps.cards.clear(ctx.terminal.id);
    return { ok: true };
  });
}
