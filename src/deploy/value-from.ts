import type { Environment, Release, ValueSetting } from '../model/types.js';

/** Looks up a Compute Engine address's IP (`region` undefined: a global address). */
export type AddressLookup = (project: string, region: string | undefined, name: string) => Promise<string>;

export type ValueFromResolver = (setting: ValueSetting) => unknown;

/** `us-central1-b` -> `us-central1`; a region stays itself. */
export function regionOfLocation(location: string): string {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location) ? location.replace(/-[a-z]$/, '') : location;
}

/** The settings with a `valueFrom` that these releases (and the environment's defaults) use. */
export function valueFromSettings(environment: Environment, releases: readonly Release[]): ValueSetting[] {
  const settings = [...environment.defaultValues, ...releases.flatMap((r) => r.values)];
  return settings.filter((s) => s.valueFrom !== undefined);
}

/**
 * Resolves every `valueFrom` up front (lookups are asynchronous; composing values is not) and returns a
 * resolver for composeValues. A lookup that failed throws from the resolver, so only the releases using it
 * fail, each with the reason.
 */
export async function resolveValueFroms(environment: Environment, settings: readonly ValueSetting[], lookup: AddressLookup | undefined): Promise<ValueFromResolver> {
  const results = new Map<ValueSetting, { value: string } | { error: string }>();
  const byAddress = new Map<string, Promise<string>>();
  const provider = environment.cluster.provider;
  await Promise.all(
    settings.map(async (setting) => {
      const ref = setting.valueFrom!.gceAddress;
      const name = ref.name ?? (ref.nameFromClusterParam ? environment.cluster.parameters[ref.nameFromClusterParam] : undefined);
      try {
        if (!name) throw new Error(`cluster ${environment.cluster.name} has no parameter "${ref.nameFromClusterParam}" for the address name`);
        if (provider.kind !== 'gke') throw new Error(`valueFrom gceResource needs a gke cluster; cluster ${environment.cluster.name} is ${provider.kind}`);
        if (!lookup) throw new Error('no Google credentials to look up Compute Engine addresses');
        const location = provider.region ?? provider.zone;
        const region = ref.isGlobal ? undefined : location ? regionOfLocation(location) : undefined;
        if (!ref.isGlobal && !region) throw new Error(`cluster ${environment.cluster.name} has no zone or region for a regional address`);
        const key = `${provider.project}/${region ?? 'global'}/${name}`;
        let pending = byAddress.get(key);
        if (!pending) byAddress.set(key, (pending = lookup(provider.project, region, name)));
        results.set(setting, { value: await pending });
      } catch (error) {
        results.set(setting, { error: `${setting.key} (${setting.pos.file}:${setting.pos.line}): ${(error as Error).message}` });
      }
    }),
  );
  return (setting) => {
    const result = results.get(setting);
    if (!result) throw new Error(`${setting.key}: valueFrom was not resolved`);
    if ('error' in result) throw new Error(result.error);
    return result.value;
  };
}
