// The hall ⇄ device agent link: one WebSocket per terminal at /api/v1/agent,
// opened by the agent with `Authorization: Bearer <terminal token>`.
// docs/device-agent.md describes the exchange; this file is its only definition.
//
// Contracts both sides rely on:
// - Print jobs are idempotent by jobId: the agent prints a jobId at most once,
//   ever; a repeated job gets the recorded outcome back. `printIfNew: false`
//   asks for an outcome only (a job the hall re-sends long after the visitor
//   left must not come out of the printer now).
// - Inputs (card reads, rating presses, keypad keys) carry an id; the hall acks
//   ids and applies each once. Staleness never trusts the agent's wall clock:
//   `ageMs` is measured on the agent (read → send), and `readAtHall` is the read
//   in the HALL's clock — the latest `clock` frame's hallNow plus the agent's
//   monotonic time since it arrived — so a frame held up in a stalled link is
//   seen as old too. Print jobs carry `sentAt`/`freshMs` in the hall's clock the
//   same way: a job that reaches the agent too late is not printed.
// - Every message is validated on arrival; a malformed one is answered with
//   `refused` (hall) or dropped with a log line (agent), never applied.
import { z } from 'zod';
import { deviceIdSchema, deviceKinds, localDeviceSchema } from './devices.js';

/** The five 好差评 levels (国办发〔2019〕51号), as drivers and the hall name them. */
export const ratingLevels = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;

export const AGENT_PATH = '/api/v1/agent';
/** Largest frame either side sends: a notice with raster glyphs stays far below this. */
export const AGENT_MAX_FRAME_BYTES = 1024 * 1024;

const healthSchema = z.object({
  state: z.enum(['ok', 'warning', 'fault']),
  code: z.string().max(64),
  message: z.string().max(500),
  since: z.number(),
});
export type AgentDeviceHealth = z.infer<typeof healthSchema>;

/** One device as the agent runs it. */
export const agentDeviceReportSchema = z.object({
  id: deviceIdSchema,
  kind: z.enum(deviceKinds),
  model: z.string().max(80),
  /** How it is reached, in words: "tcp 192.168.1.50:9100", "serial /dev/ttyUSB0 @9600". */
  transport: z.string().max(300),
  emulated: z.boolean(),
  health: healthSchema,
  /** Printers: the resolved model profile the hall lays tickets out for (paper width, encodings, features). */
  printerProfile: z.record(z.string(), z.unknown()).optional(),
  /** Keypads: the counters its keys act for, as the agent was configured. */
  keypadCounters: z.array(z.number().int().positive()).optional(),
});
export type AgentDeviceReport = z.infer<typeof agentDeviceReportSchema>;

/** Which agent process runs a terminal's devices: its pid (to stop or find it) and software version. */
export const agentProcessSchema = z.object({ pid: z.number().int().positive(), version: z.string().max(40) });
export type AgentProcess = z.infer<typeof agentProcessSchema>;

export const printResultStatuses = ['printed', 'unconfirmed', 'failed', 'unknown', 'not_printed'] as const;
export type PrintResultStatus = (typeof printResultStatuses)[number];

export const printResultSchema = z.object({
  /** printed: confirmed by the printer; unconfirmed: sent and no fault seen, but the printer could not confirm;
   *  failed: not printed (code says why); unknown: the agent stopped mid-job, it may or may not have printed;
   *  not_printed: the agent never had this job and was told not to print it now. */
  status: z.enum(printResultStatuses),
  code: z.string().max(64).nullable(),
  message: z.string().max(500).nullable(),
});
export type PrintResult = z.infer<typeof printResultSchema>;

const emulatorActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('swipe_card'), card: z.record(z.string(), z.unknown()) }),
  z.object({ action: z.literal('press'), level: z.enum(ratingLevels) }),
  z.object({
    action: z.literal('printer_state'),
    state: z.object({ paperOut: z.boolean().optional(), paperNearEnd: z.boolean().optional(), coverOpen: z.boolean().optional(), offline: z.boolean().optional() }),
  }),
  z.object({ action: z.literal('unplug') }),
  z.object({ action: z.literal('replug') }),
]);
export type AgentEmulatorAction = z.infer<typeof emulatorActionSchema>;

// ---- hall → agent ----

