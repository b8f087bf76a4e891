import { afterAll, beforeAll } from 'vitest';
import { startRegistry, type RegistryAuth, type RunningRegistry } from './registry.js';

/**
 * `const reg = useRegistry('token');` at the top of a test file: a registry of this file, started in beforeAll
 * (its start-up time logged) and stopped in afterAll. Members are readable inside tests and hooks.
 */
export function useRegistry(auth: RegistryAuth = 'anonymous'): RunningRegistry {
  let started: RunningRegistry | undefined;
  beforeAll(async () => {
    started = await startRegistry({ auth });
    console.log(`registry (${auth}) started in ${started.startupMs} ms at ${started.host}`);
  });
  afterAll(async () => { await started?.stop(); });
  const current = (): RunningRegistry => {
    if (!started) throw new Error('useRegistry(): the registry starts in beforeAll; use it inside tests or hooks');
    return started;
  };
  // Own-key traps too, so `{ ...reg, url: proxy.url }` copies the registry's fields.
  return new Proxy({} as RunningRegistry, {
    get: (_, key) => Reflect.get(current(), key),
    has: (_, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
