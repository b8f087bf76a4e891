import { describe, expect, it } from 'vitest';
import { countRenovateUpdates } from '../benches/upgrades-vs-renovate.js';
import { summarise } from './profile.js';
import { countRequests } from './requests.js';
import { fmt, median, underLimit, type BenchResult, type ResultsFile } from './results.js';
import { consoleTable, markdownResults, tableRows } from './table.js';

const result: BenchResult = {
  name: 'demo',
  title: 'Demo',
  figures: [
    { metric: 'wall time', ours: 200, peer: 1000, peerName: 'peer tool', unit: 'ms' },
    { metric: 'requests', ours: 840, peer: 800, peerName: 'floor', unit: 'requests' },
    { metric: 'size', ours: 1790, unit: 'KiB' },
  ],
  goals: [{ goal: 'at least 5× faster', met: true, margin: '5× faster' }, { goal: 'within 5% of the floor', met: false, margin: '5% over' }],
  notes: ['a | note'],
  wallMs: 1234,
};

describe('table', () => {
  it('puts the peer beside ours with a ratio in the right direction', () => {
    const [time, requests, size] = tableRows([result]);
    expect(time).toEqual(['demo', 'wall time', '200 ms', 'peer tool', '1,000 ms', '5× faster']);
    expect(requests![5]).toBe('+5% vs floor');
    expect(size![5]).toBe('');
  });

  it('prints verdicts and renders markdown with escaped pipes', () => {
    expect(consoleTable([result])).toContain('MISSED demo: within 5% of the floor');
    const file: ResultsFile = { machine: { nproc: 2, memoryGiB: 23.5, cpu: 'AMD EPYC', node: 'v24', os: 'Linux' }, ranAt: { demo: 'now' }, results: { demo: result } };
    const md = markdownResults(file, ['demo', 'absent']);
    expect(md).toContain('2 CPUs');
    expect(md).toContain('| demo | within 5% of the floor | **missed** | 5% over |');
    expect(md).toContain('- **demo**: a | note');
  });
});

describe('results helpers', () => {
  it('takes medians and words margins', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(underLimit(894, 1000, 'ms')).toBe('894 ms, 11% under the 1,000 ms limit');
    expect(underLimit(1200, 1000, 'ms')).toBe('1,200 ms, 20% over the 1,000 ms limit');
    expect(fmt(1.456)).toBe('1.46');
  });
});

describe('request counting', () => {
  it('sorts proxied requests by kind', () => {
    const counts = countRequests([
      { method: 'GET', path: '/v2/', status: 401 },
      { method: 'GET', path: '/v2/a/tags/list?n=100&last=x', status: 200 },
      { method: 'GET', path: '/v2/a/manifests/1.0.0', status: 200 },
      { method: 'GET', path: '/v2/a/blobs/sha256:00', status: 200 },
    ]);
    expect(counts).toEqual({ total: 4, ping: 1, tags: 1, manifests: 1, blobs: 1, other: 0, unauthorized: 1 });
  });
});

describe('profile summary', () => {
  it('sums self time per function and category', () => {
    const summary = summarise({
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3] },
        { id: 2, callFrame: { functionName: 'load', url: 'file:///x/index.js', lineNumber: 9 } },
        { id: 3, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
      ],
      samples: [2, 2, 3, 2],
      timeDeltas: [1000, 1000, 2000, 1000],
      startTime: 0,
      endTime: 5000,
    }, 'index.js');
    expect(summary.top[0]).toEqual({ name: 'load (index.js:10)', ms: 3, percent: 60 });
    expect(summary.categories.map((c) => c.name)).toEqual(['bundle code', 'garbage collection']);
  });
});

describe('Renovate log', () => {
  it('counts dependencies with updates in the "packageFiles with updates" record', () => {
    const record = { msg: 'packageFiles with updates', config: { 'docker-compose': [{ deps: [{ updates: [{}] }, { updates: [] }, { updates: [{}, {}] }] }] } };
    expect(countRenovateUpdates(`{"msg":"other"}\n${JSON.stringify(record)}\n`)).toBe(2);
    expect(countRenovateUpdates('{"msg":"other"}\n')).toBe(0);
  });
});
