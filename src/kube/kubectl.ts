import { run, type RunResult } from '../exec/run.js';
import type { KubeTarget } from '../helm/helm.js';

/** The field manager kubecd's server-side applies own their fields as. */
export const FIELD_MANAGER = 'kubecd';

export function kubectlTargetArgs(target: KubeTarget): string[] {
  const args: string[] = [];
  if (target.kubeconfig) args.push('--kubeconfig', target.kubeconfig);
  if (target.context) args.push('--context', target.context);
  return args;
}

export type ApplyMode = 'apply' | 'dry-run';

export function applyFileArgs(file: string, namespace: string, target: KubeTarget, mode: ApplyMode = 'apply'): string[] {
  const args = ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--namespace', namespace, '--filename', file, ...kubectlTargetArgs(target)];
  if (mode === 'dry-run') args.push('--dry-run=server');
  return args;
}

/** `kubectl apply --server-side` of one resource file into `namespace`. */
export function applyFile(kubectl: string, file: string, namespace: string, target: KubeTarget, mode: ApplyMode = 'apply'): Promise<RunResult> {
  return run(kubectl, applyFileArgs(file, namespace, target, mode));
}

/** `kubectl diff --server-side`: exit 0 no change, 1 changes, >1 error. */
export function diffFile(kubectl: string, file: string, namespace: string, target: KubeTarget): Promise<RunResult> {
  return run(kubectl, ['diff', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--namespace', namespace, '--filename', file, ...kubectlTargetArgs(target)], {
    // kubectl diff shells out to KUBECTL_EXTERNAL_DIFF or `diff -u -N`; keep it plain.
    env: { ...process.env, KUBECTL_EXTERNAL_DIFF: '' },
  });
}

/** The Secrets of `namespace` that match `selector`, as kubectl's JSON list. */
export function getSecretsArgs(namespace: string, selector: string, target: KubeTarget): string[] {
  return ['get', 'secrets', '--namespace', namespace, '--selector', selector, '--output', 'json', ...kubectlTargetArgs(target)];
}

export function getSecrets(kubectl: string, namespace: string, selector: string, target: KubeTarget): Promise<RunResult> {
  return run(kubectl, getSecretsArgs(namespace, selector, target));
}

/** Creates the namespace unless it exists (an AlreadyExists answer counts as success). */
export async function ensureNamespace(kubectl: string, namespace: string, target: KubeTarget): Promise<RunResult> {
  const result = await run(kubectl, ['create', 'namespace', namespace, ...kubectlTargetArgs(target)]);
  if (result.code !== 0 && /AlreadyExists|already exists/.test(result.stderr)) return { ...result, code: 0 };
  return result;
}
