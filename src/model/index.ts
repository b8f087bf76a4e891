export { loadRepo } from './load.js';
export type { LoadedRepo } from './loaded-repo.js';
export { hasErrors, formatProblem, sortProblems } from './problems.js';
export { RELEASE_NAME_PATTERN } from './normalise-releases.js';
export { NAMESPACE_PATTERN, ENVIRONMENT_NAME_PATTERN } from './normalise-environments.js';
export * from './types.js';
