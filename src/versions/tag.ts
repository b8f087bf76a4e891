import semver from 'semver';

/**
 * An image tag or chart version read as a version, in the forms the seed design doc accepts:
 * `X`, `X.Y`, `X.Y.Z`, each optionally with a `v` prefix, optionally with a pre-release
 * (`-rc.1`) and build metadata (`+abc`).
 */
export interface ParsedTag {
  /** The tag exactly as the registry spells it. */
  raw: string;
  prefix: '' | 'v';
  /** How many numeric parts the tag spells out: `1` → 1, `1.2` → 2, `1.2.3` → 3. */
  parts: 1 | 2 | 3;
  /** The tag as a full semver version (missing parts are 0). */
  version: semver.SemVer;
  prerelease: boolean;
}

const TAG_PATTERN =
  /^(?<prefix>v?)(?<major>0|[1-9]\d*)(?:\.(?<minor>0|[1-9]\d*))?(?:\.(?<patch>0|[1-9]\d*))?(?<pre>-[0-9A-Za-z.-]+)?(?<build>\+[0-9A-Za-z.-]+)?$/;

export function parseTag(tag: string): ParsedTag | undefined {
  const match = TAG_PATTERN.exec(tag);
  if (!match?.groups) return undefined;
  const { prefix = '', major, minor, patch, pre = '', build = '' } = match.groups;
  const parts = patch !== undefined ? 3 : minor !== undefined ? 2 : 1;
  // A patch without a minor cannot match the pattern, so `parts` describes the spelling exactly.
  const version = semver.parse(`${major}.${minor ?? '0'}.${patch ?? '0'}${pre}${build}`);
  if (!version) return undefined;
  return { raw: tag, prefix: prefix as '' | 'v', parts, version, prerelease: version.prerelease.length > 0 };
}
