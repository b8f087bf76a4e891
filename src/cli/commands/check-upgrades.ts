import { resolve } from 'node:path';
import { loadRepo } from '../../repo/load.js';
import { hasErrors } from '../../model/problems.js';
import { repoSecrets } from '../../repo/secrets.js';
import { checkedTable, FAIL_ON, registryFailureLine, registryFailures, type FailOn } from '../../upgrades/report.js';
import { runUpgrades } from '../../upgrades/run.js';
import { createSources, defaultCacheDir } from '../../upgrades/sources.js';
import type { WriteMode } from '../../upgrades/types.js';
import { parseCommand } from '../args.js';
import { formatTable, printProblems } from '../output.js';
import { UsageError } from '../usage.js';

/** Checks for newer versions and prints the table; writes lock files (or patches) only with --apply. */
export async function checkUpgradesCommand(args: string[]): Promise<number> {
  const { environmentsFile, positionals, values } = parseCommand(args, {
    release: { type: 'string' },
    image: { type: 'string' },
    write: { type: 'string' },
    apply: { type: 'boolean' },
    'insecure-registry': { type: 'string', multiple: true },
    'cache-dir': { type: 'string' },
    'fail-on': { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const write = (values.write ?? 'lock') as WriteMode;
  if (write !== 'lock' && write !== 'patch') throw new UsageError(`--write must be lock or patch, not "${String(values.write)}"`);
  const failOn = (values['fail-on'] ?? 'registry-errors') as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be ${FAIL_ON.join(' or ')}, not "${String(values['fail-on'])}"`);
  const loaded = await loadRepo(environmentsFile);
  printProblems(loaded.problems, loaded.repo.root);
  if (hasErrors(loaded.problems)) {
    process.stderr.write('errors in the deployments repo; nothing checked or written.\n');
    return 1;
  }
  const redactor = repoSecrets(loaded, () => undefined);
  const insecure = (values['insecure-registry'] as unknown as string[] | undefined) ?? [];
  const warn = (m: string) => process.stderr.write(`warning: ${redactor.redact(m)}\n`);
  const sources = await createSources({ insecureRegistries: insecure, warn });
  const cacheDir = typeof values['cache-dir'] === 'string' && values['cache-dir'] !== '' ? resolve(values['cache-dir']) : defaultCacheDir();
  const result = await runUpgrades(loaded, {
    ...sources,
    cacheDir,
    warn,
    write,
    dryRun: !values.apply,
    ...(positionals[0] ? { environments: [positionals[0]] } : {}),
    ...(typeof values.release === 'string' ? { release: values.release } : {}),
    ...(typeof values.image === 'string' ? { image: values.image } : {}),
  });
  process.stdout.write(formatTable(checkedTable(result.rows).map((row) => row.map((cell) => redactor.redact(cell)))));
  const upgrades = result.rows.filter((r) => r.decision === 'upgrade').length;
  const files = result.changed.map((c) => c.file).join(', ');
  if (values.apply) process.stdout.write(`${upgrades} upgrade(s); ${result.changed.length ? `wrote ${files}` : 'no file changed'}.\n`);
  else process.stdout.write(`${upgrades} upgrade(s)${result.changed.length ? `; --apply would write ${files}` : ''}.\n`);
  const failures = registryFailures(result.rows);
  for (const failure of failures) process.stderr.write(`error: ${redactor.redact(registryFailureLine(failure))}\n`);
  return failures.length > 0 && failOn === 'registry-errors' ? 1 : 0;
}
