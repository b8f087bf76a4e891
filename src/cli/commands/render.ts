import { renderRelease } from '../../helm/render.js';
import { repoSecrets } from '../../repo/secrets.js';
import { detectHelm } from '../../helm/helm.js';
import { hasErrors } from '../../model/problems.js';
import { loadRepo } from '../../repo/load.js';
import { parseCommand } from '../args.js';
import { printProblems } from '../output.js';
import { UsageError } from '../usage.js';

/** The manifests of an environment's releases (helm template with the composed values), for validators. */
export async function renderCommand(args: string[]): Promise<number> {
  const { environmentsFile, positionals, values } = parseCommand(args, { release: { type: 'string', short: 'r', multiple: false }, helm: { type: 'string' } });
  const [environmentName, ...extra] = positionals;
  if (!environmentName) throw new UsageError('render needs an environment name');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const loaded = await loadRepo(environmentsFile);
  printProblems(loaded.problems, loaded.repo.root);
  if (hasErrors(loaded.problems)) return 1;
  const environment = loaded.repo.environments.find((e) => e.name === environmentName);
  if (!environment) throw new UsageError(`no environment "${environmentName}" (known: ${loaded.repo.environments.map((e) => e.name).join(', ')})`);
  const releases = values.release ? environment.releases.filter((r) => r.name === values.release) : environment.releases;
  if (releases.length === 0) throw new UsageError(`environment "${environmentName}" has no release "${String(values.release)}"`);
  const helm = await detectHelm((values.helm as string) ?? 'helm');
  const redactor = repoSecrets(loaded, () => undefined);
  let failed = 0;
  for (const release of releases) {
    let error: string | undefined;
    try {
      const result = await renderRelease(helm, loaded, environment, release);
      if (result.code === 0) process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
      else error = result.stderr.trim();
    } catch (thrown) {
      error = (thrown as Error).message;
    }
    if (error !== undefined) {
      failed++;
      process.stderr.write(`${release.pos.file}:${release.pos.line}:${release.pos.column}: error: release "${release.name}" does not render: ${redactor.redact(error)}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
