import * as core from '@actions/core';
import { actionsLogger } from '../log/actions.js';
import { maskSecretInputs } from './secret-inputs.js';

/**
 * Masks the secret inputs, then runs an action's body so that any failure becomes one `::error::` line and exit code 1, never a stack
 * trace (the trace goes to the debug log, visible with ACTIONS_STEP_DEBUG).
 */
export async function runAction(body: () => Promise<void>): Promise<void> {
  try {
    // First of all: a secret input must be masked before any message could quote it.
    maskSecretInputs();
    await body();
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    actionsLogger.debug(err.stack ?? err.message);
    core.setFailed(err.message);
  }
}

/** Writes the job summary when the runner provides a file for it (a local run may not), else drops it. */
export async function writeSummary(): Promise<void> {
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.write();
  else core.summary.emptyBuffer();
}
