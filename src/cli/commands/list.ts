import { loadRepo } from '../../repo/load.js';
import { parseCommand } from '../args.js';
import { formatTable, printProblems } from '../output.js';
import { UsageError } from '../usage.js';

/** Environments and releases, with where each release is declared. */
export async function listCommand(args: string[]): Promise<number> {
  const { environmentsFile, positionals } = parseCommand(args);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const loaded = await loadRepo(environmentsFile);
  printProblems(loaded.problems, loaded.repo.root);
  const rows = [['ENVIRONMENT', 'CLUSTER', 'NAMESPACE', 'RELEASE', 'CHART', 'DEFINED AT']];
  for (const environment of loaded.repo.environments) {
    for (const release of environment.releases) {
      const chart = release.chart.kind === 'dir' ? release.chart.dir : `${release.chart.reference}@${release.chart.version}`;
      rows.push([environment.name, environment.cluster.name, environment.namespace, release.name, chart, `${release.pos.file}:${release.pos.line}`]);
    }
    if (environment.releases.length === 0) rows.push([environment.name, environment.cluster.name, environment.namespace, '-', '-', `${environment.pos.file}:${environment.pos.line}`]);
  }
  process.stdout.write(formatTable(rows));
  return loaded.problems.some((p) => p.severity === 'error') ? 1 : 0;
}
