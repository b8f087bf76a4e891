import { checkUpgradesCommand } from './commands/check-upgrades.js';
import { applyCommand } from './commands/apply.js';
import { lintCommand } from './commands/lint.js';
import { listCommand } from './commands/list.js';
import { planCommand } from './commands/plan.js';
import { renderCommand } from './commands/render.js';
import { USAGE, UsageError } from './usage.js';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  // Loaded on demand: the HTTP server and prom-client are the agent's alone.
  agent: async (args) => (await import('./commands/agent.js')).agentCommand(args),
  'check-upgrades': checkUpgradesCommand,
  apply: applyCommand,
  lint: lintCommand,
  list: listCommand,
  plan: planCommand,
  render: renderCommand,
};

async function dispatch(argv: string[]): Promise<number> {
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

/** Runs the kubecd command line and sets the exit code; usage errors print the usage (exit 2). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  // `kubecd render ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    process.exitCode = await dispatch(argv);
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
}
