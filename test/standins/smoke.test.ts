import { describe, expect, it } from 'vitest';
import { checkStandIns } from './smoke.js';

describe('checkStandIns', () => {
  it('proves every stand-in accepts a correct request and rejects a wrong one', async () => {
    const results = await checkStandIns();
    expect(results.map((r) => r.name)).toEqual(['github', 'github-oidc', 'google-sts', 'google-iam', 'gke', 'gce', 'slack']);
    for (const result of results) {
      expect(result, result.name).toMatchObject({ ok: true });
    }
    expect(results.find((r) => r.name === 'gke')?.rejectedStatus).toBe(404);
    expect(results.find((r) => r.name === 'github')?.rejectedStatus).toBe(401);
  });
});
