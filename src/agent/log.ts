/**
 * The agent's log: one JSON object per line on stdout (`time`, `level`, `msg`, then fields), for a cluster's
 * log collector. Every string is masked before it is serialised, so a secret is caught in the spelling the
 * code saw, not in its JSON-escaped form. The same logger serves the apply engine (the Logger interface).
 */
import { Redactor } from '../exec/redact.js';
import type { Logger } from '../log/logger.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Fields = Record<string, unknown>;

export interface AgentLogger extends Logger {
  event(level: Level, msg: string, fields?: Fields): void;
  /** The same log with `fields` on every line (e.g. the environment being applied). */
  with(fields: Fields): AgentLogger;
  /** `text` with every secret this log was told of masked (for what the agent serves, e.g. /readyz). */
  mask(text: string): string;
}

export interface JsonLogOptions {
  write?: (line: string) => void;
  now?: () => Date;
  debug?: boolean;
}

function masked(value: unknown, redactor: Redactor, depth = 0): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactor.redact(value.message);
  if (Array.isArray(value)) return value.map((item) => masked(item, redactor, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, masked(item, redactor, depth + 1)]));
}

export function jsonLogger(options: JsonLogOptions = {}): AgentLogger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const redactor = new Redactor();
  const make = (base: Fields): AgentLogger => {
    const event = (level: Level, msg: string, fields: Fields = {}) => {
      if (level === 'debug' && !options.debug) return;
      const record = { time: now().toISOString(), level, msg: redactor.redact(msg), ...(masked({ ...base, ...fields }, redactor) as Fields) };
      write(`${JSON.stringify(record)}\n`);
    };
    return {
      event,
      with: (fields) => make({ ...base, ...fields }),
      info: (message) => event('info', message),
      warning: (message) => event('warn', message),
      debug: (message) => event('debug', message),
      group: (title, lines) => event('info', title, lines.length > 0 ? { lines } : {}),
      secret: (value) => redactor.add(value),
      mask: (text) => redactor.redact(text),
    };
  };
  return make({});
}
