// Printer capabilities as data (python-escpos style): paper width, fonts,
// encodings the font really has, and what each status bit means on a model.
// Contract: every profile that reaches a driver went through parsePrinterProfile,
// so code may trust its ranges. Unknown keys are refused (a misspelt field in a
// hall's custom profile must not be silently ignored). A model quirk lives in its own JSON file named
// after the model (profiles/snbc-bk-t080.json), never in `if (model === …)` code.
import { z } from 'zod';
import { DeviceError } from '../contract.js';
import genericEpson from './profiles/generic-epson.json' with { type: 'json' };
import generic58Gb2312 from './profiles/generic-58mm-gb2312.json' with { type: 'json' };
import snbcBkT080 from './profiles/snbc-bk-t080.json' with { type: 'json' };

/** Status flags a profile may map bits to; PrinterStatus has one boolean per flag. */
export const STATUS_FLAGS = [
  'offline',
  'coverOpen',
  'feedButton',
  'paperNearEnd',
  'paperOut',
  'error',
  'cutterError',
  'unrecoverable',
  'autoRecoverable',
  'paperJam',
  'headError',
] as const;
export type StatusFlag = (typeof STATUS_FLAGS)[number];

/** Character repertoires a printer font may cover. ASCII is always assumed. */
export const TEXT_ENCODINGS = ['gb2312', 'gb18030-2byte', 'gb18030-4byte'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

const bitRule = z.strictObject({
  bits: z.array(z.number().int().min(0).max(7)).min(1),
  flag: z.enum(STATUS_FLAGS),
  meaning: z.string().min(1),
});
export type StatusBitRule = z.infer<typeof bitRule>;

const cell = z.strictObject({ width: z.number().int().min(4).max(64), height: z.number().int().min(8).max(64) });

export const printerProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  notes: z.string().optional(),
  paperWidthDots: z.number().int().min(128).max(2048),
  charsPerLine: z.number().int().min(8).max(128),
  asciiCellDots: cell,
  cjkCellDots: cell,
  lineSpacingDots: z.number().int().min(0).max(64),
  encodings: z.array(z.enum(TEXT_ENCODINGS)),
  chineseModeAtPowerUp: z.boolean(),
  /** Rows per GS v 0 band: small printers choke on one tall image. */
  rasterBandRows: z.number().int().min(8).max(2048),
  qr: z.strictObject({ maxModuleSize: z.number().int().min(1).max(16) }),
  cut: z.strictObject({ mode: z.enum(['full', 'partial']), feedLines: z.number().int().min(0).max(20) }),
  features: z.strictObject({
    /** GS a: automatic status back. */
    asb: z.boolean(),
    /** GS r 1: status sent after the preceding data was processed (print confirmation). */
    transmitStatus: z.boolean(),
    /** DLE EOT n: real-time status. */
    realtimeStatus: z.boolean(),
  }),
  status: z.strictObject({
    realtime: z.strictObject({ '1': z.array(bitRule), '2': z.array(bitRule), '3': z.array(bitRule), '4': z.array(bitRule) }),
    asb: z.strictObject({
      /** Value of the fixed bits of each ASB byte when no flag is set. */
      fixed: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
      bytes: z.tuple([z.array(bitRule), z.array(bitRule), z.array(bitRule), z.array(bitRule)]),
    }),
    transmit: z.array(bitRule),
  }),
});

export type PrinterProfile = z.infer<typeof printerProfileSchema>;

/** Validates profile data (bundled or from hall configuration). Throws DeviceError('invalid_profile'). */
export function parsePrinterProfile(data: unknown): PrinterProfile {
  const result = printerProfileSchema.safeParse(data);
  if (!result.success) {
    throw new DeviceError('invalid_profile', `printer profile is invalid: ${z.prettifyError(result.error)}`, result.error);
  }
  const profile = result.data;
  if (profile.charsPerLine * profile.asciiCellDots.width > profile.paperWidthDots) {
    throw new DeviceError('invalid_profile', `printer profile ${profile.id}: ${profile.charsPerLine} characters do not fit ${profile.paperWidthDots} dots`);
  }
  return profile;
}

const bundled: Record<string, unknown> = {
  'generic-epson': genericEpson,
  'generic-58mm-gb2312': generic58Gb2312,
  'snbc-bk-t080': snbcBkT080,
};

export const BUNDLED_PROFILE_IDS = Object.keys(bundled);

/** A bundled profile by id ("generic-epson", "snbc-bk-t080", "generic-58mm-gb2312"). */
export function loadPrinterProfile(id: string): PrinterProfile {
  const data = bundled[id];
  if (data === undefined) {
    throw new DeviceError('unknown_profile', `no printer profile "${id}"; known: ${BUNDLED_PROFILE_IDS.join(', ')}`);
  }
  return parsePrinterProfile(data);
}

export type PrinterFeature = keyof PrinterProfile['features'] | TextEncoding;

/** Whether the model supports a feature; callers must have an explicit fallback when not. */
export function supports(profile: PrinterProfile, feature: PrinterFeature): boolean {
  if (feature === 'asb' || feature === 'transmitStatus' || feature === 'realtimeStatus') return profile.features[feature];
  return profile.encodings.includes(feature);
}

export function bitMask(rule: StatusBitRule): number {
  return rule.bits.reduce((mask, bit) => mask | (1 << bit), 0);
}
