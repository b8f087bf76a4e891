import { Redactor } from '../exec/redact.js';
import type { Logger } from './logger.js';

export interface PlainLoggerOptions {
  /** Also write debug lines (default false). */
  debug?: boolean;
}

/** Plain text to a stream (default stderr): for the CLI and for tests. Secrets it is told of are masked as the runner would. */
export function plainLogger(write: (text: string) => void = (text) => process.stderr.write(text), options: PlainLoggerOptions = {}): Logger {
  const redactor = new Redactor();
  const out = (text: string) => write(redactor.redact(text));
  return {
    info: (message) => out(`${message}\n`),
    warning: (message) => out(`warning: ${message}\n`),
    debug: (message) => {
      if (options.debug) out(`debug: ${message}\n`);
    },
    group: (title, lines) => out([`== ${title}`, ...lines.map((line) => `   ${line}`)].join('\n') + '\n'),
    secret: (value) => redactor.add(value),
  };
}

/**
 * The same logger with `redactor`'s secrets (e.g. helm repository passwords in URLs) removed from every message
 * first: for text that quotes input the runner's own masking may not have been told about.
 */
export function redactingLogger(logger: Logger, redactor: Pick<Redactor, 'redact'>): Logger {
  return {
    info: (message) => logger.info(redactor.redact(message)),
    warning: (message) => logger.warning(redactor.redact(message)),
    debug: (message) => logger.debug(redactor.redact(message)),
    group: (title, lines) => logger.group(redactor.redact(title), lines.map((line) => redactor.redact(line))),
    secret: (value) => logger.secret(value),
  };
}
