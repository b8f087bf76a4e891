// Regenerates the README's reference sections from their sources of truth, so they cannot drift:
// the action tables from action-*/action.yml, the config reference from schema/*.schema.json and the CLI
// usage from src/cli/usage.ts.
// `node scripts/readme-sections.mjs` rewrites README.md; `--check` exits 1 when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const ACTIONS = ['lint', 'check-upgrades', 'apply'];
const SCHEMAS = [
  ['environments', 'The environments file'],
  ['releases', 'Release files'],
  ['lock', 'Lock files'],
];

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();

export function actionTables(name) {
  const action = parse(readFileSync(`action-${name}/action.yml`, 'utf8'));
  const lines = ['| input | required | default | description |', '| --- | --- | --- | --- |'];
  for (const [input, spec] of Object.entries(action.inputs ?? {})) {
    const fallback = spec.default === undefined || spec.default === '' ? '' : `\`${spec.default}\``;
    lines.push(`| \`${input}\` | ${spec.required ? 'yes' : 'no'} | ${cell(fallback)} | ${cell(spec.description)} |`);
  }
  lines.push('', '| output | description |', '| --- | --- |');
  for (const [output, spec] of Object.entries(action.outputs ?? {})) lines.push(`| \`${output}\` | ${cell(spec.description)} |`);
  return lines.join('\n');
}

function resolveRef(schema, node) {
  while (node?.$ref) node = node.$ref.replace(/^#\//, '').split('/').reduce((n, part) => n[part], schema);
  return node;
}

function typeOf(schema, node) {
  node = resolveRef(schema, node);
  if (node.enum) return node.enum.map((v) => `\`${v}\``).join(' or ');
  if (node.oneOf || node.anyOf) return (node.oneOf ?? node.anyOf).map((n) => typeOf(schema, n)).join(' or ');
  if (node.type === 'array') return `list of ${typeOf(schema, node.items ?? {})}`;
  if (Array.isArray(node.type)) return node.type.join(' or ');
  return node.type ?? 'any';
}

/** Every property, depth first, as `path | type | description` rows. */
function schemaRows(schema, node, path, rows, seen) {
  node = resolveRef(schema, node);
  if (node.type === 'array' && node.items) return schemaRows(schema, node.items, `${path}[]`, rows, seen);
  for (const variant of node.oneOf ?? node.anyOf ?? []) schemaRows(schema, variant, path, rows, seen);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    if (seen.has(childPath)) continue;
    seen.add(childPath);
    const resolved = resolveRef(schema, child);
    const required = (node.required ?? []).includes(key) ? ' (required)' : '';
    rows.push(`| \`${childPath}\` | ${cell(typeOf(schema, child))}${required} | ${cell(resolved.description ?? child.description)} |`);
    schemaRows(schema, child, childPath, rows, seen);
  }
  return rows;
}

export function configReference() {
  const parts = [];
  for (const [name, heading] of SCHEMAS) {
    const schema = JSON.parse(readFileSync(`schema/${name}.schema.json`, 'utf8'));
    parts.push(`#### ${heading} (\`schema/${name}.schema.json\`)`, '', cell(schema.description), '', '| field | type | meaning |', '| --- | --- | --- |', ...schemaRows(schema, schema, '', [], new Set()), '');
  }
  return parts.join('\n').trimEnd();
}

function replaceSection(text, marker, body) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

/** The CLI's own usage text (src/cli/usage.ts), so the README shows exactly what `kubecd --help` prints. */
export function cliUsage() {
  const source = readFileSync('src/cli/usage.ts', 'utf8');
  const usage = /export const USAGE = `([\s\S]*?)`;/.exec(source)?.[1];
  if (!usage) throw new Error('src/cli/usage.ts has no USAGE template');
  return ['```', usage.trimEnd(), '```'].join('\n');
}

export function renderReadme(text) {
  let out = replaceSection(text, 'cli-usage', cliUsage());
  for (const name of ACTIONS) out = replaceSection(out, `action-${name}`, actionTables(name));
  return replaceSection(out, 'config-reference', configReference());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const current = readFileSync('README.md', 'utf8');
  const fresh = renderReadme(current);
  if (process.argv.includes('--check')) {
    if (fresh !== current) {
      console.error('README.md is out of date with action.yml or schema/: run `node scripts/readme-sections.mjs`.');
      process.exit(1);
    }
  } else if (fresh !== current) {
    writeFileSync('README.md', fresh);
    console.log('README.md updated');
  }
}
