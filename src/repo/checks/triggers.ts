import { composeValuesDetailed, imageOf, type ValueSources } from '../../values/compose.js';
import { getValue } from '../../values/keys.js';
import { parseTag } from '../../versions/tag.js';
import { isImageRepository, isOciTag } from '../../model/grammar.js';
import { excerpt, problem } from '../../model/problems.js';
import type { Environment, Problem } from '../../model/types.js';

/**
 * Each image trigger needs its tag and repository values set in the composed values (chart defaults
 * count), and a semver track needs a current tag it can read as a version.
 */
export function checkTriggers(loaded: ValueSources, env: Environment): Problem[] {
  const problems: Problem[] = [];
  for (const release of env.releases) {
    const imageTriggers = release.triggers.filter((t) => t.kind === 'image');
    if (imageTriggers.length === 0) continue;
    const { values } = composeValuesDetailed(loaded, env, release, { withChartDefaults: true, withLock: true });
    for (const trigger of imageTriggers) {
      const where = `release \`${release.name}\` in environment \`${env.name}\``;
      for (const [field, key] of [['repoValue', trigger.repoValue], ['tagValue', trigger.tagValue]] as const) {
        const value = getValue(values, key);
        if (value === undefined || value === null || value === '') {
          problems.push(problem(trigger.pos, `trigger ${field} \`${key}\` is not set for ${where}; set it in the release values or the chart's values.yaml`));
        } else if (typeof value !== 'string' && typeof value !== 'number') {
          problems.push(problem(trigger.pos, `trigger ${field} \`${key}\` of ${where} is ${describeKind(value)}; expected a string`));
        }
      }
      // The prefix is optional, but when set it is joined into the image name like the repository.
      const prefix = getValue(values, trigger.prefixValue);
      if (prefix !== undefined && prefix !== null && typeof prefix !== 'string' && typeof prefix !== 'number') {
        problems.push(problem(trigger.pos, `trigger repoPrefixValue \`${trigger.prefixValue}\` of ${where} is ${describeKind(prefix)}; expected a string`));
      }
      const image = imageOf(values, trigger);
      if (image.repository !== undefined && image.repository !== '' && !isImageRepository(image.repository)) {
        problems.push(problem(trigger.pos, `image repository \`${excerpt(image.repository)}\` of ${where} is not an image name; expected [HOST[:PORT]/]PATH with lower-case path components and no tag`));
      }
      if (image.tag !== undefined && image.tag !== '' && !isOciTag(image.tag)) {
        problems.push(problem(trigger.pos, `current tag \`${excerpt(image.tag)}\` of ${where} is not an image tag; expected letters, digits, \`_\`, \`.\` and \`-\` (at most 128, not starting with \`.\` or \`-\`)`));
      }
      const tag = getValue(values, trigger.tagValue);
      if (typeof tag === 'number') {
        problems.push(
          problem(trigger.pos, `trigger tagValue \`${trigger.tagValue}\` of ${where} is the number ${excerpt(String(tag))}; quote the tag in YAML so it stays a string (1.10 reads as 1.1)`, 'warning'),
        );
      }
      const bounds = trigger.promote ? trigger.promote.within : trigger.track !== 'Newest' ? trigger.track : undefined;
      if (bounds !== undefined && (typeof tag === 'string' || typeof tag === 'number') && parseTag(String(tag)) === undefined) {
        problems.push(
          problem(trigger.pos, `current tag \`${excerpt(String(tag))}\` of ${where} is not a version (X, X.Y or X.Y.Z, optionally with a v prefix), so ${trigger.promote ? `within: ${bounds}` : `track ${bounds}`} cannot compare it; use ${trigger.promote ? 'no `within`' : 'track Newest'} or a version tag`),
        );
      }
    }
  }
  return problems;
}

function describeKind(value: unknown): string {
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}
