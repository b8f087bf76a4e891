/** Which environment promotes from which (`track: Promote`), and the order that makes chains work in one run. */
import type { Environment, ImageTrigger, Release } from './types.js';

export interface PromotionEdge {
  /** The environment that promotes. */
  environment: string;
  release: Release;
  trigger: ImageTrigger & { promote: NonNullable<ImageTrigger['promote']> };
}

export function promotionEdges(environments: readonly Environment[]): PromotionEdge[] {
  const edges: PromotionEdge[] = [];
  for (const environment of environments) {
    for (const release of environment.releases) {
      for (const trigger of release.triggers) {
        if (trigger.kind === 'image' && trigger.promote) edges.push({ environment: environment.name, release, trigger: trigger as PromotionEdge['trigger'] });
      }
    }
  }
  return edges;
}

/**
 * Environment names in dependency order, as waves: an environment comes after every environment it promotes
 * from. Environments in a cycle (a lint error) come last, together, so a run still ends.
 */
export function promotionWaves(environments: readonly Environment[]): string[][] {
  const names = environments.map((e) => e.name);
  const needs = new Map(names.map((name) => [name, new Set<string>()]));
  for (const edge of promotionEdges(environments)) {
    if (edge.trigger.promote.from !== edge.environment && needs.has(edge.trigger.promote.from)) needs.get(edge.environment)!.add(edge.trigger.promote.from);
  }
  const waves: string[][] = [];
  const done = new Set<string>();
  while (done.size < names.length) {
    const wave = names.filter((name) => !done.has(name) && [...needs.get(name)!].every((n) => done.has(n)));
    if (wave.length === 0) {
      waves.push(names.filter((name) => !done.has(name)));
      break;
    }
    wave.forEach((name) => done.add(name));
    waves.push(wave);
  }
  return waves;
}

/** The environments from `from` to `to` following `from:` links (`[from, ..., to]`), if `to` can be reached. */
export function promotionPath(environments: readonly Environment[], from: string, to: string): string[] | undefined {
  if (from === to) return [from];
  const next = new Map<string, Set<string>>();
  for (const edge of promotionEdges(environments)) {
    if (!next.has(edge.environment)) next.set(edge.environment, new Set());
    next.get(edge.environment)!.add(edge.trigger.promote.from);
  }
  // Breadth-first, each environment at most once.
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const step of next.get(at) ?? []) {
      if (previous.has(step)) continue;
      previous.set(step, at);
      if (step === to) {
        const path = [to];
        for (let back = at; back !== from; back = previous.get(back)!) path.unshift(back);
        return [from, ...path];
      }
      queue.push(step);
    }
  }
  return undefined;
}
