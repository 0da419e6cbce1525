// The hall's own catalog of 办事指南 (guides), read from a JSON file the hall
// configuration names (`guides.file`, relative to the configuration file). It serves
// a matter's guide while the central platform has published none for it; central's
// guide, once received by the downlink, takes precedence matter by matter
// (hall/guides/guide-source.ts). Contract: every guide passes the same schema as
// central's catalog (protocol/central/downlink/schemas.ts guideSchema), names a
// matter code of this hall, and appears once. A bad file is refused whole with one
// GuideFileError listing every problem as "<file>: <json path>: <reason>";
// openLocalCatalog turns it into a start warning and an empty local catalog, so the
// queue still opens and central's guides still serve. Dangers: the file is only
// read, never rewritten — the technician's text is never lost to a fix-up.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { guideSchema, type Guide } from '../../protocol/central/downlink/schemas.js';
import { formatPath } from '../../protocol/http-json.js';
import type { HallConfig } from '../config/schema.js';

export class GuideFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`the hall's guide file ${file} is not valid (the file was left as it is; fix it and start the hall again):\n${problems.map((p) => `  ${file}: ${p.path || '(top level)'}: ${p.message}`).join('\n')}`);
    this.name = 'GuideFileError';
  }
}

const guideFileSchema = z
  .object({
    /** Bumped by whoever edits the file; shown with each guide as its version (指南版本). */
    version: z.number().int().min(1),
    guides: z.array(guideSchema),
  })
  .strict();

export interface LocalCatalog {
  /** The file read, absolute; null when the configuration names none. */
  file: string | null;
  version: number;
  guideOf(matterCode: string): Guide | null;
  size: number;
}

export const emptyLocalCatalog: LocalCatalog = { file: null, version: 0, guideOf: () => null, size: 0 };

/** Parses a guide file's text against the matters of the hall. Throws GuideFileError. */
export function parseLocalCatalog(text: string, file: string, matterCodes: ReadonlySet<string>): LocalCatalog {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new GuideFileError(file, [{ path: '', message: `not valid JSON (${(err as Error).message})` }]);
  }
  const parsed = guideFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GuideFileError(file, parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  const problems: { path: string; message: string }[] = [];
  const byCode = new Map<string, Guide>();
  parsed.data.guides.forEach((g, i) => {
    if (!matterCodes.has(g.code)) problems.push({ path: `guides[${i}].code`, message: `"${g.code}" is not the code of any matter in the hall configuration` });
    if (byCode.has(g.code)) problems.push({ path: `guides[${i}].code`, message: `a second guide for matter ${g.code}` });
    byCode.set(g.code, g as Guide);
  });
  if (problems.length) throw new GuideFileError(file, problems);
  return { file, version: parsed.data.version, guideOf: (code) => byCode.get(code) ?? null, size: byCode.size };
}

/** Reads the guide file the configuration names (relative to the configuration file); none named: an empty catalog. */
export function loadLocalCatalog(configPath: string, config: Pick<HallConfig, 'guides' | 'matters'>): LocalCatalog {
  if (!config.guides?.file) return emptyLocalCatalog;
  const file = path.resolve(path.dirname(configPath), config.guides.file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new GuideFileError(file, [{ path: '', message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }]);
  }
  return parseLocalCatalog(text, file, new Set(config.matters.map((m) => m.code)));
}

/** loadLocalCatalog for the hall's start: a bad file gives an empty catalog and the problem to report. */
export function openLocalCatalog(configPath: string, config: Pick<HallConfig, 'guides' | 'matters'>): { catalog: LocalCatalog; problem: string | null } {
  try {
    return { catalog: loadLocalCatalog(configPath, config), problem: null };
  } catch (err) {
    if (err instanceof GuideFileError) return { catalog: emptyLocalCatalog, problem: `${err.message}\n  The hall serves no guides of its own until the file is fixed (central's guides still serve).` };
    throw err;
  }
}