export const hallToAgentSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    terminalId: deviceIdSchema,
    role: z.string(),
    counterId: z.string().nullable(),
    hallId: z.string(),
    /** The hall configuration's devices for this terminal: used unless terminal.json says otherwise. */
    defaultDevices: z.array(localDeviceSchema),
    /** Custom printer profiles the hall configuration carries (validated by the agent's driver). */
    printerProfiles: z.array(z.record(z.string(), z.unknown())),
  }),
  z.object({
    type: z.literal('print'),
    jobId: z.string().min(1).max(100),
    deviceId: deviceIdSchema,
    bytes: z.string(),
    printIfNew: z.boolean(),
    /** When the hall sent it, in the hall's clock, and how long after that it may still be printed. */
    sentAt: z.number(),
    freshMs: z.number().int().positive(),
  }),
  /** The hall's monotonic clock, every few seconds: what the agent measures staleness against (not a time of day). */
  z.object({ type: z.literal('clock'), hallNow: z.number() }),
  z.object({
    type: z.literal('rating_start'),
    deviceId: deviceIdSchema,
    ratingId: z.string().min(1).max(100),
    counterNumber: z.number().int().positive(),
    staffName: z.string().max(40),
    ticketNumber: z.string().max(20),
    timeoutMs: z.number().int().positive(),
  }),
  z.object({ type: z.literal('rating_cancel'), deviceId: deviceIdSchema, ratingId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('keypad_show'), deviceId: deviceIdSchema, counterNumber: z.number().int().positive(), text: z.string().max(20) }),
  z.object({
    type: z.literal('command'),
    requestId: z.string().min(1).max(100),
    deviceId: deviceIdSchema,
    command: z.discriminatedUnion('kind', [z.object({ kind: z.literal('test_print'), bytes: z.string() }), z.object({ kind: z.literal('emulator'), emulator: emulatorActionSchema })]),
  }),
  z.object({ type: z.literal('ack'), ids: z.array(z.string().max(100)).max(1000) }),
  z.object({ type: z.literal('refused'), id: z.string().max(100).nullable(), code: z.string().max(64), message: z.string().max(500) }),
]);
export type HallToAgent = z.infer<typeof hallToAgentSchema>;

// ---- agent → hall ----

export const agentInputSchema = z.discriminatedUnion('kind', [
  /** The card's fields with the full ID number: the one place it crosses the LAN (use TLS). */
  z.object({
    kind: z.literal('card'),
    card: z.object({ idNumber: z.string().min(15).max(18), cardType: z.string().max(40), name: z.string().max(100), birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  }),
  z.object({ kind: z.literal('card_error'), code: z.string().max(64), message: z.string().max(500) }),
  z.object({ kind: z.literal('rating'), ratingId: z.string().min(1).max(100), level: z.enum(ratingLevels) }),
  z.object({ kind: z.literal('keypad'), counterNumber: z.number().int().positive(), action: z.string().max(20) }),
]);
export type AgentInput = z.infer<typeof agentInputSchema>;

export const agentToHallSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('devices'),
    devices: z.array(agentDeviceReportSchema).max(32),
    /** The agent process, for the technician's fold on the admin page (absent from agents before issue 15). */
    agent: agentProcessSchema.optional(),
  }),
  z.object({ type: z.literal('print_result'), jobId: z.string().min(1).max(100), result: printResultSchema }),
  z.object({
    type: z.literal('input'),
    id: z.string().min(1).max(100),
    deviceId: deviceIdSchema,
    ageMs: z.number().int().min(0),
    /** The read's time in the hall's clock (absent before the agent has heard the hall's clock). */
    readAtHall: z.number().optional(),
    input: agentInputSchema,
  }),
  z.object({
    type: z.literal('command_result'),
    requestId: z.string().min(1).max(100),
    ok: z.boolean(),
    code: z.string().max(64).nullable(),
    message: z.string().max(500).nullable(),
    print: printResultSchema.nullable(),
  }),
]);
export type AgentToHall = z.infer<typeof agentToHallSchema>;

/** Parses one frame; returns an error text instead of throwing (a bad frame must not end either side). */
export function parseFrame<T>(schema: z.ZodType<T>, data: unknown): { ok: true; value: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(String(data));
  } catch {
    return { ok: false, error: 'frame is not JSON' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: z.prettifyError(parsed.error).slice(0, 400) };
}
