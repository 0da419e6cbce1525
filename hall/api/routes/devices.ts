// Device routes: the technician's view (health, test print, emulator controls)
// and the kiosk's "forget my card". Emulator controls exist only for emulated
// devices: on real hardware they answer 409 not_emulated.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, readBody, type Router } from '../http.js';
import { staffSessionOf, terminalOf } from '../access.js';
import { emptySchema, emulatorActionSchema } from '../requests.js';
import type { DeviceDTO, TestPrintResponse } from '../dto.js';
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
  const admin = (ctx: Parameters<typeof staffSessionOf>[1]) => staffSessionOf(deps, ctx, terminalOf(deps, ctx, 'admin'));
  const handleOf = (id: string) => {
    const h = deps.manager?.byId(id);
    if (!h) throw new ApiError(404, 'not_found', `no device "${id}"`);
    return h;
  };
  const dtoOf = (id: string): DeviceDTO => deps.devices.list().find((d) => d.id === id)!;

  router.add('GET', '/api/v1/admin/devices', (ctx) => {
    admin(ctx);
    return deps.devices.list();
  });

  router.add('POST', '/api/v1/admin/devices/:deviceId/test-print', async (ctx): Promise<TestPrintResponse> => {
    admin(ctx);
    await readBody(ctx.req, emptySchema);
    const h = handleOf(ctx.params.deviceId!);
    if (h.kind !== 'printer') throw new ApiError(409, 'not_a_printer', `${h.config.id} is not a printer`);
    const { bytes } = await renderTicket(
      {
        hallName: deps.config.hall.name,
        number: 'T001',
        matterName: '打印测试 · 中文与二维码',
        queueName: '测试',
        peopleAhead: 0,
        waitMinutes: { min: 0, max: 5 },
        issuedAtText: localParts(deps.now(), deps.config.hall.utcOffsetMinutes).text,
        qrContent: `servicehall:test-print:${h.config.id}`,
        notice: ['这是一张测试票，请勿使用'],
      },
      { profile: h.profile },
    );
    const outcome = await h.printer.printRaw(bytes);
    const previewSvg = renderPreviewSvg(decodeEscPos(bytes), { paperWidthDots: h.profile.paperWidthDots });
    return {
      print: outcome.ok ? { status: 'printed', code: null, message: null } : { status: 'failed', code: outcome.code, message: outcome.message },
      previewSvg,
    };
  });

  router.add('POST', '/api/v1/admin/devices/:deviceId/emulator', async (ctx): Promise<DeviceDTO> => {
    admin(ctx);
    const body = await readBody(ctx.req, emulatorActionSchema);
    const h = handleOf(ctx.params.deviceId!);
    if (!h.emulated) throw new ApiError(409, 'not_emulated', `${h.config.id} is real hardware: use the device itself`);
    switch (body.action) {
      case 'unplug':
      case 'replug':
        await h[body.action]?.();
        break;
      case 'swipe_card': {
        if (h.kind !== 'id_reader' || !h.emulator) throw new ApiError(409, 'wrong_device', `${h.config.id} is not an ID card reader`);
        const emulator = h.emulator;
        emulator.insertCard(demoCard(body.fixture));
        // A swipe: the card rests on the reader long enough for a read, then is taken away.
        setTimeout(() => emulator.removeCard(), 4000).unref();
        break;
      }
      case 'press':
        if (h.kind !== 'rating_pad' || !h.emulator) throw new ApiError(409, 'wrong_device', `${h.config.id} is not a rating pad`);
        await h.emulator.press(body.level);
        break;
      case 'printer_state':
        if (h.kind !== 'printer' || !h.emulator) throw new ApiError(409, 'wrong_device', `${h.config.id} is not a printer`);
        h.emulator.setState(body.state);
        break;
    }
    return dtoOf(h.config.id);
  });

  router.add('POST', '/api/v1/kiosk/card/clear', async (ctx) => {
    const kiosk = terminalOf(deps, ctx, 'kiosk');
    await readBody(ctx.req, emptySchema);
    deps.cards.clear(kiosk.id);
    return { ok: true };
  });
}
