// TLS for the Azure stand-ins: MSAL (inside @azure/identity) refuses authorities that are not https. A
// throwaway CA signs a certificate for 127.0.0.1; a TLS listener decrypts and forwards each connection to
// a plain stand-in server (common.ts), so the request log and handlers stay the same as everywhere else.
// Processes trust the CA through NODE_EXTRA_CA_CERTS; a test's own process through trustInThisProcess().
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, getCACertificates, setDefaultCACertificates } from 'node:tls';
import { generateClusterCertificates } from '../harness/cluster-certs.js';

export interface TestCa {
  /** PEM file: what NODE_EXTRA_CA_CERTS names. */
  caFile: string;
  caPem: string;
  keyPem: string;
  certPem: string;
  remove(): Promise<void>;
}

/** A CA and a serving certificate for 127.0.0.1 and localhost. */
export async function createTestCa(): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'kubecd-azure-tls-'));
  try {
    const certs = await generateClusterCertificates(dir);
    const [caPem, keyPem, certPem] = await Promise.all([certs.caFile, certs.servingKeyFile, certs.servingCertFile].map((f) => readFile(f, 'utf8')));
    return { caFile: certs.caFile, caPem: caPem!, keyPem: keyPem!, certPem: certPem!, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface TlsFront {
  /** https://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
}

/** An https front for the plain server at `target` (http://127.0.0.1:PORT). */
export async function startTlsFront(target: string, ca: TestCa): Promise<TlsFront> {
  const port = Number(new URL(target).port);
  const sockets = new Set<Socket>();
  const server = createServer({ key: ca.keyPem, cert: ca.certPem }, (socket) => {
    const upstream = connect(port, '127.0.0.1');
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Adds the CA to this process's default trust (what fetch and node:https use); returns the undo. */
export function trustInThisProcess(ca: TestCa): () => void {
  const before = getCACertificates('default');
  setDefaultCACertificates([...before, ca.caPem]);
  return () => setDefaultCACertificates(before);
}
