import { redactingLogger } from '../../log/plain.js';
import { loadRepo } from '../../repo/load.js';
import { hasErrors } from '../../model/problems.js';
import { repoSecrets } from '../../repo/secrets.js';
import { checkedTable, registryFailureLine, registryFailures } from '../../upgrades/report.js';
import { upgradesRequest, UpgradesOptionError, type UpgradesRequest } from '../../upgrades/request.js';
import { runUpgrades } from '../../upgrades/run.js';
import { createSources } from '../../upgrades/sources.js';
import { parseCommand } from '../args.js';
import { cliLogger, formatTable, printProblems } from '../output.js';
import { UsageError } from '../usage.js';

const OPTIONS = {
  release: { type: 'string' },
  image: { type: 'string' },
  write: { type: 'string' },
  apply: { type: 'boolean' },
  'insecure-registry': { type: 'string', multiple: true },
  'cache-dir': { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

/** The flags as the request mapper takes them. */
function commandRequest(environment: string | undefined, values: Record<string, string | boolean | string[] | undefined>): UpgradesRequest {
  const text = (name: string) => (typeof values[name] === 'string' && values[name] !== '' ? (values[name] as string) : undefined);
  const [release, image, write, failOn, cacheDir] = ['release', 'image', 'write', 'fail-on', 'cache-dir'].map(text);
  try {
    return upgradesRequest({
      ...(environment ? { environments: [environment] } : {}),
      ...(release ? { release } : {}),
      ...(image ? { image } : {}),
      ...(write ? { write } : {}),
      ...(failOn ? { failOn } : {}),
      ...(cacheDir ? { cacheDir } : {}),
      insecureRegistries: Array.isArray(values['insecure-registry']) ? values['insecure-registry'] : [],
      dryRun: values.apply !== true,
      baseDir: process.cwd(),
    });
  } catch (error) {
    throw error instanceof UpgradesOptionError ? new UsageError(`--${error.option} ${error.problem}`) : error;
  }
}

/** Checks for newer versions and prints the table; writes lock files (or patches) only with --apply. */
export async function checkUpgradesCommand(args: string[]): Promise<number> {
  const { environmentsFile, positionals, values } = parseCommand(args, OPTIONS);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const request = commandRequest(positionals[0], values);
  const loaded = await loadRepo(environmentsFile);
  printProblems(loaded.problems, loaded.repo.root);
  if (hasErrors(loaded.problems)) {
    process.stderr.write('errors in the deployments repo; nothing checked or written.\n');
    return 1;
  }
  const redactor = repoSecrets(loaded, () => undefined);
  const logger = redactingLogger(cliLogger(), redactor);
  const sources = await createSources({
    insecureRegistries: request.insecureRegistries,
    logger,
  });
  const result = await runUpgrades(loaded, { ...sources, ...request.run, logger });
  process.stdout.write(formatTable(checkedTable(result.rows).map((row) => row.map((cell) => redactor.redact(cell)))));
  const upgrades = result.rows.filter((r) => r.decision === 'upgrade').length;
  const files = result.changed.map((c) => c.file).join(', ');
  if (!request.run.dryRun) process.stdout.write(`${upgrades} upgrade(s); ${result.changed.length ? `wrote ${files}` : 'no file changed'}.\n`);
  else process.stdout.write(`${upgrades} upgrade(s)${result.changed.length ? `; --apply would write ${files}` : ''}.\n`);
  const failures = registryFailures(result.rows);
  for (const failure of failures) process.stderr.write(`error: ${redactor.redact(registryFailureLine(failure))}\n`);
  return failures.length > 0 && request.failOn === 'registry-errors' ? 1 : 0;
}
