#!/usr/bin/env node
import { lintCommand } from './commands/lint.js';
import { listCommand } from './commands/list.js';
import { renderCommand } from './commands/render.js';
import { USAGE, UsageError } from './usage.js';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  lint: lintCommand,
  list: listCommand,
  render: renderCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  return command(args);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`kubecd: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`kubecd: ${(error as Error).message}\n`);
    if (process.env.KUBECD_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = 1;
  }
}
