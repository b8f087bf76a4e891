import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './tools.js';

const execFileAsync = promisify(execFile);

export interface ApiserverBuild {
  path: string;
  /** True when this call compiled it (first run on a machine, or go.mod/go.sum changed). */
  builtNow: boolean;
  /** Wall time of scripts/build-apiserver.sh, including the up-to-date check. */
  ms: number;
}

let pending: Promise<ApiserverBuild> | undefined;

/** The kube-apiserver binary: $KUBECD_APISERVER_BIN, or built (once, cached outside the repo) by scripts/build-apiserver.sh. */
export function ensureApiserverBinary(): Promise<ApiserverBuild> {
  const fromEnv = process.env.KUBECD_APISERVER_BIN;
  if (fromEnv) return Promise.resolve({ path: fromEnv, builtNow: false, ms: 0 });
  if (!pending) {
    pending = buildApiserver();
    pending.catch(() => { pending = undefined; });
  }
  return pending;
}

async function buildApiserver(): Promise<ApiserverBuild> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await execFileAsync('bash', [join(REPO_ROOT, 'scripts', 'build-apiserver.sh')], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 45 * 60_000,
    });
    const path = stdout.trim().split('\n').at(-1) ?? '';
    if (!path) throw new Error(`build-apiserver.sh printed no binary path:\n${stderr}`);
    return { path, builtNow: /\bbuilt\b.* in \d+ s/.test(stderr), ms: Math.round(performance.now() - started) };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`building kube-apiserver failed: ${String(error)}\n${stderr.split('\n').slice(-30).join('\n')}`);
  }
}

/** etcd: $KUBECD_ETCD_BIN, else Debian's etcd-server package (3.4 is accepted by kube-apiserver 1.35). */
export function etcdBinary(): string {
  return process.env.KUBECD_ETCD_BIN ?? 'etcd';
}
