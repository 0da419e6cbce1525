// Tests use the same socat pty pairs as the demo's emulated serial devices.
export { createPtyPair, type PtyPair } from '../../drivers/transports/pty-pair.js';
