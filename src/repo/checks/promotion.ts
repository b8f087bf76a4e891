import { excerpt, formatPos, problem } from '../../model/problems.js';
import { promotionEdges, promotionPath } from '../../model/promotion.js';
import { didYouMean } from '../../model/suggest.js';
import type { Environment, Problem } from '../../model/types.js';

/**
 * `track: Promote` must name a declared environment that has the same release, and promotions must not
 * go round in a circle (each trigger in a cycle is reported, at its `from`).
 */
export function checkPromotions(environments: readonly Environment[]): Problem[] {
  const problems = new Map<string, Problem>();
  const add = (found: Problem) => problems.set(`${formatPos(found)} ${found.message}`, found);
  const names = environments.map((e) => e.name);
  for (const { environment, release, trigger } of promotionEdges(environments)) {
    const { from, fromPos } = trigger.promote;
    const source = environments.find((e) => e.name === from);
    if (!source) {
      add(problem(fromPos, `release \`${release.name}\` in environment \`${environment}\` promotes from \`${excerpt(from)}\`, which is not an environment${didYouMean(from, names) || `; declared: ${names.join(', ')}`}`));
      continue;
    }
    const cycle = promotionPath(environments, from, environment);
    if (cycle) {
      add(problem(fromPos, `promotion cycle: ${[environment, ...cycle].join(' -> ')}; an environment cannot (even through others) promote from itself`));
      continue;
    }
    if (!source.releases.some((r) => r.name === release.name)) {
      add(problem(fromPos, `release \`${release.name}\` in environment \`${environment}\` promotes from \`${from}\`, which has no release \`${release.name}\``));
    }
  }
  return [...problems.values()];
}
