import { describe, expect, it } from 'vitest';
import { alignTable, summaryToText } from './summary-text.js';

describe('summaryToText', () => {
  it('renders what @actions/core summary writes (headings, tables with bare empty cells, lists) as aligned text', () => {
    const html = '<h2>kubecd check-upgrades</h2>\n<table><tr><th>ENV</th><th>CANDIDATE</th><th>WHY</th></tr>'
      + '<tr><td>test</td><td>1.4.3</td><td>newer &amp; better</td></tr><tr><td>prod</td><td><td>up to date</td></tr></table>\n'
      + '<ul><li>created: https://github.com/acme/deployments/pull/1</li></ul>\n';
    expect(summaryToText(html)).toBe([
      '## kubecd check-upgrades',
      '',
      'ENV   CANDIDATE  WHY',
      '----  ---------  --------------',
      'test  1.4.3      newer & better',
      'prod             up to date',
      '',
      '- created: https://github.com/acme/deployments/pull/1',
    ].join('\n'));
  });

  it('aligns markdown pipe tables and drops their separator row', () => {
    const md = '**Namespace** shop\n\n| release | result |\n| --- | --- |\n| `web` | applied |\n';
    expect(summaryToText(md)).toBe('Namespace shop\n\nrelease  result\n-------  -------\nweb      applied');
  });

  it('pads columns to the widest cell', () => {
    expect(alignTable([['a', 'bb'], ['ccc', 'd']], false)).toBe('a    bb\nccc  d');
  });
});
