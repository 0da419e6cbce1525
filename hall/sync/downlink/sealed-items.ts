// Personal data in downlink items, sealed at rest (docs/privacy.md): a `home_visits` item's
// `contact` (name, phone, address of the visitor) is stored in dataset_items and
// dataset_shadow_items as `contactSealed` — AES-256-GCM with the hall's identity.key
// (hall/identity/sealer.ts), base64 — never in clear. Every other dataset is stored as received.
// Contract: published(dataset, stored(dataset, value)) === canonicalJson(value), byte for byte,
// so the checksum against central's (computed over the published text) still holds.
// Dangers: the stored text of home_visits is readable only with identity.key (sealedRows()
// counts it); never log a published home_visits value.
import type { IdentitySealer } from '../../identity/sealer.js';
import { canonicalJson } from '../../../protocol/central/downlink/canonical.js';
import type { DatasetName } from '../../../protocol/central/downlink/schemas.js';

const SEALED: ReadonlySet<DatasetName> = new Set(['home_visits']);

/** Turns received items into the text the hall stores, and stored text back into what central published. */
export class ItemSealing {
  constructor(private readonly sealer: IdentitySealer | null) {}

  /** The text to store for a received (already validated) item. */
  stored(dataset: DatasetName, value: unknown): string {
    if (!SEALED.has(dataset)) return canonicalJson(value);
    const { contact, ...rest } = value as { contact: unknown };
    return canonicalJson({ ...rest, contactSealed: this.need(dataset).seal(canonicalJson(contact)).toString('base64') });
  }

  /** The canonical JSON text central published for a stored item (the contact opened). */
  published(dataset: DatasetName, stored: string): string {
    if (!SEALED.has(dataset)) return stored;
    const { contactSealed, ...rest } = JSON.parse(stored) as { contactSealed?: string };
    // Stored in clear by a hall version before this file (DatasetStore.sealClearItems() seals it at start).
    if (contactSealed === undefined) return stored;
    return canonicalJson({ ...rest, contact: JSON.parse(this.need(dataset).open(Buffer.from(contactSealed, 'base64'))) as unknown });
  }

  /** Whether a stored text of `dataset` still holds personal data in clear (stored before sealing). */
  inClear(dataset: DatasetName, stored: string): boolean {
    return SEALED.has(dataset) && (JSON.parse(stored) as { contactSealed?: string }).contactSealed === undefined;
  }

  private need(dataset: DatasetName): IdentitySealer {
    if (!this.sealer) throw new Error(`${dataset} items hold personal data and are stored only sealed: this downlink store was opened without the hall's identity sealer`);
    return this.sealer;
  }
}
