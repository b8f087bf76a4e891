import { run } from '../check-upgrades.js';

await run();
