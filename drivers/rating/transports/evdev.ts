// Byte stream of a Linux input device (/dev/input/eventN, or its stable
// /dev/input/by-id/… link) for keyboard-mode pads. Read-only: write rejects.
//
// grab: true reads through a small python3 helper that holds EVIOCGRAB, so the
// pad's "1"…"5" never reach the focused page. Node cannot make that ioctl
// itself, and a grab is per open file, so the grabbing process must be the reader.
// grab: false reads the device directly; then a udev rule must hide the pad
// from the desktop (LIBINPUT_IGNORE_DEVICE=1, docs/devices/rating-pad.md).
// Danger (direct mode): reads of a character device block a libuv threadpool
// thread until the next event; one pad holds one of the pool's threads.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { DeviceError, type ByteTransport } from '../../contract.js';
import { TransportListeners } from '../../transports/listeners.js';

export interface EvdevOptions {
  path: string;
  grab: boolean;
  /** Interpreter for the grab helper. */
  python?: string;
}

// Exit codes: 2 open failed, 3 grab refused, 4 read failed (device unplugged).
const GRAB_HELPER = `
import errno, fcntl, os, sys
EVIOCGRAB = 0x40044590
try:
    fd = os.open(sys.argv[1], os.O_RDONLY)
except OSError as e:
    sys.stderr.write("open %s %s\\n" % (errno.errorcode.get(e.errno, e.errno), e.strerror)); sys.exit(2)
try:
    fcntl.ioctl(fd, EVIOCGRAB, 1)
except OSError as e:
    sys.stderr.write("grab %s %s\\n" % (errno.errorcode.get(e.errno, e.errno), e.strerror)); sys.exit(3)
sys.stderr.write("grabbed\\n"); sys.stderr.flush()
out = sys.stdout.buffer
while True:
    try:
        data = os.read(fd, 24 * 64)
    except OSError as e:
        sys.stderr.write("read %s\\n" % e.strerror); sys.exit(4)
    if not data:
        sys.exit(4)
    out.write(data); out.flush()
`;

export class EvdevTransport implements ByteTransport {
  readonly description: string;
  private stream: fs.ReadStream | null = null;
  private helper: ChildProcess | null = null;
  private readonly listeners = new TransportListeners();

  constructor(private readonly options: EvdevOptions) {
    this.description = `evdev ${options.path}${options.grab ? ' (grabbed)' : ''}`;
  }

  get isOpen(): boolean {
    return this.stream !== null || this.helper !== null;
  }

  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    return this.options.grab ? this.openGrabbed() : this.openDirect();
  }

  write(): Promise<void> {
    return Promise.reject(new DeviceError('not_supported', `${this.description} is an input device: it takes no commands`));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (reason: Error | null) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    const { stream, helper } = this;
    this.stream = null;
    this.helper = null;
    if (stream) stream.destroy();
    if (helper && helper.exitCode === null) helper.kill('SIGTERM');
    if (stream || helper) this.listeners.close(null);
  }

  private async openDirect(): Promise<void> {
    let fd: number;
    try {
      fd = await new Promise<number>((resolve, reject) => fs.open(this.options.path, 'r', (err, n) => (err ? reject(err) : resolve(n))));
    } catch (err) {
      throw openError(this.description, err as NodeJS.ErrnoException);
    }
    const stream = fs.createReadStream('', { fd, highWaterMark: 24 * 64 });
    this.stream = stream;
    stream.on('data', (chunk) => {
      if (this.stream === stream) this.listeners.data(new Uint8Array(chunk as Buffer));
    });
    const lost = (err: Error | null) => {
      if (this.stream !== stream) return;
      this.stream = null;
      stream.destroy();
      this.listeners.close(new DeviceError('disconnected', `${this.description} ${err ? `failed: ${err.message}` : 'ended'}`, err));
    };
    stream.on('error', lost);
    stream.on('end', () => lost(null));
  }

  private openGrabbed(): Promise<void> {
    return new Promise((resolve, reject) => {
      const helper = spawn(this.options.python ?? 'python3', ['-c', GRAB_HELPER, this.options.path], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let started = false;
      helper.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (!started && stderr.includes('grabbed\n')) {
          started = true;
          this.helper = helper;
          resolve();
        }
      });
      helper.stdout.on('data', (chunk: Buffer) => {
        if (this.helper === helper) this.listeners.data(new Uint8Array(chunk));
      });
      helper.on('error', (err: NodeJS.ErrnoException) => {
        if (started) return;
        started = true;
        const code = err.code === 'ENOENT' ? 'unavailable' : 'open_failed';
        reject(new DeviceError(code, `cannot start the evdev grab helper (${this.options.python ?? 'python3'}): ${err.message}`, err));
      });
      helper.on('exit', (code) => {
        const why = stderr.trim().split('\n').pop() ?? '';
        if (!started) {
          started = true;
          const errorCode = code === 3 ? 'grab_failed' : /EACCES|EPERM/.test(why) ? 'permission_denied' : 'open_failed';
          reject(new DeviceError(errorCode, `${this.description}: ${why || `helper exited with ${code}`}`));
          return;
        }
        if (this.helper !== helper) return;
        this.helper = null;
        this.listeners.close(new DeviceError('disconnected', `${this.description} was lost: ${why}`));
      });
    });
  }
}

function openError(description: string, err: NodeJS.ErrnoException): DeviceError {
  const code = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission_denied' : 'open_failed';
  return new DeviceError(code, `cannot open ${description}: ${err.message}`, err);
}
