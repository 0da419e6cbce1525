import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readTerminalIdentity,
  readTextFileIfExists,
  TerminalIdentityError,
  type IdentitySources,
} from '../../../electron/terminal-identity.js';

const userDataDir = '/home/kiosk/.config/ServiceHall';
const terminalJson = path.join(userDataDir, 'terminal.json');
const token = 'e3b0c44298fc1c149afbf4c8996fb924';

/** Sources with an optional terminal.json in userData (given as an object or raw text). */
function sources(options: { file?: unknown; argv?: string[]; env?: Record<string, string> } = {}): IdentitySources {
  const files = new Map<string, string>();
  if (options.file !== undefined) files.set(terminalJson, typeof options.file === 'string' ? options.file : JSON.stringify(options.file));
  return {
    argv: options.argv ?? ['/opt/ServiceHall/servicehall'],
    env: options.env ?? {},
    cwd: '/srv',
    userDataDir,
    readTextFile: (p) => files.get(p) ?? null,
  };
}

function errorOf(run: () => unknown): TerminalIdentityError {
  try {
    run();
  } catch (error) {
    if (error instanceof TerminalIdentityError) return error;
    throw error;
  }
  throw new Error('expected a TerminalIdentityError');
}

const counterFile = { role: 'counter', terminalId: 'counter-3', counterId: 'c3', hallUrl: 'http://192.168.10.5:8080/', token };

describe('a counter PC with a terminal.json in userData', () => {
  it('connects to the hall named in the file', () => {
    const { identity, terminalFileFound } = readTerminalIdentity(sources({ file: counterFile }));
    expect(terminalFileFound).toBe(true);
    expect(identity).toEqual({ startHall: false, role: 'counter', terminalId: 'counter-3', counterId: 'c3', hallOrigin: 'http://192.168.10.5:8080', token });
  });

  it('lets the environment override the file, and the command line override both', () => {
    const env = { SERVICEHALL_HALL_URL: 'http://10.0.0.2:9000', SERVICEHALL_COUNTER_ID: 'c4' };
    const argv = ['/opt/ServiceHall/servicehall', '--no-sandbox', '--counter-id=c5'];
    const { identity } = readTerminalIdentity(sources({ file: counterFile, env, argv }));
    expect(identity).toMatchObject({ hallOrigin: 'http://10.0.0.2:9000', counterId: 'c5', terminalId: 'counter-3' });
  });

  it('reads another file when --terminal-file or SERVICEHALL_TERMINAL_FILE says so', () => {
    const other = '/etc/servicehall/terminal.json';
    const base = sources();
    const read = (s: IdentitySources) => readTerminalIdentity({ ...s, readTextFile: (p) => (p === other ? JSON.stringify(counterFile) : null) });
    expect(read({ ...base, argv: ['x', `--terminal-file=${other}`] }).terminalFile).toBe(other);
    expect(read({ ...base, env: { SERVICEHALL_TERMINAL_FILE: other } }).identity.role).toBe('counter');
  });
});

describe('a broken terminal.json is reported with its path and reason', () => {
  it('not JSON', () => {
    const error = errorOf(() => readTerminalIdentity(sources({ file: '{"role": "kiosk",' })));
    expect(error.code).toBe('file_not_json');
    expect(error.message).toContain(terminalJson);
    expect(error.message).toContain('is not valid JSON');
  });

  it('an unknown role, a misspelt key and a bad URL, all at once', () => {
    const error = errorOf(() => readTerminalIdentity(sources({ file: { role: 'printer', hallURL: 'x', hallUrl: 'ftp://hall' } })));
    expect(error.code).toBe('file_invalid');
    expect(error.message).toContain(terminalJson);
    expect(error.message).toMatch(/role: /);
    expect(error.message).toMatch(/hallURL/);
    expect(error.message).toMatch(/hallUrl: must be an http:\/\/ or https:\/\/ URL/);
  });

  it('a file that cannot be read', () => {
    const error = errorOf(() =>
      readTerminalIdentity({
        ...sources(),
        readTextFile: () => {
          throw new Error('EACCES: permission denied');
        },
      }),
    );
    expect(error.code).toBe('file_unreadable');
    expect(error.message).toContain(`${terminalJson} cannot be read: EACCES`);
  });

  it('a UTF-8 byte order mark (Windows Notepad) is accepted', () => {
    const { identity } = readTerminalIdentity(sources({ file: `\uFEFF${JSON.stringify(counterFile)}` }));
    expect(identity.role).toBe('counter');
  });
});

