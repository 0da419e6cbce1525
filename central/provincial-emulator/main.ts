// Runs the provincial 好差评 emulator on its own, for demos:
//   node --import tsx central/provincial-emulator/main.ts [--port 8790] [--client hall:secret]
// Prints its URL; Ctrl-C stops it. Test tool only (in-memory, no TLS).
import { startProvincialEmulator } from './server.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(opt('--port') ?? '8790');
const [clientId, clientSecret] = (opt('--client') ?? 'hall:secret').split(':');
if (!Number.isInteger(port) || port < 0 || port > 65535 || !clientId || !clientSecret) {
  console.error('usage: main.ts [--port 8790] [--client <clientId>:<clientSecret>]');
  process.exit(2);
}
const emulator = await startProvincialEmulator({ host: opt('--host') ?? '127.0.0.1', port, clients: [{ clientId, clientSecret }] });
console.log(`provincial 好差评 emulator listening on ${emulator.url}`);
process.on('SIGINT', () => void emulator.close().then(() => process.exit(0)));
