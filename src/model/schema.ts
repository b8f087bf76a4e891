import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import environmentsSchema from '../../schema/environments.schema.json' with { type: 'json' };
import releasesSchema from '../../schema/releases.schema.json' with { type: 'json' };
import lockSchema from '../../schema/lock.schema.json' with { type: 'json' };
import { excerpt, problem } from './problems.js';
import { didYouMean } from './suggest.js';
import type { Problem } from './types.js';
import type { Path, YamlSource } from './yaml-source.js';

export type SchemaName = 'environments' | 'releases' | 'lock';

const schemas = { environments: environmentsSchema, releases: releasesSchema, lock: lockSchema };
const compiled = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    // verbose: errors carry their schema, whose `title` says what was expected.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    validate = ajv.compile(schemas[name]);
    compiled.set(name, validate);
  }
  return validate;
}

/** Validates a parsed file against one of the schemas; every error becomes a positioned problem. */
export function validateSource(source: YamlSource, name: SchemaName): Problem[] {
  const validate = validator(name);
  const data = source.data === undefined ? null : source.data;
  if (validate(data)) return [];
  const problems: Problem[] = [];
  for (const error of validate.errors ?? []) {
    const converted = convert(source, error);
    if (converted) problems.push(converted);
  }
  return problems;
}

function instancePath(error: ErrorObject): Path {
  if (error.instancePath === '') return [];
  return error.instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string "${excerpt(value)}"`;
  return `the ${typeof value} ${excerpt(String(value))}`;
}

/** The name of the property at the end of the path, for messages: `values`, `releases[2]`. */
function label(path: Path): string {
  const last = path.at(-1);
  if (last === undefined) return 'the file';
  if (/^\d+$/.test(String(last))) {
    const parent = path.at(-2);
    return parent === undefined ? `item ${Number(last) + 1}` : `\`${excerpt(parent)}\` item ${Number(last) + 1}`;
  }
  return `\`${excerpt(last)}\``;
}

function expected(error: ErrorObject): string {
  const schema = error.parentSchema as { title?: string } | undefined;
  return schema?.title ?? `${String(error.params['type'] ?? 'something else')}`;
}

function convert(source: YamlSource, error: ErrorObject): Problem | undefined {
  const path = instancePath(error);
  const schema = error.parentSchema as { properties?: Record<string, unknown>; enum?: unknown[] } | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const known = Object.keys(schema?.properties ?? {});
      const hint = key.length <= 100 ? didYouMean(key, known) : '';
      const message = hint
        ? `unknown key \`${excerpt(key)}\`${hint}`
        : `unknown key \`${excerpt(key)}\`; expected one of: ${known.join(', ')}`;
      return problem(source.keyPos([...path, key]), message);
    }
    case 'required': {
      const missing = String(error.params['missingProperty']);
      const where = path.length === 0 ? 'the file' : label(path);
      return problem(source.pos(path), `${where} is missing \`${missing}\``);
    }
    case 'type':
      return problem(source.pos(path), `${label(path)} should be ${expected(error)}, found ${describe(error.data)}`);
    case 'enum': {
      const allowed = (schema?.enum ?? []).map(String);
      const hint = typeof error.data === 'string' && error.data.length <= 100 ? didYouMean(error.data, allowed) : '';
      return problem(source.pos(path), `${label(path)} should be one of ${allowed.join(', ')}, found ${describe(error.data)}${hint}`);
    }
    case 'pattern':
    case 'maxLength':
      return problem(source.pos(path), `${label(path)} should be ${expected(error)}, found ${describe(error.data)}`);
    default:
      return problem(source.pos(path), `${label(path)} ${error.message ?? 'is invalid'}`);
  }
}
