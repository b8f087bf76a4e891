export { parseLockFile } from './parse.js';
export { serializeLockFile, compareEntries } from './serialize.js';
export { writeLockFile } from './write.js';
