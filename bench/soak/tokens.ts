// Terminal tokens for the soak, learnt without reading what the hall prints: the hall is
// started in this process once on the data folder (startHallService), its pages' addresses
// carry each terminal's token after "#token=", and it is closed again. Tokens persist in
// the data folder, so the hall processes started afterwards on it accept them.
import { startHallService } from '../../hall/service.js';
import type { Terminals } from './load.js';

export async function learnTerminals(dataDir: string, configPath: string): Promise<Terminals> {
  const hall = await startHallService({ dataDir, configPath, port: 0 });
  try {
    const tokenOf = (url: string) => {
      const token = new URL(url).hash.replace(/^#token=/, '');
      if (!token) throw new Error(`no token in the page address ${url}: the soak needs another way to learn terminal tokens`);
      return token;
    };
    const kiosks = hall.pages.filter((p) => p.role === 'kiosk').map((p) => tokenOf(p.url));
    const counters = new Map(hall.pages.filter((p) => p.role === 'counter' && p.counterId).map((p) => [p.counterId!, tokenOf(p.url)]));
    return { kiosks, counters };
  } finally {
    await hall.close();
  }
}
