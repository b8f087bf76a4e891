import { describe, expect, test } from 'vitest';
import { parseRegistryCredentials } from './credentials.js';

describe('parseRegistryCredentials', () => {
  test('reads username/password and token entries by host', () => {
    expect(parseRegistryCredentials('{"r.example.com": {"username": "ci", "password": "p:w"}, "ghcr.io": {"token": "t"}}')).toEqual({
      'r.example.com': { username: 'ci', password: 'p:w' },
      'ghcr.io': { token: 't' },
    });
  });

  test.each([
    ['not json', 'must be a JSON object: {"HOST"'],
    ['["a"]', 'must be a JSON object keyed by registry host'],
    ['{"r": {"username": "ci"}}', '"r" must be {"username": "...", "password": "..."} or {"token": "..."}'],
    ['{"r": {"username": "ci", "password": 1}}', '"r" must be'],
    ['{"r": {"token": "t", "password": "p"}}', '"r" must be'],
  ])('%j is refused with what was expected', (text, message) => {
    expect(() => parseRegistryCredentials(text)).toThrow(message);
  });

  test('never puts a value in its error', () => {
    expect(() => parseRegistryCredentials('{"r": {"username": "ci", "password": "s3cret", "extra": 1, "token": "tok3n"}}')).toThrow(/^(?!.*(s3cret|tok3n))/);
  });
});
