import { isRefused, MAX_FILE_BYTES, readConfined, type ConfinedRoot, type Refusal } from '../fs/confined.js';
import { parseYaml, type YamlSource } from '../model/yaml-source.js';

/**
 * Reads (confined to the repository, at most MAX_FILE_BYTES) and parses a root-relative YAML file. A refused
 * or unreadable file gives `error`, a message to put after the file's kind and name ("does not exist", ...).
 */
export async function readYaml(root: ConfinedRoot, file: string, maxBytes = MAX_FILE_BYTES): Promise<YamlSource | { error: string; reason: Refusal['reason'] }> {
  const read = await readConfined(root, file, maxBytes);
  if (isRefused(read)) return { error: read.refused.message, reason: read.refused.reason };
  return parseYaml(read.text, file);
}
