import * as core from '@actions/core';
import type { Logger } from './logger.js';

/** The GitHub Actions runner's log: warnings become annotations, groups fold, secrets are masked by the runner. */
export const actionsLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (title, lines) => {
    core.startGroup(title);
    for (const line of lines) core.info(line);
    core.endGroup();
  },
  secret: (value) => core.setSecret(value),
};
