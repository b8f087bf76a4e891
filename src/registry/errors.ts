/** Anything a registry or chart repository query can fail with; `reason` is fit for a summary table. */
export class RegistryError extends Error {
  constructor(
    readonly registry: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${registry}: ${reason}`, options);
    this.name = new.target.name;
  }
}

/** The registry kept failing (rate limits, 5xx, timeouts, broken bodies) after every retry. */
export class RegistryUnavailableError extends RegistryError {}

/** The registry refused our credentials, or wants credentials we do not have. */
export class RegistryAuthError extends RegistryError {}

/** The repository, tag or blob does not exist. */
export class RegistryNotFoundError extends RegistryError {}

/** The registry answered, but with something that is not what the distribution spec says. */
export class RegistryProtocolError extends RegistryError {}
