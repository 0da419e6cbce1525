// The `security` section of the hall configuration: staff PIN policy, the cost
// of the PIN hash, how wrong PINs are limited, and how long an enrolment code
// lives. docs/security.md explains each choice; every field has a default, so
// an absent section parses.
// Danger: PIN hashes sit in the configuration file. A short PIN falls to an
// offline guess in minutes whatever the cost (10,000 four-digit PINs × ~40 ms);
// keep the file 0600 and PINs at 6 digits or more outside a demo.
import { z } from 'zod';

export const securityConfigSchema = z
  .object({
    pin: z
      .object({
        /** Shortest PIN accepted at sign-in and by `hash-pin`. 6 by default; the demo sets 4 for its PIN 1234. */
        minLength: z.number().int().min(4).max(12).default(6),
      })
      .prefault({}),
    pinHashing: z
      .object({
        /** scrypt cost as log2(N): 14 = N 16384 (~16 MiB, tens of ms per hash); each step doubles time and memory. For new hashes (`hash-pin --config`) and the dummy hash unknown staff numbers are checked against. */
        cost: z.number().int().min(14).max(17).default(14),
      })
      .prefault({}),
    pinLockout: z
      .object({
        /** Wrong PINs for one staff number before it is locked — counted separately at each of its own terminals (its counter terminals, the admin terminal for managers) and once for all other terminals together. */
        staffMaxFailures: z.number().int().min(3).max(20).default(5),
        /** Wrong PINs at one terminal, for any staff numbers, before that terminal's PIN checks are locked. */
        terminalMaxFailures: z.number().int().min(3).max(100).default(10),
        /** Failures older than this are forgotten. */
        windowMinutes: z.number().int().min(1).max(1440).default(15),
        /** How long a lock lasts. */
        lockMinutes: z.number().int().min(1).max(1440).default(5),
      })
      .prefault({}),
    enrolment: z
      .object({
        /** A one-time enrolment code expires this long after it was made. */
        codeMinutes: z.number().int().min(5).max(1440).default(30),
      })
      .prefault({}),
  })
  .prefault({});

export type SecurityConfig = z.infer<typeof securityConfigSchema>;
