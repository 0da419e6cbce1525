// The hall's and the device agent's logger: pino (JSON lines on stderr) behind a small
// facade that redacts every message and field first (./redact.ts).
//
// Level: SERVICEHALL_LOG_LEVEL (error | warn | info | debug | silent; default info), read
// when the first line is written; configureLogging() overrides it and the destination
// (tests capture lines; a service may log to a file). User-facing CLI output (addresses,
// status lines) is not logging: it stays plain stdout in hall/main.ts and agent/main.ts.
import pino from 'pino';
import { redact, redactText } from './redact.js';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_LEVEL_ENV = 'SERVICEHALL_LOG_LEVEL';

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  isDebug(): boolean;
}

export interface LoggingOptions {
  level?: LogLevel;
  /** Where JSON lines go; default stderr (synchronous: the last lines before a crash are kept). */
  destination?: pino.DestinationStream;
}

/** A clear error for a bad level from the environment or a caller. */
export function parseLogLevel(value: string | undefined, source: string): LogLevel {
  const v = (value ?? '').trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(v)) return v as LogLevel;
  throw new Error(`${source}: log level "${value}" is not one of ${LOG_LEVELS.join(', ')}`);
}

let root: pino.Logger | null = null;

function build(options: LoggingOptions): pino.Logger {
  const env = process.env[LOG_LEVEL_ENV];
  const level = options.level ?? (env ? parseLogLevel(env, LOG_LEVEL_ENV) : 'info');
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, options.destination ?? pino.destination({ dest: 2, sync: true }));
}

/**
 * Checks SERVICEHALL_LOG_LEVEL now, so a bad value stops a start with a clear message instead
 * of failing the first log call deep inside a listener. Call first thing in a process's start.
 */
export function checkLogLevelEnv(): void {
  const env = process.env[LOG_LEVEL_ENV];
  if (env) parseLogLevel(env, LOG_LEVEL_ENV);
}

/** Replaces the process's logging settings; loggers made before follow at their next line. */
export function configureLogging(options: LoggingOptions = {}): void {
  root = build(options);
}

function current(): pino.Logger {
  root ??= build({});
  return root;
}

/** A logger for one part of the program (`component` appears in each line). */
export function logger(component: string): Logger {
  const write = (level: 'error' | 'warn' | 'info' | 'debug') => (message: string, fields?: Record<string, unknown>) => {
    const log = current();
    if (!log.isLevelEnabled(level)) return;
    log[level]({ component, ...(fields ? (redact(fields) as Record<string, unknown>) : {}) }, redactText(message));
  };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug'), isDebug: () => current().isLevelEnabled('debug') };
}
