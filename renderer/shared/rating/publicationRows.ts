// The 评价公示's rows as a page shows them, in the order both the hall display's rotation and
// the public page use: the hall, each counter, the self-service zone, each matter.
// Pure (tested under Node); the figures come from the hall's one computation (hall/ratings/publication.ts).
import type { PublicationRowDTO, RatingPublicationDTO } from '../../../hall/api/dto';

export type PublicationGroup = 'hall' | 'counters' | 'selfService' | 'matters';

export interface ShownRow {
  group: PublicationGroup;
  row: PublicationRowDTO;
}

export function publicationRows(p: RatingPublicationDTO): ShownRow[] {
  return [
    { group: 'hall' as const, row: p.hall },
    ...p.counters.map((row) => ({ group: 'counters' as const, row })),
    ...(p.selfService ? [{ group: 'selfService' as const, row: p.selfService }] : []),
    ...p.matters.map((row) => ({ group: 'matters' as const, row })),
  ];
}

/** Satisfaction as a percentage with one decimal ("96.2"), or null when nothing was rated. */
export function percent(row: PublicationRowDTO): string | null {
  return row.satisfaction === null ? null : (Math.round(row.satisfaction * 1000) / 10).toFixed(1);
}
