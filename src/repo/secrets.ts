import { Redactor, urlSecrets } from '../exec/redact.js';
import type { LoadedRepo } from './loaded-repo.js';

/**
 * The secrets the deployments repo itself holds (passwords in `helmRepos[].url`): each is handed to `onSecret`
 * (the action masks it) and kept in the returned Redactor, which scrubs helm's and kubectl's output.
 */
export function repoSecrets(loaded: LoadedRepo, onSecret: (value: string) => void): Redactor {
  const redactor = new Redactor();
  const urls = new Set(loaded.repo.helmRepos.map((repo) => repo.url));
  for (const environment of loaded.repo.environments) {
    for (const release of environment.releases) if (release.chart.kind === 'repo' && release.chart.repoUrl) urls.add(release.chart.repoUrl);
  }
  for (const url of urls) {
    if (typeof url !== 'string') continue;
    redactor.addUrl(url);
    for (const secret of urlSecrets(url)) onSecret(secret);
  }
  return redactor;
}
