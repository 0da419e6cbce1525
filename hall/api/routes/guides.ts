// Guide routes: the 一次性告知 (one-time notice) of a matter for kiosk and
// counter terminals — the complete materials list and the rest of the 办事指南
// from central's catalog, or the hall's own where central has none
// (hall/guides/guide-source.ts) — the same guide for a visitor's phone (public,
// the kiosk's QR code), its print on a kiosk's ticket printer, and the downlink
// status for the admin page.
// Contract: answers from the last good catalog the hall holds (works offline
// and outside opening hours); 404 unknown_matter for a matter the hall does
// not offer, 404 guide_not_available when neither catalog has a guide for it
// (never an invented or partial guide, printed or shown). A print is refused
// (409) before anything is sent when the kiosk has no printer or its printer
// is in fault; one notice per kiosk prints at a time. Register with
// guideRoutes(router, { ...deps, reader, local, downlinkStatus }). Access is declared per
// route in hall/api/contract.ts and enforced by the Router.
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import type { GuideDTO, MatterGuideDTO } from '../dto.js';
import type { DatasetReader } from '../../sync/downlink/dataset-reader.js';
import type { Guide } from '../../../protocol/central/downlink/schemas.js';
import type { DownlinkStatus } from '../../sync/downlink/worker.js';
import type { HallConfig } from '../../config/schema.js';
import { localParts } from '../../domain/index.js';
import { noticeMaterials, renderNotice } from '../../devices/notice-job.js';
import type { ApiDeps } from './deps.js';
import { GuideSource } from '../../guides/guide-source.js';
import type { LocalCatalog } from '../../guides/local-catalog.js';

export type MatterGuideResponse = MatterGuideDTO;

/** Compile-time check: what the catalog holds fits the contract the renderer reads. */
const asDto = (guide: Guide): GuideDTO => guide;

/** Where visitors ask: the enquiry counters, else the general (一窗受理) counters. */
export function enquiryCounterText(config: Pick<HallConfig, 'counters'>): string | undefined {
  const enquiry = config.counters.filter((c) => c.kind === 'enquiry');
  const chosen = enquiry.length ? enquiry : config.counters.filter((c) => c.kind === 'general');
  if (!chosen.length) return undefined;
  return chosen.map((c) => `${c.number}号窗口 ${c.name}${c.area ? `（${c.area}）` : ''}`).join('、');
}

export interface GuideRouteDeps extends Pick<ApiDeps, 'config' | 'devices' | 'now' | 'publicUrl'> {
  /** The datasets (catalog) the hall holds. */
  reader: DatasetReader;
  /** The hall's own guides (configuration `guides.file`), served where central has none. */
  local: LocalCatalog;
  /** The downlink's status; absent when the hall has no central platform (then GET /admin/datasets is not mounted). */
  downlinkStatus?: () => DownlinkStatus;
}

export function guideRoutes(router: Router, deps: GuideRouteDeps): void {
  const { downlinkStatus } = deps;
  const source = new GuideSource(deps.reader, deps.local);
  /** The matter and its guide, or the 404 that says which is missing. */
  const guideFor = (matterId: string) => {
    const matter = deps.config.matters.find((m) => m.id === matterId);
    if (!matter) throw new ApiError(404, 'unknown_matter', `this hall offers no matter "${matterId}"`);
    const served = source.guideOf(matter.code);
    if (!served) {
      throw new ApiError(404, 'guide_not_available', `neither the central platform's catalog nor the hall's own guides have a guide for matter ${matter.code}; ask at the enquiry counter`);
    }
    return { matter, ...served };
  };
  const matterGuide = (matterId: string): MatterGuideResponse => {
    const { matter, guide, origin, version, syncedAt } = guideFor(matterId);
    // The public address is known once the server listens (before that no request arrives).
    const base = deps.publicUrl();
    const phoneUrl = base ? new URL(`/guide/?matter=${encodeURIComponent(matterId)}`, base).toString() : null;
    return { matterId, matterCode: matter.code, catalogVersion: version, syncedAt, materials: noticeMaterials(guide), guide: asDto(guide), origin, ...(phoneUrl ? { phoneUrl } : {}) };
  };

  router.route('matterGuide', (ctx) => matterGuide(ctx.params.matterId));
  router.route('phoneGuide', (ctx) => matterGuide(ctx.params.matterId));

  const printing = new Set<string>();
  router.route('guidePrint', async (ctx) => {
    const kiosk = ctx.terminal;
    const { matterId } = await ctx.body();
    const { guide, version } = guideFor(matterId);
    // A declared printer whose agent is away is "unavailable" (as for tickets), not "no printer".
    const status = deps.devices.printingStatus(kiosk.id);
    if (status.reason === 'no_printer') throw new ApiError(409, 'no_printer', `kiosk ${kiosk.id} has no ticket printer`);
    const profile = deps.devices.printerProfile(kiosk.id);
    if (!status.available || !profile) {
      const reason = status.reason ?? 'agent_starting';
      throw new ApiError(409, 'printer_unavailable', `the printer of kiosk ${kiosk.id} cannot print now (${reason})`, { reason });
    }
    if (printing.has(kiosk.id)) throw new ApiError(409, 'print_busy', `kiosk ${kiosk.id} is already printing a notice`);
    printing.add(kiosk.id);
    try {
      const enquiry = enquiryCounterText(deps.config);
      let rendered;
      try {
        rendered = renderNotice(
          guide,
          { hallName: deps.config.hall.name, printedAtText: localParts(deps.now(), deps.config.hall.utcOffsetMinutes).text, catalogVersion: version, ...(enquiry ? { enquiryCounterText: enquiry } : {}) },
          profile,
        );
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'invalid_ticket';
        throw new ApiError(409, 'print_failed', `the notice cannot be laid out for this printer: ${(err as Error).message}`, { reason: code, printed: 'none' });
      }
      const outcome = await deps.devices.printNotice(kiosk.id, () => rendered.bytes);
      if (outcome.status !== 'printed' && outcome.status !== 'unconfirmed') {
        throw new ApiError(409, 'print_failed', `the notice did not print (${outcome.code}): ${outcome.message}`, { reason: outcome.code ?? outcome.status, printed: outcome.status === 'failed' ? 'none' : 'unknown' });
      }
      return { matterId, catalogVersion: version, materials: guide.materials.length, print: { status: 'printed', warnings: [...new Set(rendered.warnings.map((w) => w.code).concat(outcome.status === 'unconfirmed' ? ['print_unconfirmed'] : []))] } };
    } finally {
      printing.delete(kiosk.id);
    }
  });

  if (downlinkStatus) {
    router.route('datasets', () => downlinkStatus());
  }
}
