// How kiosks lay out their screens (docs/screens.md). `reachableZone` (低位操作): every action
// in the lower half of the screen, for visitors in a wheelchair; hall-wide, per kiosk, and a
// visitor can switch it on the kiosk's start screen until the kiosk goes idle.
// Contract: a kiosk's setting is its own entry in `kiosks` if any, else the hall's.
import { z } from 'zod';

export const kioskLayoutSchema = z
  .object({
    /** Every kiosk starts in the reachable-zone layout. */
    reachableZone: z.boolean().default(false),
    /** Per-kiosk overrides, by terminal id (a kiosk mounted low or high): `{"kiosk-2": {"reachableZone": true}}`. */
    kiosks: z.record(z.string(), z.object({ reachableZone: z.boolean() }).strict()).default({}),
  })
  .strict()
  .default({ reachableZone: false, kiosks: {} });

export type KioskLayoutConfig = z.infer<typeof kioskLayoutSchema>;

/** Overrides that name no kiosk terminal, with their path in the configuration. */
export function kioskLayoutProblems(layout: KioskLayoutConfig, terminals: readonly { id: string; role: string }[]): { path: (string | number)[]; message: string }[] {
  return Object.keys(layout.kiosks)
    .filter((id) => !terminals.some((t) => t.id === id && t.role === 'kiosk'))
    .map((id) => ({ path: ['kioskLayout', 'kiosks', id], message: `no kiosk terminal "${id}"` }));
}

/** The layout a kiosk starts in (and returns to when idle). */
export function reachableZoneFor(layout: KioskLayoutConfig, kioskId: string | undefined): boolean {
  return (kioskId !== undefined ? layout.kiosks[kioskId]?.reachableZone : undefined) ?? layout.reachableZone;
}
