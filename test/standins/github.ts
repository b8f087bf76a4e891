// Stand-in for GitHub's REST API (api.github.com, or a GHES /api/v3 root), the endpoints kubecd uses.
// Contract: GitHub REST API docs — "Pulls": list (GET /repos/{o}/{r}/pulls with state/head/base), create (POST),
// get, update (PATCH), merge (PUT …/merge); "Issue comments": create (POST /repos/{o}/{r}/issues/{n}/comments);
// "Labels": add labels to an issue (POST …/issues/{n}/labels); "Git references": get (GET …/git/ref/heads/{b})
// and delete (DELETE …/git/refs/heads/{b}). Errors use GitHub's shapes: 401 "Bad credentials", 404 "Not Found",
// 400 "Problems parsing JSON" (like GitHub, a body is read as JSON whatever its Content-Type), 422 "Validation
// Failed" with an `errors` list. Branches are read from (and deleted in, and fast-forwarded by merges in) a
// real bare git repository: the remote the code under test pushes to.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bearerToken, startServer, type Exchange, type RequestLog } from './common.js';

const run = promisify(execFile);

export interface GitHubStandInOptions {
  /** The token every request must carry (`Authorization: token T` or `Bearer T`). */
  token: string;
  owner: string;
  repo: string;
  /** The bare repository acting as the GitHub remote. */
  gitDir: string;
  defaultBranch?: string;
  /** Base of html_url links. Default https://github.com. */
  htmlBaseUrl?: string;
}

export interface StoredPullRequest {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  title: string;
  body: string | null;
  head: string;
  base: string;
  draft: boolean;
  labels: string[];
  createdAt: string;
  updatedAt: string;
}

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
}

export interface GitHubStandIn {
  url: string;
  /**
   * The variables a runner sets that point @actions/github here. Note: @actions/github reads GITHUB_API_URL
   * once, when first imported; code that may run after a change should pass `baseUrl` to getOctokit.
   */
  env: { GITHUB_API_URL: string; GITHUB_SERVER_URL: string; GITHUB_REPOSITORY: string };
  pulls: StoredPullRequest[];
  comments: StoredComment[];
  log: RequestLog;
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

export async function startGitHubStandIn(options: GitHubStandInOptions): Promise<GitHubStandIn> {
  const pulls: StoredPullRequest[] = [];
  const comments: StoredComment[] = [];
  const api = new GitHubApi(options, pulls, comments);
  const server = await startServer((exchange) => api.handle(exchange));
  api.apiUrl = server.url;
  const env = {
    GITHUB_API_URL: server.url,
    GITHUB_SERVER_URL: options.htmlBaseUrl ?? 'https://github.com',
    GITHUB_REPOSITORY: `${options.owner}/${options.repo}`,
  };
  return { url: server.url, env, pulls, comments, log: server.log, stop: server.stop };
}

const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };

function validationFailed(errors: Json[]): Json {
  return { message: 'Validation Failed', errors, documentation_url: 'https://docs.github.com/rest' };
}

class GitHubApi {
  apiUrl = '';
  private nextCommentId = 1;
  private readonly htmlBase: string;
  private readonly fullName: string;

  constructor(
    private readonly options: GitHubStandInOptions,
    private readonly pulls: StoredPullRequest[],
    private readonly comments: StoredComment[],
  ) {
    this.htmlBase = options.htmlBaseUrl ?? 'https://github.com';
    this.fullName = `${options.owner}/${options.repo}`;
  }

