import { AGENT_FLAGS, AgentConfigError, agentConfig } from '../../agent/config.js';
import { startAgent } from '../../agent/agent.js';
import { jsonLogger } from '../../agent/log.js';
import { APPLY_SETTINGS, helmPath } from '../../deploy/request.js';
import { detectHelm } from '../../helm/helm.js';
import { parseCommand } from '../args.js';
import { UsageError } from '../usage.js';

const OPTIONS = {
  ...(Object.fromEntries(Object.entries(APPLY_SETTINGS).map(([name, spec]) => [name, { type: spec.type }])) as Record<keyof typeof APPLY_SETTINGS, { type: 'string' | 'boolean' }>),
  ...AGENT_FLAGS,
} as const;

/** `kubecd agent --repo URL --environment ENV ...`: runs until SIGTERM or SIGINT, then stops gracefully (a second signal ends it at once). */
export async function agentCommand(args: string[]): Promise<number> {
  const { environmentsFile, positionals, values } = parseCommand(args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (agent takes flags only)`);
  let config;
  try {
    config = agentConfig(values, environmentsFile);
  } catch (error) {
    throw error instanceof AgentConfigError ? new UsageError(error.message) : error;
  }
  const logger = jsonLogger({ debug: Boolean(process.env.KUBECD_DEBUG) });
  let agent;
  try {
    agent = await startAgent(config, { helm: await detectHelm(helmPath(config.deploy)), logger });
  } catch (error) {
    logger.event('error', 'cannot start the agent', { error: (error as Error).message });
    return 1;
  }
  const running = agent;
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.event('info', 'signal received', { signal });
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      const now = (second: NodeJS.Signals) => {
        logger.event('warn', 'second signal: exiting without waiting', { signal: second });
        process.exit(130);
      };
      process.once('SIGTERM', now);
      process.once('SIGINT', now);
      running.stop().then(resolve, (error: Error) => {
        logger.event('error', 'shutdown failed', { error: error.message });
        resolve();
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  return 0;
}
