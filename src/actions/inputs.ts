import * as core from '@actions/core';
import { isAbsolute, resolve } from 'node:path';

/** The workspace the action runs in (the checkout of the deployments repo). */
export function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

export function pathInput(name: string, fallback: string): string {
  const value = core.getInput(name) || fallback;
  return isAbsolute(value) ? value : resolve(workspace(), value);
}

/** Like core.getBooleanInput, but an absent input means `fallback` instead of an exception. */
export function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === '') return fallback;
  if (['true', 'yes', '1'].includes(value)) return true;
  if (['false', 'no', '0'].includes(value)) return false;
  throw new InputError(`input "${name}" must be true or false, not "${value}"`);
}

export function optionalInput(name: string): string | undefined {
  return core.getInput(name).trim() || undefined;
}

/** A problem with the workflow's inputs: reported as one line, never a stack trace. */
export class InputError extends Error {}
