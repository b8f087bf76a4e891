import { describe, expect, test } from 'vitest';
import { applyFileArgs, createNamespaceArgs, diffFileArgs, getSecretsArgs, KubectlArgumentError } from './kubectl.js';

describe('kubectl arguments', () => {
  test('every value is attached to its flag, so none reads as a flag of its own', () => {
    expect(applyFileArgs('/repo/res.yaml', 'shop', { kubeconfig: '/kc', context: 'ctx' }, 'dry-run')).toEqual([
      'apply', '--server-side', '--field-manager=kubecd', '--namespace=shop', '--filename=/repo/res.yaml', '--kubeconfig=/kc', '--context=ctx', '--dry-run=server',
    ]);
    expect(diffFileArgs('/repo/res.yaml', 'shop', {})).toEqual(['diff', '--server-side', '--field-manager=kubecd', '--namespace=shop', '--filename=/repo/res.yaml']);
    expect(getSecretsArgs('shop', 'owner=helm', {})).toEqual(['get', 'secrets', '--namespace=shop', '--selector=owner=helm', '--output=json']);
    expect(createNamespaceArgs('shop', { context: 'ctx' })).toEqual(['create', 'namespace', 'shop', '--context=ctx']);
  });

  test.each([
    ['a namespace that is a flag', () => applyFileArgs('/f', '--all-namespaces', {}), /namespace "--all-namespaces" is not a valid namespace/],
    ['a namespace with a newline', () => createNamespaceArgs('shop\nx', {}), /namespace "shop\\nx"/],
    ['a resource file that is a flag', () => diffFileArgs('-k', 'shop', {}), /resource file "-k" is not a plain value/],
    ['a context that is a flag', () => getSecretsArgs('shop', 'owner=helm', { context: '-v=9' }), /kube context "-v=9"/],
    ['a kubeconfig with a control character', () => applyFileArgs('/f', 'shop', { kubeconfig: '/kc\u0007' }), /kubeconfig path "\/kc\\u0007"/],
  ])('refuses %s', (_, build, message) => {
    expect(build).toThrow(KubectlArgumentError);
    expect(build).toThrow(message);
  });
});
