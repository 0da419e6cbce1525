// The `lan` section of the hall configuration: how terminals reach the hall on
// the LAN. Today one setting: TLS for the API, the pages and the live WebSocket
// (docs/security-tls.md).
// Contract: absent or `{}` parses to TLS off (the demo: plain http on loopback).
// Both objects are strict: a misspelt key ("enable": true) is an error, never a
// hall that silently stays in clear while its manager believes it is encrypted.
import { z } from 'zod';

export const lanTlsSchema = z
  .strictObject({
    /** Serve https:// and wss:// instead of http:// and ws://. */
    enabled: z.boolean().default(false),
    /** The hall's own certificate (PEM), when it has one; relative paths are under the data folder. Absent: a self-signed certificate made at first start and kept. */
    certFile: z.string().min(1).optional(),
    /** The private key (PEM) of certFile; relative paths are under the data folder. */
    keyFile: z.string().min(1).optional(),
  })
  .superRefine((tls, ctx) => {
    if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
      ctx.addIssue({ code: 'custom', path: [tls.certFile === undefined ? 'certFile' : 'keyFile'], message: 'certFile and keyFile go together: give both, or neither for a self-signed certificate' });
    }
  })
  .prefault({});

export const lanSchema = z.strictObject({ tls: lanTlsSchema }).prefault({});

export type LanConfig = z.infer<typeof lanSchema>;
export type LanTlsConfig = z.infer<typeof lanTlsSchema>;
