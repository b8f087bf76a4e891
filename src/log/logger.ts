/** How kubecd reports progress, whoever runs it: the actions map it to the runner, the CLI and tests to plain lines. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  /** Detail for whoever is debugging (the runner shows it with ACTIONS_STEP_DEBUG; the CLI drops it). */
  debug(message: string): void;
  /**
   * A block of lines under a title. Releases run in parallel, so their lines are collected and handed over
   * whole when the release is done (a GitHub log group cannot interleave with another).
   */
  group(title: string, lines: readonly string[]): void;
  /** A value that must never appear in logs (a token); it is masked from then on. */
  secret(value: string): void;
}