describe('incomplete or contradictory identities', () => {
  it('no file and no options: says what is missing and where to set it', () => {
    const error = errorOf(() => readTerminalIdentity(sources()));
    expect(error.code).toBe('identity_incomplete');
    expect(error.message).toContain(`role is missing: set "role" in ${terminalJson}, SERVICEHALL_ROLE or --role`);
    expect(error.message).toContain('hallUrl is missing');
    expect(error.message).toContain(`token is missing: set "token" in ${terminalJson} or SERVICEHALL_TOKEN`);
  });

  it('a counter terminal must name its counter', () => {
    const { counterId: _omitted, ...withoutCounter } = counterFile;
    expect(errorOf(() => readTerminalIdentity(sources({ file: withoutCounter }))).message).toContain('counterId is missing for a counter terminal');
  });

  it('a kiosk has no counter', () => {
    const error = errorOf(() => readTerminalIdentity(sources({ file: { ...counterFile, role: 'kiosk' } })));
    expect(error.code).toBe('identity_conflict');
    expect(error.message).toContain(`counterId (from ${terminalJson}) is only for counter and counter_display terminals`);
  });

  it('a master terminal cannot also point at another hall, and says where each side came from', () => {
    const error = errorOf(() => readTerminalIdentity(sources({ file: counterFile, argv: ['x', '--start-hall'] })));
    expect(error.code).toBe('identity_conflict');
    expect(error.message).toContain(`hallUrl (from ${terminalJson}) cannot be combined with startHall (from --start-hall)`);
  });

  it('hall options without startHall are refused', () => {
    const error = errorOf(() => readTerminalIdentity(sources({ file: counterFile, env: { SERVICEHALL_PORT: '8080' } })));
    expect(error.message).toContain('hall options (from SERVICEHALL_PORT) need startHall: true');
  });
});

describe('the master terminal (npm start with Electron)', () => {
  it('needs only a role and --start-hall; hall options come from the command line', () => {
    const argv = ['/usr/bin/electron', '.', '--role=kiosk', '--start-hall', '--config', 'config/hall.json', '--port', '8080', '--host=0.0.0.0'];
    const { identity, terminalFileFound } = readTerminalIdentity(sources({ argv }));
    expect(terminalFileFound).toBe(false);
    expect(identity).toEqual({ startHall: true, role: 'kiosk', hall: { configPath: '/srv/config/hall.json', port: 8080, host: '0.0.0.0' } });
  });

  it('resolves paths in terminal.json against the file, and merges hall options across sources', () => {
    const file = { role: 'kiosk', startHall: true, terminalId: 'kiosk-1', hall: { configPath: 'hall.json', dataDir: '/var/lib/servicehall' } };
    const { identity } = readTerminalIdentity(sources({ file, env: { SERVICEHALL_PORT: '9000' } }));
    expect(identity).toEqual({
      startHall: true,
      role: 'kiosk',
      terminalId: 'kiosk-1',
      hall: { configPath: path.join(userDataDir, 'hall.json'), dataDir: '/var/lib/servicehall', port: 9000 },
    });
  });

  it('SERVICEHALL_START_HALL accepts true/false/1/0 only', () => {
    expect(readTerminalIdentity(sources({ env: { SERVICEHALL_ROLE: 'hall_display', SERVICEHALL_START_HALL: '1' } })).identity.startHall).toBe(true);
    expect(errorOf(() => readTerminalIdentity(sources({ env: { SERVICEHALL_START_HALL: 'yes' } }))).message).toBe(
      'SERVICEHALL_START_HALL: must be true, false, 1 or 0',
    );
  });
});

describe('command-line and environment values are validated where they come from', () => {
  it('refuses the token on the command line, where every user can read it', () => {
    for (const argv of [['x', '--token', token], ['x', `--token=${token}`]]) {
      expect(errorOf(() => readTerminalIdentity(sources({ argv }))).code).toBe('token_on_command_line');
    }
  });

  it('names the bad option or variable', () => {
    expect(errorOf(() => readTerminalIdentity(sources({ argv: ['x', '--role=printer'] }))).message).toMatch(/^--role: /);
    expect(errorOf(() => readTerminalIdentity(sources({ argv: ['x', '--port=99999'] }))).message).toBe('--port: must be a port number 0–65535');
    expect(errorOf(() => readTerminalIdentity(sources({ argv: ['x', '--role'] }))).message).toBe('--role needs a value');
    expect(errorOf(() => readTerminalIdentity(sources({ env: { SERVICEHALL_TOKEN: 'short' } }))).code).toBe('env_invalid');
    expect(errorOf(() => readTerminalIdentity(sources({ env: { SERVICEHALL_HALL_URL: 'http://u:p@hall' } }))).message).toMatch(/^SERVICEHALL_HALL_URL: /);
  });

  it('ignores Chromium switches and positionals', () => {
    const argv = ['/opt/ServiceHall/servicehall', '--no-sandbox', '--enable-features=UseOzonePlatform', '--ozone-platform=wayland', '.'];
    expect(readTerminalIdentity(sources({ file: counterFile, argv })).identity.role).toBe('counter');
  });
});

describe('readTextFileIfExists', () => {
  it('returns null for a missing file and the text of an existing one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-identity-'));
    try {
      expect(readTextFileIfExists(path.join(dir, 'terminal.json'))).toBeNull();
      fs.writeFileSync(path.join(dir, 'terminal.json'), '{}');
      expect(readTextFileIfExists(path.join(dir, 'terminal.json'))).toBe('{}');
      expect(() => readTextFileIfExists(dir)).toThrow(); // a directory is an error, not "missing"
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
