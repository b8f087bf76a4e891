import { run } from '../lint.js';

await run();
