import { checkUpgradesAction } from './check-upgrades-action.js';
import { runAction } from './run-action.js';

await runAction(checkUpgradesAction);
