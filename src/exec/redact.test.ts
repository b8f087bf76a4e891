import { describe, expect, test } from 'vitest';
import { redactUrl, Redactor, urlSecrets } from './redact.js';

describe('URL secrets', () => {
  test('every spelling of the password, user:password and the URL itself', () => {
    expect(urlSecrets('https://ci:p%40ss%3Aword@charts.example.test/shared')).toEqual([
      'p%40ss%3Aword', 'ci:p%40ss%3Aword', 'https://ci:p%40ss%3Aword@charts.example.test/shared',
      'p@ss:word', 'ci:p@ss:word', 'https://ci:p@ss:word@charts.example.test/shared',
    ]);
    expect(urlSecrets('https://charts.example.test/shared')).toEqual([]);
    expect(urlSecrets('https://token-only@charts.example.test/')).toEqual(['token-only', 'https://token-only@charts.example.test/']);
  });

  test('a URL prints with its password masked and its host readable', () => {
    expect(redactUrl('http://u:hunter2@127.0.0.1:8080/charts?x=1')).toBe('http://u:***@127.0.0.1:8080/charts?x=1');
    expect(redactUrl('http://127.0.0.1/charts')).toBe('http://127.0.0.1/charts');
    expect(redactUrl('https://ghp_token@charts.example.test/x')).toBe('https://***@charts.example.test/x');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  test('a redactor scrubs every known form from free text, the URL first so its host stays', () => {
    const redactor = new Redactor();
    redactor.addUrl('http://deploy:s3cr%3At@127.0.0.1:1/charts');
    redactor.add('ab'); // too short to replace safely
    const text = 'Get "http://deploy:s3cr%3At@127.0.0.1:1/charts/index.yaml": refused; auth deploy:s3cr:t; pw s3cr:t; ab';
    expect(redactor.redact(text)).toBe('Get "http://deploy:***@127.0.0.1:1/charts/index.yaml": refused; auth ***; pw ***; ab');
  });
});
