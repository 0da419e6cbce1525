// Which 办事指南 the hall serves for a matter: central's, once the downlink has
// received one for the matter's code, else the hall's own (local-catalog.ts).
// Contract: precedence is per matter and checked at every call, so a guide that
// arrives from central replaces the local one at once, and a matter central has not
// published keeps its local guide. Never an invented guide: no guide in either
// catalog answers null.
import type { Guide } from '../../protocol/central/downlink/schemas.js';
import type { DatasetReader } from '../sync/downlink/dataset-reader.js';
import type { LocalCatalog } from './local-catalog.js';

export type GuideOrigin = 'central' | 'hall';

export interface ServedGuide {
  guide: Guide;
  origin: GuideOrigin;
  /** The version of the catalog it came from (central's dataset version, or the local file's). */
  version: number;
  /** When central's catalog was last applied; null for the local file. */
  syncedAt: number | null;
}

export class GuideSource {
  constructor(
    private readonly central: Pick<DatasetReader, 'guideOf' | 'versionOf'>,
    private readonly local: LocalCatalog,
  ) {}

  guideOf(matterCode: string): ServedGuide | null {
    const fromCentral = this.central.guideOf(matterCode);
    if (fromCentral) {
      const { version, syncedAt } = this.central.versionOf('catalog');
      return { guide: fromCentral, origin: 'central', version, syncedAt };
    }
    const fromHall = this.local.guideOf(matterCode);
    return fromHall ? { guide: fromHall, origin: 'hall', version: this.local.version, syncedAt: null } : null;
  }
}
