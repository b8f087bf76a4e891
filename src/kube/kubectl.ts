import { run, type RunResult } from '../exec/run.js';
import type { KubeTarget } from './target.js';
import { quoted } from '../exec/quote.js';
import { isNamespace, isPlainArgument } from '../model/grammar.js';

/** The field manager kubecd's server-side applies own their fields as. */
export const FIELD_MANAGER = 'kubecd';

/** A value kubecd refuses to hand to kubectl; the message names the value's role and what was expected. */
export class KubectlArgumentError extends Error {}

function checkNamespace(value: string): string {
  if (!isNamespace(value)) throw new KubectlArgumentError(`refusing to run kubectl: namespace ${quoted(value)} is not a valid namespace (a DNS-1123 label)`);
  return value;
}

function checkPlain(role: string, value: string): string {
  if (!isPlainArgument(value)) throw new KubectlArgumentError(`refusing to run kubectl: ${role} ${quoted(value)} is not a plain value (not empty, not starting with "-", no control characters)`);
  return value;
}

/** Every value goes in the `--flag=VALUE` form, so none can be read as a flag of its own. */
export function kubectlTargetArgs(target: KubeTarget): string[] {
  const args: string[] = [];
  if (target.kubeconfig) args.push(`--kubeconfig=${checkPlain('kubeconfig path', target.kubeconfig)}`);
  if (target.context) args.push(`--context=${checkPlain('kube context', target.context)}`);
  return args;
}

function fileArgs(file: string, namespace: string, target: KubeTarget): string[] {
  return [`--namespace=${checkNamespace(namespace)}`, `--filename=${checkPlain('resource file', file)}`, ...kubectlTargetArgs(target)];
}

export type ApplyMode = 'apply' | 'dry-run';

export function applyFileArgs(file: string, namespace: string, target: KubeTarget, mode: ApplyMode = 'apply'): string[] {
  const args = ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...fileArgs(file, namespace, target)];
  if (mode === 'dry-run') args.push('--dry-run=server');
  return args;
}

/** `kubectl apply --server-side` of one resource file into `namespace`. */
export function applyFile(kubectl: string, file: string, namespace: string, target: KubeTarget, mode: ApplyMode = 'apply'): Promise<RunResult> {
  return run(kubectl, applyFileArgs(file, namespace, target, mode));
}

export function diffFileArgs(file: string, namespace: string, target: KubeTarget): string[] {
  return ['diff', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...fileArgs(file, namespace, target)];
}

/** `kubectl diff --server-side`: exit 0 no change, 1 changes, >1 error. */
export function diffFile(kubectl: string, file: string, namespace: string, target: KubeTarget): Promise<RunResult> {
  return run(kubectl, diffFileArgs(file, namespace, target), {
    // kubectl diff shells out to KUBECTL_EXTERNAL_DIFF or `diff -u -N`; keep it plain.
    env: { ...process.env, KUBECTL_EXTERNAL_DIFF: '' },
  });
}

/** The Secrets of `namespace` that match `selector`, as kubectl's JSON list. */
export function getSecretsArgs(namespace: string, selector: string, target: KubeTarget): string[] {
  return ['get', 'secrets', `--namespace=${checkNamespace(namespace)}`, `--selector=${checkPlain('selector', selector)}`, '--output=json', ...kubectlTargetArgs(target)];
}

export function getSecrets(kubectl: string, namespace: string, selector: string, target: KubeTarget): Promise<RunResult> {
  return run(kubectl, getSecretsArgs(namespace, selector, target));
}

export function createNamespaceArgs(namespace: string, target: KubeTarget): string[] {
  // kubectl create drops what follows `--`; the checked name cannot read as a flag anyway.
  return ['create', 'namespace', checkNamespace(namespace), ...kubectlTargetArgs(target)];
}

/** Creates the namespace unless it exists (an AlreadyExists answer counts as success). */
export async function ensureNamespace(kubectl: string, namespace: string, target: KubeTarget): Promise<RunResult> {
  const result = await run(kubectl, createNamespaceArgs(namespace, target));
  if (result.code !== 0 && /AlreadyExists|already exists/.test(result.stderr)) return { ...result, code: 0 };
  return result;
}
