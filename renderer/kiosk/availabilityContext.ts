// The kiosk's availability (GET /kiosk/availability) for the screens deep in the tree
// (matter rows), without threading it through every screen's props.
import { createContext, useContext } from 'react';
import type { KioskAvailabilityDTO, MatterAvailabilityDTO } from '../../hall/api/dto';

export const AvailabilityContext = createContext<KioskAvailabilityDTO | null>(null);

/** A matter's availability now; undefined before the first load (the row then stays usable: the hall still checks). */
export function useMatterAvailability(matterId: string): MatterAvailabilityDTO | undefined {
  return useContext(AvailabilityContext)?.matters.find((m) => m.matterId === matterId);
}

export function useAvailability(): KioskAvailabilityDTO | null {
  return useContext(AvailabilityContext);
}
