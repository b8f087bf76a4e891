import { describe, expect, it } from 'vitest';
import { patchScalar, renderLike } from './patch.js';

const FILE = `# releases for prod
releases:   # all of them
  - name: web   # the shop front
    chart: { dir: ../charts/web }   # flow style stays
    values:
      # pinned by kubecd
      - key: image.tag
        value: "1.4.2"   # keep this comment
      - key: other
        value: 'x'
  - name: api
    values:
      - key: image.tag
        value: 1.9
`;

describe('patchScalar', () => {
  it('changes only the scalar, keeping comments, quoting and layout', () => {
    const out = patchScalar(FILE, ['releases', 0, 'values', 0, 'value'], '1.5.0');
    expect(out).toBe(FILE.replace('"1.4.2"', '"1.5.0"'));
  });

  it('keeps single quotes', () => {
    expect(patchScalar(FILE, ['releases', 0, 'values', 1, 'value'], 'y')).toBe(FILE.replace("'x'", "'y'"));
  });

  it('quotes a plain value that would otherwise read back as another number', () => {
    const out = patchScalar(FILE, ['releases', 1, 'values', 0, 'value'], '1.10');
    expect(out).toBe(FILE.replace('value: 1.9', 'value: "1.10"'));
  });

  it('keeps a plain value plain when it reads back the same', () => {
    expect(patchScalar(FILE, ['releases', 1, 'values', 0, 'value'], '1.11')).toBe(FILE.replace('value: 1.9', 'value: 1.11'));
  });

  it('refuses a path with no scalar', () => {
    expect(() => patchScalar(FILE, ['releases', 5, 'values'], '1')).toThrow(/no scalar/);
  });
});

describe('renderLike', () => {
  it('double-quotes plain text that YAML would read as a boolean', () => {
    expect(renderLike({ type: 'PLAIN' }, 'yes')).toBe('yes');
    expect(renderLike({ type: 'PLAIN' }, 'true')).toBe('"true"');
  });
});
