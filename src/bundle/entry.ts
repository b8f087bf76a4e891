/**
 * The one bundle behind the three actions and the CLI (dist/shared/). Each dist/<name>/index.js only
 * says which one runs; every piece is loaded on demand, so an action's start-up loads its own code only.
 */
export async function runEntry(name: string): Promise<void> {
  switch (name) {
    case 'lint':
      return (await import('../actions/lint.js')).run();
    case 'check-upgrades':
      return (await import('../actions/check-upgrades.js')).run();
    case 'apply':
      return (await import('../actions/apply.js')).run();
    case 'cli':
      return (await import('../cli/main.js')).main();
    default:
      throw new Error(`unknown kubecd entry "${name}"`);
  }
}
