import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ClusterCertificates {
  caFile: string;
  caKeyFile: string;
  servingCertFile: string;
  servingKeyFile: string;
  /** A client certificate in group system:masters (the API server trusts client certs signed by the CA). */
  adminClientCertFile: string;
  adminClientKeyFile: string;
  serviceAccountKeyFile: string;
  serviceAccountPublicKeyFile: string;
}

const DAYS = '2';
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A throwaway CA, the API server's serving cert (127.0.0.1/localhost), an admin client cert and a service-account key pair. */
export async function generateClusterCertificates(dir: string): Promise<ClusterCertificates> {
  const path = (name: string) => join(dir, name);
  const certs: ClusterCertificates = {
    caFile: path('ca.crt'),
    caKeyFile: path('ca.key'),
    servingCertFile: path('apiserver.crt'),
    servingKeyFile: path('apiserver.key'),
    adminClientCertFile: path('admin.crt'),
    adminClientKeyFile: path('admin.key'),
    serviceAccountKeyFile: path('sa.key'),
    serviceAccountPublicKeyFile: path('sa.pub'),
  };

  await openssl(['req', '-x509', ...EC_KEY, '-keyout', certs.caKeyFile, '-out', certs.caFile, '-days', DAYS, '-subj', '/CN=kubecd-test-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);

  await Promise.all([
    signedByCa(certs, dir, 'apiserver', '/CN=kube-apiserver', [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc',
    ]),
    signedByCa(certs, dir, 'admin', '/O=system:masters/CN=kubecd-admin-cert', [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=clientAuth',
    ]),
    (async () => {
      await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', certs.serviceAccountKeyFile]);
      await openssl(['pkey', '-in', certs.serviceAccountKeyFile, '-pubout', '-out', certs.serviceAccountPublicKeyFile]);
    })(),
  ]);
  return certs;
}

async function signedByCa(certs: ClusterCertificates, dir: string, name: string, subject: string, extensions: string[]): Promise<void> {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const extFile = join(dir, `${name}.ext`);
  await openssl(['req', ...EC_KEY, '-keyout', key, '-out', csr, '-subj', subject]);
  await writeFile(extFile, extensions.join('\n') + '\n');
  await openssl(['x509', '-req', '-in', csr, '-CA', certs.caFile, '-CAkey', certs.caKeyFile, '-set_serial', `0x${randomSerial()}`,
    '-days', DAYS, '-extfile', extFile, '-out', join(dir, `${name}.crt`)]);
}

function randomSerial(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('').replace(/^0/, '1');
}

async function openssl(args: string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr || String(error)}`);
  }
}

export async function readBase64(path: string): Promise<string> {
  return (await readFile(path)).toString('base64');
}
