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

/** Plain text to a stream: for the CLI and for tests. */
export function plainLogger(write: (text: string) => void = (text) => process.stderr.write(text)): DeployLogger {
  return {
    info: (message) => write(`${message}\n`),
    warning: (message) => write(`warning: ${message}\n`),
    group: (title, lines) => write([`== ${title}`, ...lines.map((line) => `   ${line}`)].join('\n') + '\n'),
    secret: () => undefined,
  };
}
