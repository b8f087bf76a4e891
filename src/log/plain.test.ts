import { describe, expect, test } from 'vitest';
import { Redactor } from '../exec/redact.js';
import { plainLogger, redactingLogger } from './plain.js';

describe('plainLogger', () => {
  test('writes lines, masks the secrets it is told of from then on, and drops debug lines unless asked', () => {
    let text = '';
    const logger = plainLogger((chunk) => { text += chunk; });
    logger.info('token s3cr3t-token-value');
    logger.secret('s3cr3t-token-value');
    logger.warning('token s3cr3t-token-value');
    logger.debug('hidden');
    logger.group('web', ['one', 'two s3cr3t-token-value']);
    expect(text).toBe('token s3cr3t-token-value\nwarning: token ***\n== web\n   one\n   two ***\n');

    let debugText = '';
    plainLogger((chunk) => { debugText += chunk; }, { debug: true }).debug('shown');
    expect(debugText).toBe('debug: shown\n');
  });

  test('redactingLogger scrubs every message, group title and line before the logger sees it', () => {
    const seen: string[] = [];
    const redactor = new Redactor();
    redactor.addUrl('https://deploy:hunter2-password@charts.example.test/stable');
    const inner = plainLogger((chunk) => { seen.push(chunk); }, { debug: true });
    const logger = redactingLogger(inner, redactor);
    logger.warning('GET https://deploy:hunter2-password@charts.example.test/stable/index.yaml failed');
    logger.debug('password hunter2-password');
    logger.group('hunter2-password', ['hunter2-password']);
    expect(seen.join('')).not.toContain('hunter2-password');
    expect(seen[0]).toContain('charts.example.test');
  });
});
