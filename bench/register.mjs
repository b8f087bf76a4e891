// Lets Node 24 run the TypeScript bench scripts directly: the sources import each other with `.js` suffixes
// (NodeNext style), which Node's type stripping does not map to the `.ts` files; this resolve hook does.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      const asJs = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(asJs))) {
        const asTs = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
        if (existsSync(fileURLToPath(asTs))) return nextResolve(asTs.href, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
