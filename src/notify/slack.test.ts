import { expect, test } from 'vitest';
import { slackMessage } from './slack.js';

test('the Slack message names the environment, the counts and the releases', () => {
  const { text } = slackMessage({ environment: 'prod', mode: 'apply', applied: ['web'], skipped: ['worker', 'echo'], failed: ['<bad>'], runUrl: 'https://github.test/run/1' });
  expect(text).toContain('*prod*');
  expect(text).toContain(':x: failed');
  expect(text).toContain('applied 1: web');
  expect(text).toContain('skipped 2: worker, echo');
  expect(text).toContain('failed 1: &lt;bad&gt;');
  expect(text).toContain('<https://github.test/run/1|workflow run>');
  expect(slackMessage({ environment: 'e', mode: 'apply', applied: [], skipped: [], failed: [] }).text).toContain('succeeded');
});
