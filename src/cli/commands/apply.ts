import { applyEnvironment } from '../../deploy/apply.js';
import type { DeployMode } from '../../deploy/types.js';
import { plainLogger } from '../../deploy/logger.js';
import { outcomeText } from '../../deploy/report.js';
import { detectHelm } from '../../helm/helm.js';
import { hasErrors } from '../../model/problems.js';
import { loadRepo } from '../../repo/load.js';
import { parseCommand } from '../args.js';
import { printProblems } from '../output.js';
import { UsageError } from '../usage.js';

const OPTIONS = {
  release: { type: 'string', short: 'r', multiple: true },
  helm: { type: 'string' },
  kubectl: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  force: { type: 'boolean' },
  prune: { type: 'boolean' },
  wait: { type: 'boolean' },
  atomic: { type: 'boolean' },
  'fail-fast': { type: 'boolean' },
  'create-namespace': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
} as const;

/** `kubecd apply ENV` / `kubecd plan ENV`: the action's engine with the developer's own credentials. */
export function deployCommand(mode: 'apply' | 'plan'): (args: string[]) => Promise<number> {
  return async (args) => {
    const { environmentsFile, positionals, values } = parseCommand(args, OPTIONS);
    const [environment, ...extra] = positionals;
    if (!environment) throw new UsageError(`${mode} needs an environment name`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a positive whole number`);
    const effectiveMode: DeployMode = mode === 'apply' && values['dry-run'] ? 'dry-run' : mode;

    // helm's version check runs while the repo loads: it is on every apply's critical path.
    const helm = detectHelm((values.helm as string | undefined) ?? 'helm');
    helm.catch(() => undefined);
    const loaded = await loadRepo(environmentsFile);
    printProblems(loaded.problems, loaded.repo.root);
    if (hasErrors(loaded.problems)) {
      process.stderr.write('kubecd: the deployments repo has errors; nothing was deployed\n');
      return 1;
    }
    const releases = (values.release as unknown as string[] | undefined) ?? [];
    const outcome = await applyEnvironment({
      loaded,
      environment,
      releases,
      mode: effectiveMode,
      force: values.force === true,
      prune: values.prune === true,
      concurrency,
      timeout: values.timeout as string | undefined,
      wait: values.wait === true,
      atomic: values.atomic === true,
      failFast: values['fail-fast'] === true,
      createNamespace: values['create-namespace'] === true,
      helm: await helm,
      kubectl: (values.kubectl as string | undefined) ?? 'kubectl',
      credentials: {
        ...(values.kubeconfig ? { kubeconfig: values.kubeconfig as string } : {}),
        ...(values.context ? { context: values.context as string } : {}),
      },
      logger: plainLogger(),
    });
    process.stdout.write(outcomeText(outcome));
    return outcome.failed ? 1 : 0;
  };
}

export const applyCommand = deployCommand('apply');
export const planCommand = deployCommand('plan');
