/** Things shared between benchmarks of one run (e.g. one API server for both apply benchmarks), stopped at the end. */
const stops: (() => Promise<void>)[] = [];

export function onShutdown(stop: () => Promise<void>): void {
  stops.push(stop);
}

export async function shutdown(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
}
