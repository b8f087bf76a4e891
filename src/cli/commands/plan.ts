export { planCommand } from './apply.js';
