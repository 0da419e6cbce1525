// The hall's own 办事指南 (config/demo-guides.json through `guides.file`) in a hall that
// has no central platform: every demo matter answers a complete guide (the same schema
// central's catalog must pass), on kiosk terminals and on the public phone route, with a
// phone address the QR code opens. A damaged guide file is reported plainly at start, the
// hall still issues tickets, nothing stored is lost and the file is left as it was.
// Mutations tried: guideRoutes ignoring `local` (every GET answers 404 guide_not_available);
// openLocalCatalog rethrowing (the damaged-file hall does not start); a parser that accepts
// guides for codes the hall does not have (the unknown-code case passes without a problem).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { demoConfigWith, startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';
import { guideSchema } from '../../../protocol/central/downlink/schemas.js';
import { GuideFileError, parseLocalCatalog } from '../../../hall/guides/local-catalog.js';
import type { ApiErrorBody, IssueTicketResponse, MatterGuideDTO } from '../../../hall/api/dto.js';

const demoGuides = path.resolve(import.meta.dirname, '../../../config/demo-guides.json');
const codes = new Set(demoHall.matters.map((m) => m.code));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ configPath: demoConfigWith(() => {}) });
});
afterAll(() => h?.close());

describe("the hall's own guides, with no central platform", () => {
  it('answers a complete guide for every demo matter, marked as the hall’s own', async () => {
    for (const m of demoHall.matters) {
      const res = await h.api<MatterGuideDTO>('GET', `/api/v1/matters/${m.id}/guide`, { terminal: 'kiosk-1' });
      expect(res.status, m.id).toBe(200);
      expect(res.body.origin).toBe('hall');
      expect(res.body.matterCode).toBe(m.code);
      expect(guideSchema.safeParse(res.body.guide).success, m.id).toBe(true);
      expect(res.body.phoneUrl).toBe(new URL(`/guide/?matter=${m.id}`, h.hall.url).toString());
    }
  });

  it('serves the same guide on the public phone route without any token', async () => {
    const res = await fetch(`${h.hall.url}/api/v1/public/matters/rsj-03/guide`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as MatterGuideDTO;
    expect(body.guide.materials.map((m) => m.name)).toContain('社会保障卡申领登记表');
    const unknown = await fetch(`${h.hall.url}/api/v1/public/matters/no-such/guide`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ApiErrorBody).error.code).toBe('unknown_matter');
  });
});

describe('a damaged guide file', () => {
  it('is refused whole with every problem named by file and path', () => {
    const good = JSON.parse(fs.readFileSync(demoGuides, 'utf8')) as { version: number; guides: Record<string, unknown>[] };
    const bad = structuredClone(good);
    bad.guides[0]!.code = '150602-XX-9999';
    (bad.guides[1]!.materials as { name: string }[])[0]!.name = '其他材料';
    bad.guides.push(structuredClone(good.guides[2]!));
    let error: unknown;
    try {
      parseLocalCatalog(JSON.stringify(bad), 'guides.json', codes);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GuideFileError);
    const message = (error as Error).message;
    expect(message).toContain('guides[1].materials[0].name');
    expect(message).toContain('vague catch-all');
    // Schema problems come first; the code checks run on a file whose guides all parse.
    const codeOnly = structuredClone(good);
    codeOnly.guides[0]!.code = '150602-XX-9999';
    codeOnly.guides.push(structuredClone(good.guides[2]!));
    expect(() => parseLocalCatalog(JSON.stringify(codeOnly), 'guides.json', codes)).toThrow(/guides\[0\]\.code: "150602-XX-9999" is not the code of any matter[\s\S]*guides\[33\]\.code: a second guide for matter 150602-BDC-0003/);
    expect(() => parseLocalCatalog('{"version": 1, "guides": [', 'guides.json', codes)).toThrow(/guides\.json: \(top level\): not valid JSON/);
  });

  it('starts the hall without its own guides, says why, keeps the tickets and leaves the file as it was', async () => {
    const dir = fs.mkdtempSync(path.join(tempDataDir(), 'guides-'));
    const file = path.join(dir, 'guides.json');
    fs.copyFileSync(demoGuides, file);
    const configPath = demoConfigWith((c) => (c.guides = { file }));

    const hall = await startHarness({ configPath });
    try {
      expect(hall.hall.warnings.join('\n')).not.toContain('guide file');
      const issued = await hall.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-03' } });
      expect(issued.status).toBe(201);

      const damaged = fs.readFileSync(file, 'utf8').slice(0, 5000); // cut short, as by a full disk or an editor crash
      fs.writeFileSync(file, damaged);
      await hall.restart(); // the same data folder, as a hall PC reboot
      expect(hall.hall.warnings.join('\n')).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(top level\\): not valid JSON`));
      const guide = await hall.api<ApiErrorBody>('GET', '/api/v1/matters/rsj-03/guide', { terminal: 'kiosk-1' });
      expect(guide.status).toBe(404);
      expect(guide.body.error.code).toBe('guide_not_available');
      expect(hall.hall.runtime.state.tickets.get(issued.body.ticket.id)?.number).toBe(issued.body.ticket.number);
      const next = await hall.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-03' } });
      expect(next.status).toBe(201);
      expect(fs.readFileSync(file, 'utf8')).toBe(damaged);
    } finally {
      await hall.close();
    }
  });
});
