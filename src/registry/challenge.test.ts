import { describe, expect, test } from 'vitest';
import { schemeFromChallenges } from './auth.js';
import { parseChallenges } from './challenge.js';

describe('parseChallenges', () => {
  test('a Bearer challenge with quoted parameters', () => {
    expect(parseChallenges('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' } },
    ]);
  });

  test('several challenges, unquoted values and escapes', () => {
    expect(parseChallenges('Basic realm="say \\"hi\\"", Bearer realm=https://t/x, service=s')).toEqual([
      { scheme: 'basic', params: { realm: 'say "hi"' } },
      { scheme: 'bearer', params: { realm: 'https://t/x', service: 's' } },
    ]);
  });

  test('a token68 challenge and garbage do not throw', () => {
    expect(parseChallenges('Negotiate abc==')[0]?.scheme).toBe('negotiate');
    expect(parseChallenges('')).toEqual([]);
    expect(() => parseChallenges('=,="')).not.toThrow();
  });

  test('Bearer is preferred over Basic; none without a realm', () => {
    expect(schemeFromChallenges(parseChallenges('Basic realm="r", Bearer realm="https://t",service="s"'))).toEqual({ kind: 'bearer', realm: 'https://t', service: 's' });
    expect(schemeFromChallenges(parseChallenges('Basic realm="r"'))).toEqual({ kind: 'basic' });
    expect(schemeFromChallenges(parseChallenges('Bearer service="s"'))).toBeUndefined();
  });
});
