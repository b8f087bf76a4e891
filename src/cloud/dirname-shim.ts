import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// google-gax reads __dirname, which an ESM bundle does not define; this module is imported before it.
const scope = globalThis as { __dirname?: string };
scope.__dirname ??= dirname(fileURLToPath(import.meta.url));
