import { excerpt, formatPos, problem } from '../../model/problems.js';
import type { Environment, Problem } from '../../model/types.js';

/** Release names must be unique within an environment, across all of its release files. */
export function checkDuplicateReleases(env: Environment): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, string>();
  for (const release of env.releases) {
    const seen = first.get(release.name);
    if (seen !== undefined) {
      problems.push(problem(release.pos, `duplicate release \`${excerpt(release.name)}\` in environment \`${env.name}\`; first declared at ${seen}`));
    } else {
      first.set(release.name, formatPos(release.pos));
    }
  }
  return problems;
}

/** `nameFrom.clusterParam` must name a parameter of the environment's cluster. */
export function checkClusterParams(env: Environment): Problem[] {
  const problems: Problem[] = [];
  const settings = [...env.defaultValues, ...env.releases.flatMap((r) => r.values)];
  for (const setting of settings) {
    const param = setting.valueFrom?.gceAddress.nameFromClusterParam;
    if (param === undefined || Object.hasOwn(env.cluster.parameters, param)) continue;
    problems.push(
      problem(setting.pos, `value \`${setting.key}\` reads cluster parameter \`${excerpt(param)}\`, which cluster \`${excerpt(env.cluster.name)}\` (environment \`${env.name}\`) does not define`),
    );
  }
  return problems;
}
