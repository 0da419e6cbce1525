// Offline PIN cracking starts with reading files (issue 10, defect 6): the hall tightens its
// data folder at every start and warns about a configuration readable by others.
// Mutation checked: without secureHallFiles() in startHallService the folder stays 0755
// and the files 0644, and no warning is given.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('file permissions (POSIX)', () => {
  it('tightens a loose data folder, database, WAL/SHM, key and token files at start', async () => {
    const dataDir = tempDataDir();
    // A first start, then everything loosened, as an old version or a careless copy left it.
    h = await startHarness({ dataDir });
    await h.hall.close();
    fs.chmodSync(dataDir, 0o755);
    for (const name of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, name), 0o644);
    fs.writeFileSync(path.join(dataDir, 'hall.sqlite-wal'), '', { mode: 0o644 });

    await h.restart();
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ['hall.sqlite', 'hall.sqlite-wal', 'hall.sqlite-shm', 'identity.key', 'terminals.json', 'hall.lock']) {
      expect({ name, mode: mode(path.join(dataDir, name)) }).toEqual({ name, mode: 0o600 });
    }
    expect(h.hall.warnings.some((w) => w.includes('hall.sqlite') && w.includes('0644 → 0600'))).toBe(true);
  });

  it('creates a new data folder 0700 with its files 0600', async () => {
    const dataDir = path.join(tempDataDir(), 'fresh');
    const old = process.umask(0o022);
    try {
      h = await startHarness({ dataDir });
    } finally {
      process.umask(old);
    }
    expect(mode(dataDir)).toBe(0o700);
    for (const name of fs.readdirSync(dataDir)) expect({ name, mode: mode(path.join(dataDir, name)) }).toEqual({ name, mode: 0o600 });
  });

  it('warns when the configuration file (PIN hashes) is readable by others, and not when it is 0600', async () => {
    const configPath = demoConfigWith(() => {});
    fs.chmodSync(configPath, 0o644);
    h = await startHarness({ configPath });
    expect(h.hall.warnings.find((w) => w.includes(configPath))).toMatch(/readable by other users.*PIN hashes.*chmod 600/);
    await h.close();
    fs.chmodSync(configPath, 0o600);
    h = await startHarness({ configPath });
    expect(h.hall.warnings.filter((w) => w.includes(configPath))).toEqual([]);
  });
});
