import { describe, expect, test } from 'vitest';
import { InvalidReferenceError, isLoopback, parseImageReference } from './reference.js';

describe('parseImageReference', () => {
  test.each([
    ['nginx', { host: 'registry-1.docker.io', repository: 'library/nginx' }],
    ['nginx:1.25', { host: 'registry-1.docker.io', repository: 'library/nginx', tag: '1.25' }],
    ['bitnami/redis:7', { host: 'registry-1.docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['docker.io/nginx', { host: 'registry-1.docker.io', repository: 'library/nginx' }],
    ['docker.io/x/y:v1', { host: 'registry-1.docker.io', repository: 'x/y', tag: 'v1' }],
    ['index.docker.io/library/nginx', { host: 'registry-1.docker.io', repository: 'library/nginx' }],
    ['gcr.io/proj/app:1.2.3', { host: 'gcr.io', repository: 'proj/app', tag: '1.2.3' }],
    ['localhost/app', { host: 'localhost', repository: 'app' }],
    ['localhost:5000/team/app:dev', { host: 'localhost:5000', repository: 'team/app', tag: 'dev' }],
    ['127.0.0.1:41234/app:1', { host: '127.0.0.1:41234', repository: 'app', tag: '1' }],
    ['[::1]:5000/app:2', { host: '[::1]:5000', repository: 'app', tag: '2' }],
    ['GHCR.IO/o/r', { host: 'ghcr.io', repository: 'o/r' }],
    [`app@sha256:${'a'.repeat(64)}`, { host: 'registry-1.docker.io', repository: 'library/app', digest: `sha256:${'a'.repeat(64)}` }],
    [`h.io/app:1@sha256:${'b'.repeat(64)}`, { host: 'h.io', repository: 'app', tag: '1', digest: `sha256:${'b'.repeat(64)}` }],
  ])('%s', (input, expected) => {
    expect(parseImageReference(input)).toEqual(expected);
  });

  test.each(['', 'UPPER/case', 'a//b', 'app:', 'app:-bad', 'app@sha256'])('%j is rejected', (input) => {
    expect(() => parseImageReference(input)).toThrow(InvalidReferenceError);
  });
});

describe('isLoopback', () => {
  test.each([
    ['localhost', true], ['localhost:5000', true], ['127.0.0.1:1', true], ['127.1.2.3', true], ['[::1]:5000', true],
    ['128.0.0.1', false], ['localhost.example.com', false], ['gcr.io', false], ['127.0.0.1.nip.io', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
