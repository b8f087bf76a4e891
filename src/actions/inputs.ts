import * as core from '@actions/core';
import { isAbsolute, resolve } from 'node:path';
import { actionsLogger } from '../log/actions.js';

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

/**
 * An input that was renamed: the new name, else the old one with a deprecation warning. Both set to different
 * values is an error, so a half-finished rename cannot pick one silently.
 */
export function renamedInput(name: string, deprecated: string): string | undefined {
  const current = optionalInput(name);
  const old = optionalInput(deprecated);
  if (old === undefined) return current;
  actionsLogger.warning(`input "${deprecated}" is deprecated; use "${name}"`);
  if (current !== undefined && current !== old) throw new InputError(`inputs "${name}" and "${deprecated}" (its deprecated name) are both set, to different values; set only "${name}"`);
  return current ?? old;
}

/** A problem with the workflow's inputs: reported as one line, never a stack trace. */
export class InputError extends Error {}

/** A list input: names separated by commas, spaces or newlines. */
export function listInput(name: string): string[] {
  return core.getInput(name).split(/[\s,]+/).filter(Boolean);
}

export function choiceInput<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = (optionalInput(name) ?? fallback) as T;
  if (!allowed.includes(value)) throw new InputError(`input "${name}" must be one of ${allowed.join(', ')}, not "${value}"`);
  return value;
}

export function positiveIntegerInput(name: string, fallback: number): number {
  const text = optionalInput(name) ?? String(fallback);
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InputError(`input "${name}" must be a positive whole number, not "${text}"`);
  return value;
}
