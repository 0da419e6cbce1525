// How the hall treats the device agents of its terminals (docs/device-agent.md).
import { z } from 'zod';

export const deviceAgentSettingsSchema = z
  .object({
    /** A card read older than this when it reaches the hall (agent was cut off) is dropped, not applied. */
    cardMaxAgeSeconds: z.number().int().min(2).max(120).default(10),
    /** The same for a caller-keypad key: a "call next" pressed a minute ago must not call someone now. */
    keypadMaxAgeSeconds: z.number().int().min(2).max(120).default(10),
    /** A print job re-sent after a lost link prints only if it is younger than this; older: its outcome is asked for. */
    printFreshSeconds: z.number().int().min(2).max(300).default(20),
  })
  .strict()
  .default({ cardMaxAgeSeconds: 10, keypadMaxAgeSeconds: 10, printFreshSeconds: 20 });
export type DeviceAgentSettings = z.infer<typeof deviceAgentSettingsSchema>;
