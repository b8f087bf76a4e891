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
