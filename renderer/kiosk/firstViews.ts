// The kiosk's first two reads — the hall's view and what this kiosk offers now — started as
// the page's script runs, before React renders (main.tsx waits for them, a few milliseconds on
// the hall's LAN): the first render is then the start screen itself, not a loading line
// followed by it (issue 14: cold load to a touchable 取号). KioskApp shows these until its own
// live views (useHallView) have loaded, which they then replace.
// Contract: never rejects, and resolves within `waitMs`. A read that fails or has not answered by
// then gives null, and the page starts as before (loading line, then the view or the hall's
// error in plain words); a slow read still completes and sets the hall's clock.
import type { HallInfoDTO, KioskAvailabilityDTO } from '../../hall/api/dto';
import type { PageConnection } from '../shared/page/connection';
import { syncHallClock } from '../shared/hooks/hallClock';
import { setHallUtcOffset } from '../shared/format/time';

export interface FirstViews {
  hall: HallInfoDTO | null;
  availability: KioskAvailabilityDTO | null;
}

export const NO_FIRST_VIEWS: FirstViews = { hall: null, availability: null };

export async function fetchFirstViews(connection: PageConnection, waitMs = 1000): Promise<FirstViews> {
  if (!connection.token) return NO_FIRST_VIEWS;
  const { client } = connection;
  const reads = Promise.all([
    client.call('hall').then((hall) => {
      syncHallClock(hall.now);
      setHallUtcOffset((hall.hall as { utcOffsetMinutes?: number }).utcOffsetMinutes);
      return hall;
    }),
    client.call('kioskAvailability'),
  ]).then(([hall, availability]) => ({ hall, availability }), () => NO_FIRST_VIEWS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<FirstViews>((resolve) => (timer = setTimeout(() => resolve(NO_FIRST_VIEWS), waitMs)));
  const first = await Promise.race([reads, late]);
  clearTimeout(timer);
  return first;
}
