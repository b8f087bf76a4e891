import { run } from '../apply.js';

await run();
