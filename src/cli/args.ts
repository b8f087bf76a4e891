import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage.js';

export interface ParsedCommand {
  environmentsFile: string;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

const COMMON = { environments: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses a subcommand's arguments. The environments file may come as `-f FILE` or as the first
 * positional when it names a YAML file (so `kubecd lint examples/environments.yaml` works).
 */
export function parseCommand(args: string[], options: ParseArgsConfig['options'] = {}): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const positionals = [...parsed.positionals];
  let environmentsFile = parsed.values.environments as string | undefined;
  if (!environmentsFile && positionals[0] && /\.ya?ml$/.test(positionals[0])) {
    environmentsFile = positionals.shift();
  }
  return { environmentsFile: environmentsFile ?? 'environments.yaml', positionals, values: parsed.values as ParsedCommand['values'] };
}