  async handle(exchange: Exchange): Promise<void> {
    const { headers, reply } = exchange;
    if (!headers['user-agent']) {
      return reply(403, { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.' });
    }
    if (headers.authorization === undefined) return reply(401, { message: 'Requires authentication' });
    if (bearerToken(headers, true) !== this.options.token) return reply(401, { message: 'Bad credentials' });

    const segments = exchange.url.pathname.split('/').slice(1);
    const [root, owner, repo, ...rest] = segments;
    if (root !== 'repos' || owner !== this.options.owner || repo !== this.options.repo) return reply(404, notFound);

    let body: unknown;
    if (exchange.body !== '') {
      try {
        body = JSON.parse(exchange.body);
      } catch {
        return reply(400, { message: 'Problems parsing JSON' });
      }
    }
    await this.route(exchange, rest, body);
  }

  private async route(exchange: Exchange, rest: string[], body: unknown): Promise<void> {
    const { method, reply } = exchange;
    const [area, second, third] = rest;
    const json = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
    if (rest.length === 0 && method === 'GET') return reply(200, this.repositoryJson());

    if (area === 'pulls') {
      if (rest.length === 1 && method === 'GET') return this.listPulls(exchange);
      if (rest.length === 1 && method === 'POST') return this.createPull(exchange, json);
      const pull = this.pulls.find((p) => String(p.number) === second);
      if (!pull) return reply(404, notFound);
      if (rest.length === 2 && method === 'GET') return reply(200, await this.pullJson(pull));
      if (rest.length === 2 && method === 'PATCH') return this.updatePull(exchange, pull, json);
      if (rest.length === 3 && third === 'merge' && method === 'PUT') return this.mergePull(exchange, pull, json);
      return reply(404, notFound);
    }

    if (area === 'issues' && rest.length === 3) {
      const pull = this.pulls.find((p) => String(p.number) === second);
      if (!pull) return reply(404, notFound);
      if (third === 'comments' && method === 'POST') return this.createComment(exchange, pull, json);
      if (third === 'labels' && method === 'POST') return this.addLabels(exchange, pull, body);
      return reply(404, notFound);
    }

    // Octokit sends `heads/a/b` as one %2F-encoded segment; curl users send it as several.
    const ref = area === 'git' ? decodeRefTail(rest.slice(2)) : '';
    const branch = ref.startsWith('heads/') ? ref.slice('heads/'.length) : '';
    if (area === 'git' && second === 'ref' && branch !== '' && method === 'GET') return this.getBranchRef(exchange, branch);
    if (area === 'git' && second === 'refs' && branch !== '' && method === 'DELETE') return this.deleteBranch(exchange, branch);
    return reply(404, notFound);
  }

  private async listPulls({ url, reply }: Exchange): Promise<void> {
    const state = url.searchParams.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state)) {
      return reply(422, validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }]));
    }
    const head = url.searchParams.get('head');
    const base = url.searchParams.get('base');
    // GitHub documents head as `user:ref-name`; a head without the owner part does not filter.
    const headFilter = head?.includes(':') ? splitHead(head) : undefined;
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const selected = this.pulls
      .filter((p) => state === 'all' || p.state === state)
      .filter((p) => !headFilter || (headFilter.owner === this.options.owner && headFilter.branch === p.head))
      .filter((p) => !base || p.base === base)
      .sort((a, b) => b.number - a.number)
      .slice((page - 1) * perPage, page * perPage);
    return reply(200, await Promise.all(selected.map((p) => this.pullJson(p))));
  }

  private async createPull({ reply }: Exchange, body: Json): Promise<void> {
    const missing = ['title', 'head', 'base'].filter((field) => typeof body[field] !== 'string' || body[field] === '');
    if (missing.length > 0) {
      return reply(422, validationFailed(missing.map((field) => ({ resource: 'PullRequest', field, code: 'missing_field' }))));
    }
    if (body.body !== undefined && body.body !== null && typeof body.body !== 'string') {
      return reply(422, validationFailed([{ resource: 'PullRequest', field: 'body', code: 'invalid' }]));
    }
    const headSpec = body.head as string;
    const head = headSpec.includes(':') ? splitHead(headSpec) : { owner: this.options.owner, branch: headSpec };
    const base = body.base as string;
    const headSha = head.owner === this.options.owner ? await this.branchSha(head.branch) : undefined;
    const baseSha = await this.branchSha(base);
    const invalid: Json[] = [];
    if (!headSha) invalid.push({ resource: 'PullRequest', field: 'head', code: 'invalid' });
    if (!baseSha) invalid.push({ resource: 'PullRequest', field: 'base', code: 'invalid' });
    if (!headSha || !baseSha) return reply(422, validationFailed(invalid));
    if (this.pulls.some((p) => p.state === 'open' && p.head === head.branch && p.base === base)) {
      return reply(422, validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.options.owner}:${head.branch}.` }]));
    }
    if (await this.isAncestor(headSha, baseSha)) {
      return reply(422, validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head.branch}` }]));
    }
    const now = new Date().toISOString();
    const pull: StoredPullRequest = {
      number: this.pulls.length + 1,
      state: 'open',
      merged: false,
      title: body.title as string,
      body: typeof body.body === 'string' ? body.body : null,
      head: head.branch,
      base,
      draft: body.draft === true,
      labels: [],
      createdAt: now,
      updatedAt: now,
    };
    this.pulls.push(pull);
    return reply(201, await this.pullJson(pull));
  }

  private async updatePull({ reply }: Exchange, pull: StoredPullRequest, body: Json): Promise<void> {
    const invalid = (field: string) => reply(422, validationFailed([{ resource: 'PullRequest', field, code: 'invalid' }]));
    if (body.title !== undefined && (typeof body.title !== 'string' || body.title === '')) return invalid('title');
    if (body.body !== undefined && body.body !== null && typeof body.body !== 'string') return invalid('body');
    if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') return invalid('state');
    if (body.base !== undefined && (typeof body.base !== 'string' || !(await this.branchSha(body.base)))) return invalid('base');
    if (body.state === 'open' && pull.state === 'closed') {
      if (pull.merged) return reply(422, validationFailed([{ resource: 'PullRequest', code: 'custom', message: 'Cannot reopen a merged pull request' }]));
      if (this.pulls.some((p) => p !== pull && p.state === 'open' && p.head === pull.head && p.base === pull.base)) {
        return reply(422, validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.options.owner}:${pull.head}.` }]));
      }
    }
    if (typeof body.title === 'string') pull.title = body.title;
    if (body.body !== undefined) pull.body = body.body as string | null;
    if (body.state === 'open' || body.state === 'closed') pull.state = body.state;
    if (typeof body.base === 'string') pull.base = body.base;
    pull.updatedAt = new Date().toISOString();
    return reply(200, await this.pullJson(pull));
  }

  /** Only fast-forward merges are modelled: anything else is answered as "not mergeable". */
  private async mergePull({ reply }: Exchange, pull: StoredPullRequest, body: Json): Promise<void> {
    const notMergeable = () => reply(405, { message: 'Pull Request is not mergeable' });
    if (pull.state !== 'open') return notMergeable();
    const headSha = await this.branchSha(pull.head);
    const baseSha = await this.branchSha(pull.base);
    if (!headSha || !baseSha) return notMergeable();
    if (body.sha !== undefined && body.sha !== headSha) {
      return reply(409, { message: 'Head branch was modified. Review and try the merge again.' });
    }
    if (!(await this.isAncestor(baseSha, headSha))) return notMergeable();
    await run('git', ['--git-dir', this.options.gitDir, 'update-ref', `refs/heads/${pull.base}`, headSha, baseSha]);
    pull.state = 'closed';
    pull.merged = true;
    pull.updatedAt = new Date().toISOString();
    return reply(200, { sha: headSha, merged: true, message: 'Pull Request successfully merged' });
  }

  private createComment({ reply }: Exchange, pull: StoredPullRequest, body: Json): void {
    if (typeof body.body !== 'string' || body.body === '') {
      return reply(422, validationFailed([{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]));
    }
    const comment: StoredComment = { id: this.nextCommentId++, issueNumber: pull.number, body: body.body };
    this.comments.push(comment);
    return reply(201, {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      body: comment.body,
      html_url: `${this.pullHtmlUrl(pull)}#issuecomment-${comment.id}`,
      issue_url: `${this.apiUrl}/repos/${this.fullName}/issues/${pull.number}`,
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: new Date().toISOString(),
    });
  }

  private addLabels({ reply }: Exchange, pull: StoredPullRequest, body: unknown): void {
    const given = Array.isArray(body) ? body : (body as Json | undefined)?.labels;
    const names = Array.isArray(given)
      ? given.map((label: unknown) => (typeof label === 'string' ? label : (label as Json | null)?.name))
      : undefined;
    if (!names || names.length === 0 || !names.every((n): n is string => typeof n === 'string' && n !== '')) {
      return reply(422, validationFailed([{ resource: 'Label', field: 'labels', code: 'invalid' }]));
    }
    for (const name of names) if (!pull.labels.includes(name)) pull.labels.push(name);
    return reply(200, pull.labels.map((name) => this.labelJson(name)));
  }

  private async getBranchRef({ reply }: Exchange, branch: string): Promise<void> {
    const sha = await this.branchSha(branch);
    if (!sha) return reply(404, notFound);
    return reply(200, {
      ref: `refs/heads/${branch}`,
      node_id: `REF_${Buffer.from(branch).toString('base64url')}`,
      url: `${this.apiUrl}/repos/${this.fullName}/git/refs/heads/${branch}`,
      object: { type: 'commit', sha, url: `${this.apiUrl}/repos/${this.fullName}/git/commits/${sha}` },
    });
  }

  private async deleteBranch({ reply }: Exchange, branch: string): Promise<void> {
    const sha = await this.branchSha(branch);
    if (!sha) return reply(422, { message: 'Reference does not exist', documentation_url: 'https://docs.github.com/rest' });
    await run('git', ['--git-dir', this.options.gitDir, 'update-ref', '-d', `refs/heads/${branch}`, sha]);
    // GitHub closes the open pull requests whose head branch is deleted.
    for (const pull of this.pulls) {
      if (pull.state === 'open' && pull.head === branch) pull.state = 'closed';
    }
    return reply(204, undefined);
  }

  private async branchSha(branch: string): Promise<string | undefined> {
    if (branch === '' || branch.startsWith('-')) return undefined;
    try {
      const { stdout } = await run('git', ['--git-dir', this.options.gitDir, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
      return stdout.trim() || undefined;
    } catch {
      return undefined;
    }
  }

  private async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await run('git', ['--git-dir', this.options.gitDir, 'merge-base', '--is-ancestor', ancestor, descendant]);
      return true;
    } catch {
      return false;
    }
  }

  private pullHtmlUrl(pull: StoredPullRequest): string {
    return `${this.htmlBase}/${this.fullName}/pull/${pull.number}`;
  }

  private labelJson(name: string): Json {
    return { id: stableId(name), node_id: `LA_${stableId(name)}`, name, color: 'ededed', default: false, url: `${this.apiUrl}/repos/${this.fullName}/labels/${encodeURIComponent(name)}` };
  }

  private repositoryJson(): Json {
    return {
      id: stableId(this.fullName),
      name: this.options.repo,
      full_name: this.fullName,
      owner: { login: this.options.owner },
      private: true,
      html_url: `${this.htmlBase}/${this.fullName}`,
      url: `${this.apiUrl}/repos/${this.fullName}`,
      default_branch: this.options.defaultBranch ?? 'main',
    };
  }

  private async pullJson(pull: StoredPullRequest): Promise<Json> {
    const apiPull = `${this.apiUrl}/repos/${this.fullName}/pulls/${pull.number}`;
    const side = async (ref: string) => ({
      label: `${this.options.owner}:${ref}`,
      ref,
      sha: (await this.branchSha(ref)) ?? null,
      user: { login: this.options.owner },
      repo: this.repositoryJson(),
    });
    return {
      id: 1000 + pull.number,
      node_id: `PR_${pull.number}`,
      number: pull.number,
      url: apiPull,
      html_url: this.pullHtmlUrl(pull),
      issue_url: `${this.apiUrl}/repos/${this.fullName}/issues/${pull.number}`,
      state: pull.state,
      locked: false,
      title: pull.title,
      body: pull.body,
      draft: pull.draft,
      merged: pull.merged,
      mergeable: pull.state === 'open' ? true : null,
      labels: pull.labels.map((name) => this.labelJson(name)),
      user: { login: 'github-actions[bot]', type: 'Bot' },
      head: await side(pull.head),
      base: await side(pull.base),
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
      closed_at: pull.state === 'closed' ? pull.updatedAt : null,
    };
  }
}

function splitHead(head: string): { owner: string; branch: string } {
  const colon = head.indexOf(':');
  return { owner: head.slice(0, colon), branch: head.slice(colon + 1) };
}


function decodeRefTail(segments: string[]): string {
  return segments.map((s) => decodeURIComponent(s)).join('/');
}

function stableId(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}
