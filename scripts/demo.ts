// The README demo (run by scripts/demo.sh): starts the loopback stack, runs the GitOps loop on a copy of examples/
// with the bundled actions, prints each step's job summary, ends with the Deployments' images, and stops everything.
import { writeFile } from 'node:fs/promises';
import { cleanupAll, runningProcesses } from '../test/harness/process.js';
import { startStack, type Stack } from '../test/harness/stack.js';
import { alignTable, summaryToText } from '../test/e2e/summary-text.js';
import { imagesOf, NEW_TAGS, runLoop, StepFailed, type MatrixEntry } from '../test/e2e/loop.js';

const pidFile = process.env.KUBECD_DEMO_PIDFILE;
let stack: Stack | undefined;
let stepNumber = 0;
let stopping: Promise<void> | undefined;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function indent(text: string): string {
  return text.split('\n').map((line) => (line ? `    ${line}` : '')).join('\n');
}

async function shutdown(): Promise<void> {
  stopping ??= (async () => {
    await stack?.stop().catch((error: unknown) => say(`stopping the stack: ${(error as Error).message}`));
    await cleanupAll();
    if (pidFile) await writeFile(pidFile, '');
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`\n${signal}: stopping everything the demo started ...`);
    void shutdown().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const started = performance.now();
  say('kubecd demo: the GitOps loop on a copy of examples/, against a stack on 127.0.0.1');
  say('(an OCI registry, a Helm chart repository, a Kubernetes API server, and stand-ins for GitHub and Google)\n');
  stack = await startStack();
  if (pidFile) await writeFile(pidFile, runningProcesses().map((p) => `${p.pid}\n`).join(''));
  say('stack started (pieces start concurrently):');
  say(indent(alignTable(stack.timings.map((t) => [t.piece, `${t.ms} ms`, t.note ?? '']), false)));

  const result = await runLoop(stack, {
    onStepStart: (title) => {
      stepNumber += 1;
      say(`\n━━ ${stepNumber}. ${title} ${'━'.repeat(Math.max(3, 70 - title.length))}`);
    },
    onStep: ({ result: step }) => {
      say(indent(summaryToText(step.summary) || '(no job summary)'));
      for (const line of step.log.split('\n').filter((l) => /^::(error|warning)/.test(l))) say(`    ${line}`);
      say(`    (exit ${step.code}, ${(step.durationMs / 1000).toFixed(1)} s)`);
    },
    log: (line) => say(`    · ${line}`),
  });

  const entries: MatrixEntry[] = [
    { environment: 'test', cluster: 'local', namespace: 'shop-test', provider: 'existingContext' },
    { environment: 'staging', cluster: 'local', namespace: 'shop-staging', provider: 'existingContext' },
    { environment: 'prod', cluster: 'prod', namespace: 'shop', provider: 'gke' },
  ];
  const images = await imagesOf(stack, entries);
  say(`\n━━ the Deployments now (kubectl get deployments -o json) ${'━'.repeat(20)}`);
  const rows = [['namespace', 'deployment', 'image', 'before']];
  for (const { namespace } of entries) {
    for (const [name, image] of Object.entries(images[namespace] ?? {})) rows.push([namespace, name, image, result.imagesBefore[namespace]?.[name]?.split(':').at(-1) ?? '-']);
  }
  say(indent(alignTable(rows)));
  const expected = Object.values(NEW_TAGS);
  const running = Object.values(images).flatMap((byName) => Object.values(byName));
  const upgraded = running.filter((image) => expected.some((tag) => image.endsWith(`:${tag}`))).length;
  say(`\n${upgraded} Deployments run the new tags (${expected.join(', ')}); demo took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  return upgraded === 6 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (error instanceof StepFailed) {
    say(`\nFAILED: ${error.step.title} (exit ${error.step.result.code})`);
    say(indent(error.step.result.log.split('\n').slice(-40).join('\n')));
    say(indent(error.step.result.stderr.split('\n').slice(-20).join('\n')));
  } else {
    say(`\nFAILED: ${(error as Error).message}`);
  }
} finally {
  await shutdown();
  const left = runningProcesses();
  say(left.length === 0 ? 'stopped everything the demo started.' : `still running: ${left.map((p) => `${p.name} (${p.pid})`).join(', ')}`);
}
process.exitCode = code;
