// A terminal's device agent as a plain Node process (docs/device-agent.md), for
// terminals without Electron: a Linux kiosk running Chromium in kiosk mode, a
// Windows service, the demo's emulated terminals.
//   npm run terminal -- --hall http://192.168.1.10:8080 --terminal kiosk-2 [--dir DIR]
//   npm run terminal -- enrol --hall URL --terminal kiosk-2 --code ABCD-EFGH [--cert-sha256 FP] [--dir DIR]
//   npm run terminal -- ports          what this machine offers: serial ports, USB printers, HID devices
// DIR (default ./data/terminal-<id>) holds terminal.json (token, devices), the
// print journal and the hall's cached device defaults; --terminal-file names
// another terminal.json (an Electron terminal's, when enrolling it). The token is never read
// from the command line (every local user can read a process's arguments):
// enrolment writes it, or SERVICEHALL_TOKEN / SERVICEHALL_ENROL_CODE carry it
// (with SERVICEHALL_HALL_CERT_SHA256 for an https hall, as --cert-sha256).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TerminalDeviceAgent } from './device-agent.js';
import { enrol, type EnrolError } from './enrol.js';
import { readTerminalFile, writeTerminalFile, type TerminalFile, type TerminalFileError } from './terminal-file.js';
import { listMachinePorts } from './technician/machine-ports.js';
import { startTechnicianPage } from './technician/server.js';
import { pinnedTlsOptions } from '../protocol/tls-pin.js';
import { checkLogLevelEnv } from '../drivers/log/logger.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    hall: { type: 'string' },
    terminal: { type: 'string' },
    dir: { type: 'string' },
    'terminal-file': { type: 'string' },
    code: { type: 'string' },
    'cert-sha256': { type: 'string' },
  },
});

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
try {
  checkLogLevelEnv();
} catch (err) {
  fail((err as Error).message);
}

if (positionals[0] === 'ports') {
  const ports = await listMachinePorts();
  console.log(JSON.stringify(ports, null, 2));
  process.exit(0);
}

const terminalId = values.terminal ?? fail('usage: npm run terminal -- --hall <hall address> --terminal <terminal id> [--dir <folder>]');
const dir = path.resolve(values.dir ?? path.join('data', `terminal-${terminalId}`));
// An Electron terminal enrols its agent into its own terminal.json (Electron's userData) with --terminal-file.
const file = path.resolve(values['terminal-file'] ?? path.join(dir, 'terminal.json'));
let saved: TerminalFile;
try {
  saved = readTerminalFile(file);
} catch (err) {
  fail((err as TerminalFileError).message);
}

async function enrolNow(code: string): Promise<TerminalFile> {
  const hallUrl = values.hall ?? saved.hallUrl ?? fail('enrolment needs --hall <hall address>');
  try {
    const certSha256 = values['cert-sha256'] ?? process.env.SERVICEHALL_HALL_CERT_SHA256;
    const identity = await enrol({ hallUrl, terminalId, code, ...(certSha256 && { certSha256 }) });
    const next = { ...saved, ...identity };
    writeTerminalFile(file, next);
    console.log(`terminal ${terminalId} enrolled with ${identity.hallUrl}; its token is in ${file}`);
    return next;
  } catch (err) {
    return fail(`enrolment failed (${(err as EnrolError).code ?? 'error'}): ${(err as Error).message}`);
  }
}

if (positionals[0] === 'enrol') {
  await enrolNow(values.code ?? fail('usage: npm run terminal -- enrol --hall <address> --terminal <id> --code <code from the admin page>'));
  process.exit(0);
}

const enrolCode = process.env.SERVICEHALL_ENROL_CODE;
if (!saved!.token && !process.env.SERVICEHALL_TOKEN && enrolCode) saved = await enrolNow(enrolCode);
const token = process.env.SERVICEHALL_TOKEN ?? saved!.token ?? fail(`terminal ${terminalId} has no token: enrol it first (npm run terminal -- enrol --hall … --terminal ${terminalId} --code …)`);
const hallUrl = values.hall ?? saved!.hallUrl ?? fail('no hall address: pass --hall or enrol first');
if (hallUrl.startsWith('https:') && !saved!.hallCertPem) fail(`${hallUrl} is https but ${file} has no pinned certificate: enrol with --cert-sha256`);

const agent = new TerminalDeviceAgent({
  hallUrl,
  token,
  terminalId,
  dataDir: dir,
  local: saved!,
  ...(saved!.hallCertPem && { tls: pinnedTlsOptions({ certPem: saved!.hallCertPem, ...(saved!.hallCertSha256 && { sha256: saved!.hallCertSha256 }) }) }),
});
await agent.start();
const technician = await startTechnicianPage({ agent, terminalFile: file, port: saved!.technicianPort ?? 0 });
console.log(`device agent of terminal ${terminalId} running (hall ${hallUrl}); technician's page on this machine: ${technician.url}`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the device agent of ${terminalId}…`);
  await technician.close();
  await agent.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
// Started by the demo's launcher (agent/launcher.ts): the launcher holds our stdin open; when it dies
// — even by kill -9 — the pipe closes and we stop too. A real terminal's agent never sets this: it
// must outlive a hall that crashes.
if (process.env.SERVICEHALL_EXIT_WITH_PARENT === '1') {
  process.stdin.on('close', () => void stop('launcher gone'));
  process.stdin.on('error', () => void stop('launcher gone'));
  process.stdin.resume();
}
