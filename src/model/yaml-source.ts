import { readFile } from 'node:fs/promises';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { problem } from './problems.js';
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

export function parseYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // merge: `<<: *defaults` keys, which YAML 1.1 tools (and the original kubecd's users) rely on.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, merge: true });
  const at = (offset: number | undefined): SourcePos => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, column: col };
  };
  const problems: Problem[] = doc.errors.map((error) => {
    const start = error.linePos?.[0];
    // The yaml package appends a code excerpt after a blank line; the first line is the message.
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return problem(start ? { file, line: start.line, column: start.col } : at(error.pos[0]), `YAML syntax: ${message}`);
  });
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      problems.push(problem(at(0), `YAML: ${(error as Error).message}`));
    }
  }

  /** Walks the path; returns the deepest node reached and, for the last step, the key node. */
  const walk = (path: Path): { node: Node | null; key: Node | null } => {
    let node: unknown = doc.contents;
    let key: Node | null = null;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
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

/** Reads and parses a YAML file; a missing or unreadable file is reported at `missingAt`. */
export async function readYaml(absPath: string, file: string): Promise<YamlSource | { error: string }> {
  let text: string;
  try {
    text = await readFile(absPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})` };
  }
  return parseYaml(text, file);
}
