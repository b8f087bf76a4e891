import { Redactor } from '../exec/redact.js';

/** How the apply engine reports progress; the action maps it to @actions/core, the CLI to plain lines. */
export interface DeployLogger {
  info(message: string): void;
  warning(message: string): void;
  /**
   * One release's log as a block. Releases run in parallel, so their lines are collected and handed over
   * whole when the release is done (a GitHub log group cannot interleave with another).
   */
  group(title: string, lines: readonly string[]): void;
  /** A value that must never appear in logs (a token); the action masks it. */
  secret(value: string): void;
}

/** Plain text to a stream: for the CLI and for tests. Secrets it is told of are masked as the runner would. */
export function plainLogger(write: (text: string) => void = (text) => process.stderr.write(text)): DeployLogger {
  const redactor = new Redactor();
  const out = (text: string) => write(redactor.redact(text));
  return {
    info: (message) => out(`${message}\n`),
    warning: (message) => out(`warning: ${message}\n`),
    group: (title, lines) => out([`== ${title}`, ...lines.map((line) => `   ${line}`)].join('\n') + '\n'),
    secret: (value) => redactor.add(value),
  };
}
