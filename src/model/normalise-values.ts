import { has, isObj, list, obj, str } from './data.js';
import { isPlainArgument, isValueKey, VALUE_KEY_MAX } from './grammar.js';
import { excerpt, problem } from './problems.js';
import type { Problem, ValueSetting } from './types.js';
import type { Path, YamlSource } from './yaml-source.js';

/** Reads a `[{key, value | valueFrom}]` list; bad entries are reported and left out. */
export function normaliseValueSettings(source: YamlSource, path: Path, raw: unknown, problems: Problem[]): ValueSetting[] {
  const settings: ValueSetting[] = [];
  list(raw).forEach((item, index) => {
    const at: Path = [...path, index];
    if (!isObj(item)) return; // the schema reported it
    const key = str(item['key']);
    if (key === undefined) return;
    if (key === '' || key.startsWith('.') || (key.endsWith('.') && !key.endsWith('\\.')) || /[^\\]\.\./.test(key)) {
      problems.push(problem(source.pos([...at, 'key']), `value key \`${excerpt(key)}\` has an empty part; expected dotted names like \`image.tag\``));
      return;
    }
    if (!isValueKey(key)) {
      problems.push(
        problem(source.pos([...at, 'key']), `value key \`${excerpt(key)}\` is invalid; expected at most ${VALUE_KEY_MAX} characters, no control characters, not starting with \`-\``),
      );
      return;
    }
    const pos = source.keyPos([...at, 'key']);
    const hasValue = has(item, 'value');
    const hasValueFrom = has(item, 'valueFrom');
    if (hasValue && hasValueFrom) {
      problems.push(problem(source.keyPos([...at, 'valueFrom']), `value \`${key}\` has both \`value\` and \`valueFrom\`; expected one of them`));
      return;
    }
    if (!hasValue && !hasValueFrom) {
      problems.push(problem(pos, `value \`${key}\` has neither \`value\` nor \`valueFrom\`; expected one of them`));
      return;
    }
    if (hasValue) {
      settings.push({ key, value: item['value'], pos });
      return;
    }
    const address = obj(obj(obj(item['valueFrom'])['gceResource'])['address']);
    if (!isObj(obj(item['valueFrom'])['gceResource'])) return; // the schema reported it
    const name = str(address['name']);
    const clusterParam = str(obj(address['nameFrom'])['clusterParam']);
    if (name !== undefined && !isPlainArgument(name)) {
      problems.push(problem(source.pos([...at, 'valueFrom', 'gceResource', 'address', 'name']), `address name \`${excerpt(name)}\` is invalid; expected a name that does not start with \`-\` and has no control characters`));
      return;
    }
    if ((name === undefined) === (clusterParam === undefined)) {
      problems.push(
        problem(
          source.pos([...at, 'valueFrom', 'gceResource', 'address']),
          `\`address\` should have exactly one of \`name\` and \`nameFrom\``,
        ),
      );
      return;
    }
    settings.push({
      key,
      valueFrom: {
        gceAddress: {
          ...(name !== undefined ? { name } : {}),
          ...(clusterParam !== undefined ? { nameFromClusterParam: clusterParam } : {}),
          isGlobal: address['isGlobal'] === true,
        },
      },
      pos,
    });
  });
  return settings;
}
