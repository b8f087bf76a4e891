import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildKubeconfig } from './kubeconfig.js';

describe('kubeconfig', () => {
  test('has one cluster, user and context, current, with the token and CA', () => {
    const config = parse(buildKubeconfig({ server: 'https://10.0.0.1', caData: 'Q0E=', token: 'tok', name: 'gke_p_z_c', namespace: 'apps' }));
    expect(config['current-context']).toBe('gke_p_z_c');
    expect(config.clusters).toEqual([{ name: 'gke_p_z_c', cluster: { server: 'https://10.0.0.1', 'certificate-authority-data': 'Q0E=' } }]);
    expect(config.users).toEqual([{ name: 'gke_p_z_c', user: { token: 'tok' } }]);
    expect(config.contexts[0].context).toEqual({ cluster: 'gke_p_z_c', user: 'gke_p_z_c', namespace: 'apps' });
  });
});
