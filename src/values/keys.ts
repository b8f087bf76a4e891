/** Splits a dotted value key: `a.b` → [a, b]; `\.` is a literal dot (`prometheus\.io/scrape`). */
export function splitKey(key: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < key.length; i++) {
    const ch = key[i]!;
    if (ch === '\\' && key[i + 1] === '.') {
      current += '.';
      i++;
    } else if (ch === '.') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getValue(values: Record<string, unknown>, key: string): unknown {
  let node: unknown = values;
  for (const part of splitKey(key)) {
    if (!isMap(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/** Sets a dotted key, creating (or replacing non-map) intermediate maps. */
export function setValue(values: Record<string, unknown>, key: string, value: unknown): void {
  const parts = splitKey(key);
  let node = values;
  for (const part of parts.slice(0, -1)) {
    // Own properties only: `node['__proto__']` would otherwise walk into Object.prototype.
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (isMap(next)) {
      node = next;
    } else {
      const created: Record<string, unknown> = {};
      defineOwn(node, part, created);
      node = created;
    }
  }
  defineOwn(node, parts.at(-1)!, value);
}

/** Plain assignment would let a `__proto__` key reach the prototype; define an own property instead. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Deep-merges `overlay` into `base` (in place): maps merge, everything else (lists too) replaces. */
export function deepMerge(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(overlay)) {
    const existing = Object.hasOwn(base, key) ? base[key] : undefined;
    if (isMap(existing) && isMap(value)) {
      deepMerge(existing, value);
    } else {
      defineOwn(base, key, structuredClone(value));
    }
  }
  return base;
}
