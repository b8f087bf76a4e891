// npm runs scripts with node_modules/.bin first on PATH; the `node` package puts Node 24 there.
// Without it (install scripts skipped) npm silently falls back to the machine's Node: refuse that.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`kubecd needs Node 24 or newer; this is Node ${process.versions.node}.`);
  console.error('Run `npm ci` (install scripts enabled) or `npm rebuild node` so node_modules/.bin/node is Node 24.');
  process.exit(1);
}
