import { applyEnvironment } from '../../deploy/apply.js';
import { outcomeText } from '../../deploy/report.js';
import { APPLY_SETTINGS, ApplyOptionError, applyRequest, checkApplyOptions, helmPath, type ApplyOptions, type ApplySettings } from '../../deploy/request.js';
import { detectHelm } from '../../helm/helm.js';
import { hasErrors } from '../../model/problems.js';
import { loadRepo } from '../../repo/load.js';
import { parseCommand } from '../args.js';
import { cliLogger, printProblems } from '../output.js';
import { UsageError } from '../usage.js';

const OPTIONS = {
  ...(Object.fromEntries(Object.entries(APPLY_SETTINGS).map(([name, spec]) => [name, { type: spec.type }])) as Record<keyof typeof APPLY_SETTINGS, { type: 'string' | 'boolean' }>),
  release: { type: 'string', short: 'r', multiple: true },
  context: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

/** The flags as the request mapper takes them: the shared settings by name, absent flags left out. */
function commandOptions(environment: string, mode: 'apply' | 'plan', values: Record<string, string | boolean | string[] | undefined>): ApplyOptions {
  const settings: Record<string, string | boolean> = {};
  for (const name of Object.keys(APPLY_SETTINGS)) {
    const value = values[name];
    if (typeof value === 'string' || typeof value === 'boolean') settings[name] = value;
  }
  return {
    ...(settings as ApplySettings),
    environment,
    mode: mode === 'apply' && values['dry-run'] === true ? 'dry-run' : mode,
    releases: Array.isArray(values.release) ? values.release : [],
    ...(typeof values.context === 'string' ? { context: values.context } : {}),
  };
}

/** `kubecd apply ENV` / `kubecd plan ENV`: the action's engine with the developer's own credentials. */
export function deployCommand(mode: 'apply' | 'plan'): (args: string[]) => Promise<number> {
  return async (args) => {
    const { environmentsFile, positionals, values } = parseCommand(args, OPTIONS);
    const [environment, ...extra] = positionals;
    if (!environment) throw new UsageError(`${mode} needs an environment name`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const options = commandOptions(environment, mode, values);
    try {
      checkApplyOptions(options);
    } catch (error) {
      throw error instanceof ApplyOptionError ? new UsageError(`--${error.option} ${error.problem}`) : error;
    }

    // helm's version check runs while the repo loads: it is on every apply's critical path.
    const helm = detectHelm(helmPath(options));
    helm.catch(() => undefined);
    const loaded = await loadRepo(environmentsFile);
    printProblems(loaded.problems, loaded.repo.root);
    if (hasErrors(loaded.problems)) {
      process.stderr.write('kubecd: the deployments repo has errors; nothing was deployed\n');
      return 1;
    }
    const outcome = await applyEnvironment(applyRequest(options, { loaded, helm: await helm, logger: cliLogger() }));
    process.stdout.write(outcomeText(outcome));
    return outcome.failed ? 1 : 0;
  };
}

export const applyCommand = deployCommand('apply');
export const planCommand = deployCommand('plan');
