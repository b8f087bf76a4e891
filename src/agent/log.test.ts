import { describe, expect, test } from 'vitest';
import { jsonLogger } from './log.js';

describe('the JSON log', () => {
  test('one object per line with time, level, msg and fields; secrets masked in every string, however nested', () => {
    const lines: string[] = [];
    const logger = jsonLogger({ write: (line) => lines.push(line), now: () => new Date('2026-01-02T03:04:05.000Z') });
    logger.secret('s3cr3t"token');
    const child = logger.with({ environment: 'prod' });
    child.event('error', 'apply failed: s3cr3t"token', { errors: ['helm said s3cr3t"token'], nested: { deep: 's3cr3t"token' }, count: 2 });
    child.group('web: applied', ['line one']);
    logger.warning('careful');
    logger.debug('not shown');
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { time: '2026-01-02T03:04:05.000Z', level: 'error', msg: 'apply failed: ***', environment: 'prod', errors: ['helm said ***'], nested: { deep: '***' }, count: 2 },
      { time: '2026-01-02T03:04:05.000Z', level: 'info', msg: 'web: applied', environment: 'prod', lines: ['line one'] },
      { time: '2026-01-02T03:04:05.000Z', level: 'warn', msg: 'careful' },
    ]);
    expect(lines.join('')).not.toContain('s3cr3t');
    expect(child.mask('helm said s3cr3t"token')).toBe('helm said ***');
  });

  test('a message with a newline stays on one line', () => {
    const lines: string[] = [];
    jsonLogger({ write: (line) => lines.push(line) }).info('forged\n{"level":"info","msg":"fake"}');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).msg).toBe('forged\n{"level":"info","msg":"fake"}');
  });
});
