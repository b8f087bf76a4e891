import { detectHelm } from '../../helm/helm.js';
import { lint } from '../../lint/lint.js';
import { hasErrors } from '../../model/problems.js';
import { parseCommand } from '../args.js';
import { printProblems } from '../output.js';
import { UsageError } from '../usage.js';

export async function lintCommand(args: string[]): Promise<number> {
  const { environmentsFile, positionals, values } = parseCommand(args, {
    render: { type: 'boolean' },
    since: { type: 'string' },
    helm: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const result = await lint({
    environmentsFile,
    render: values.render ? { helm: await detectHelm((values.helm as string) ?? 'helm') } : undefined,
    since: values.since as string | undefined,
  });
  printProblems(result.problems, result.loaded.repo.root);
  if (result.renderSkipped) process.stderr.write(`kubecd: ${result.renderSkipped}\n`);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const names = result.environments.map((e) => e.name).join(', ');
  process.stdout.write(errors > 0 ? `${errors} error(s) found.\n` : `ok: ${result.environments.length} environment(s)${names ? `: ${names}` : ''}\n`);
  return hasErrors(result.problems) ? 1 : 0;
}
