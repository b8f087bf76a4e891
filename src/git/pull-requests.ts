import { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

export interface GitHubRepo {
  octokit: Octokit;
  owner: string;
  repo: string;
}

export interface PullRequestRef {
  number: number;
  url: string;
  branch: string;
}

/** An Octokit for `token`, pointed at GITHUB_API_URL when set (GHES, or a stand-in in tests). */
export function githubClient(token: string, apiUrl: string | undefined = process.env.GITHUB_API_URL): Octokit {
  return getOctokit(token, apiUrl ? { baseUrl: apiUrl } : {});
}

/** `owner/repo` as GITHUB_REPOSITORY spells it. */
export function splitRepository(full: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = full.split('/');
  if (!owner || !repo || rest.length > 0) throw new Error(`"${full}" is not OWNER/REPO`);
  return { owner, repo };
}

export async function findOpenPullRequest(gh: GitHubRepo, branch: string, base: string): Promise<PullRequestRef | undefined> {
  const { data } = await gh.octokit.rest.pulls.list({ owner: gh.owner, repo: gh.repo, state: 'open', head: `${gh.owner}:${branch}`, base, per_page: 10 });
  const pull = data.find((p) => p.head.ref === branch);
  return pull ? { number: pull.number, url: pull.html_url, branch } : undefined;
}

/** Opens a pull request for `branch`, or updates the title and body of the one already open. */
export async function openOrUpdatePullRequest(
  gh: GitHubRepo,
  params: { branch: string; base: string; title: string; body: string },
): Promise<PullRequestRef & { action: 'created' | 'updated' }> {
  const existing = await findOpenPullRequest(gh, params.branch, params.base);
  if (existing) {
    await gh.octokit.rest.pulls.update({ owner: gh.owner, repo: gh.repo, pull_number: existing.number, title: params.title, body: params.body });
    return { ...existing, action: 'updated' };
  }
  const { data } = await gh.octokit.rest.pulls.create({ owner: gh.owner, repo: gh.repo, head: params.branch, base: params.base, title: params.title, body: params.body });
  return { number: data.number, url: data.html_url, branch: params.branch, action: 'created' };
}

/** Closes the open pull request of `branch` (if any) with a comment, and deletes the branch. */
export async function closePullRequest(gh: GitHubRepo, branch: string, base: string, comment: string): Promise<PullRequestRef | undefined> {
  const existing = await findOpenPullRequest(gh, branch, base);
  if (!existing) return undefined;
  await gh.octokit.rest.issues.createComment({ owner: gh.owner, repo: gh.repo, issue_number: existing.number, body: comment });
  await gh.octokit.rest.pulls.update({ owner: gh.owner, repo: gh.repo, pull_number: existing.number, state: 'closed' });
  try {
    await gh.octokit.rest.git.deleteRef({ owner: gh.owner, repo: gh.repo, ref: `heads/${branch}` });
  } catch {
    // Already gone: nothing to clean up.
  }
  return existing;
}
