export class GitError extends Error {}

/** A value kubecd refuses to hand to git. */
export class GitArgumentError extends GitError {}
