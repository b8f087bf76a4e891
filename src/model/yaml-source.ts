import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { excerpt, problem } from './problems.js';
import type { Problem, SourcePos } from './types.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** A parsed YAML file that can say where any of its values is. */
export interface YamlSource {
  /** Relative to the repository root. */
  file: string;
  text: string;
  /** Plain data (undefined when the file could not be parsed). */
  data: unknown;
  /** YAML syntax errors (the data is undefined when there are any). */
  problems: Problem[];
  /** Where the value at `path` starts, or the closest ancestor that exists. */
  pos(path: Path): SourcePos;
  /** Where the key of the last path segment starts (falls back to `pos`). */
  keyPos(path: Path): SourcePos;
  doc: Document.Parsed;
}

/** Bounds on what one YAML file may make kubecd do (the file size bound is MAX_FILE_BYTES, at reading). */
export const YAML_LIMITS = {
  maxDepth: 64,
  maxKeysPerMap: 10_000,
  /** The expanded size (every alias costs its target's size) may be at most max(this, factor × text length). */
  minExpandedSize: 1024 * 1024,
  expansionFactor: 10,
  maxProblems: 100,
} as const;

export function parseYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // merge: `<<: *defaults` keys, which YAML 1.1 tools (and the original kubecd's users) rely on.
  // uniqueKeys: false, because yaml's own check is quadratic in the keys of a map; checkStructure does it linearly.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, merge: true, uniqueKeys: false });
  const at = (offset: number | undefined): SourcePos => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, column: col };
  };
  const problems: Problem[] = doc.errors.slice(0, YAML_LIMITS.maxProblems).map((error) => {
    const start = error.linePos?.[0];
    // The yaml package appends a code excerpt after a blank line; the first line is the message.
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return problem(start ? { file, line: start.line, column: start.col } : at(error.pos[0]), `YAML syntax: ${message}`);
  });
  if (problems.length === 0) problems.push(...checkStructure(doc, text.length, at));
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      problems.push(problem(at(0), `YAML: ${(error as Error).message}`));
    }
  }

  // Pairs by key, per map, built on first look-up: many positioned problems in one big map stay linear.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, segment: PathSegment): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item);
      }
      indexes.set(map, index);
    }
    return index.get(String(segment));
  };

  /** Walks the path; returns the deepest node reached and, for the last step, the key node. */
  const walk = (path: Path): { node: Node | null; key: Node | null } => {
    let node: unknown = doc.contents;
    let key: Node | null = null;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = pairOf(node, segment);
        if (!pair) break;
        key = pair.key as Node;
        node = pair.value ?? null;
        if (node === null) return { node: key, key };
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) break;
        key = null;
        node = item;
      } else {
        break;
      }
    }
    return { node: (node as Node | null) ?? null, key };
  };

  return {
    file,
    text,
    data,
    problems,
    doc,
    pos: (path) => at(walk(path).node?.range?.[0]),
    keyPos: (path) => {
      const { node, key } = walk(path);
      return at((key ?? node)?.range?.[0]);
    },
  };
}

/**
 * One linear walk over the parsed document enforcing YAML_LIMITS: nesting depth, keys per map, duplicate
 * keys, plain keys, and the size the document expands to through its aliases. Each finding is positioned.
 */
function checkStructure(doc: Document.Parsed, textLength: number, at: (offset: number | undefined) => SourcePos): Problem[] {
  const problems: Problem[] = [];
  const cap = Math.max(YAML_LIMITS.minExpandedSize, YAML_LIMITS.expansionFactor * textLength);
  /** Subtree sizes of anchored nodes, by anchor name (the latest definition wins, as in YAML); -1 while open. */
  const anchors = new Map<string, number>();
  let expanded = 0;
  let fatal = false;
  const fail = (node: { range?: [number, number, number] | null | undefined } | null | undefined, message: string): void => {
    if (problems.length < YAML_LIMITS.maxProblems) problems.push(problem(at(node?.range?.[0]), message));
  };

  const visit = (node: unknown, depth: number): number => {
    if (fatal || node === null || node === undefined) return 0;
    if (isAlias(node)) {
      const size = anchors.get(node.source);
      if (size === undefined) return 0; // yaml reports the unknown anchor
      if (size < 0) {
        fail(node, `alias \`*${excerpt(node.source)}\` refers to a node that contains it`);
        fatal = true;
        return 0;
      }
      expanded += size;
      if (expanded > cap) {
        fail(node, `aliases expand this file to more than ${cap} characters (each alias counts its anchor's size); use fewer or smaller aliases`);
        fatal = true;
      }
      return size;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, -1);
    let size = 1;
    expanded += 1;
    if (isScalar(node)) {
      const own = node.range ? Math.max(0, node.range[1] - node.range[0]) : String(node.value).length;
      size += own;
      expanded += own;
    } else if (isCollection(node)) {
      if (depth >= YAML_LIMITS.maxDepth) {
        fail(node, `nesting is deeper than ${YAML_LIMITS.maxDepth} levels`);
        fatal = true;
        return size;
      }
      if (isMap(node)) {
        // Keys first, so a map over the key limit still has its duplicates reported where they are.
        const first = new Map<string, number | undefined>();
        for (const pair of node.items) {
          const key = pair.key;
          if (!isScalar(key)) {
            if (key !== null && key !== undefined) fail(key as Node, `map keys must be plain values, found ${isAlias(key) ? 'an alias' : isMap(key) ? 'a map' : 'a list'}`);
          } else if (typeof key.value !== 'symbol') {
            // (a symbol is a `<<` merge key, which may repeat)
            const name = String(key.value ?? '');
            if (first.has(name)) {
              const earlier = at(first.get(name));
              fail(key, `duplicate key \`${excerpt(name)}\` (first at ${earlier.line}:${earlier.column})`);
            } else {
              first.set(name, key.range?.[0]);
            }
          }
        }
        if (node.items.length > YAML_LIMITS.maxKeysPerMap) {
          fail(node, `map has ${node.items.length} keys; at most ${YAML_LIMITS.maxKeysPerMap} are allowed`);
          fatal = true;
          return size;
        }
        for (const pair of node.items) {
          size += visit(pair.key, depth + 1) + visit(pair.value, depth + 1);
          if (fatal) break;
        }
      } else {
        for (const item of node.items) {
          size += visit(item, depth + 1);
          if (fatal) break;
        }
      }
    }
    if (anchor) anchors.set(anchor, size);
    return size;
  };
  visit(doc.contents, 0);
  return problems;
}
