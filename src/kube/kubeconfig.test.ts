import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildKubeconfig } from './kubeconfig.js';

describe('kubeconfig', () => {
  test('has one cluster, user and context, current, with the token and CA', () => {
    const config = parse(buildKubeconfig({ server: 'https://10.0.0.1', ca: { data: 'Q0E=' }, token: { value: 'tok' }, name: 'gke_p_z_c', namespace: 'apps' }));
    expect(config['current-context']).toBe('gke_p_z_c');
    expect(config.clusters).toEqual([{ name: 'gke_p_z_c', cluster: { server: 'https://10.0.0.1', 'certificate-authority-data': 'Q0E=' } }]);
    expect(config.users).toEqual([{ name: 'gke_p_z_c', user: { token: 'tok' } }]);
    expect(config.contexts[0].context).toEqual({ cluster: 'gke_p_z_c', user: 'gke_p_z_c', namespace: 'apps' });
  });

  test('names files instead when the CA and token are mounted', () => {
    const config = parse(buildKubeconfig({ server: 'https://10.0.0.1', ca: { file: '/sa/ca.crt' }, token: { file: '/sa/token' }, name: 'in-cluster' }));
    expect(config.clusters[0].cluster).toEqual({ server: 'https://10.0.0.1', 'certificate-authority': '/sa/ca.crt' });
    expect(config.users).toEqual([{ name: 'in-cluster', user: { tokenFile: '/sa/token' } }]);
    expect(config.contexts[0].context).toEqual({ cluster: 'in-cluster', user: 'in-cluster' });
  });
});
