// The `phone` section of the hall configuration (docs/phone.md): the visitor's phone through the
// central platform. The hall pushes its public board to central and long-polls central's inbox —
// only when the hall has a central (sync.centralUrl) and `enabled` is true (the default, so a hall
// with central gets the phone pages and the QR code of its tickets works from a mobile network).
// Contract: every field has a default, so an absent section parses.
import { z } from 'zod';

export const phoneConfigSchema = z
  .object({
    /** Push the board and relay phones' requests through central (needs sync.centralUrl). */
    enabled: z.boolean().default(true),
    /**
     * The address visitors' phones open central's pages at (its public base URL, e.g.
     * "https://zwfw.example.gov.cn"): tickets' QR codes open <publicUrl>/m/?hall=…&id=…&key=…
     * (hall/api/phone-url.ts). Default: sync.centralUrl.
     */
    publicUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** After committed events, push the board once this long has passed without another (≤ 1 s keeps a call on phones within 5 s). */
    pushDebounceMs: z.number().int().min(0).max(1000).default(300),
    /** With nothing new, push anyway this often so central (and phones) know the hall is alive. */
    heartbeatSeconds: z.number().int().min(5).max(300).default(20),
    /** How long one inbox long-poll waits at central for a message (central caps it at 30 s). */
    inboxWaitSeconds: z.number().int().min(1).max(30).default(25),
    /** A board larger than this (bytes of JSON) is sent in several requests: a full part, then deltas. */
    maxPushBytes: z.number().int().min(16 * 1024).max(1024 * 1024 - 4096).default(768 * 1024),
  })
  .strict()
  .prefault({});

export type PhoneConfig = z.infer<typeof phoneConfigSchema>;
