// Renders a job summary (the HTML that @actions/core's summary writes, mixed with markdown) as plain terminal text.

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': ' ' };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (entity) => ENTITIES[entity] ?? entity);
}

function inline(html: string): string {
  return decode(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
}

/** Rows of cells → columns padded to the widest cell, the header row underlined. */
export function alignTable(rows: string[][], header = true): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = rows.map(line);
  if (header && rows.length > 0) out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return out.join('\n');
}

function htmlTable(table: string): string {
  const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map((row) =>
    // Split at each cell's opening tag: @actions/core writes an empty cell as a bare `<td>` with no closing tag.
    row[1]!.split(/<t[hd](?:\s[^>]*)?>/i).slice(1).map((cell) => inline(cell.replace(/<\/t[hd]>/gi, ''))));
  const header = /<th[\s>]/i.test(table);
  return alignTable(rows, header);
}

function markdownTable(lines: string[]): string {
  const rows = lines
    .filter((line) => !/^\s*\|?\s*:?-{2,}/.test(line))
    .map((line) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => inline(cell.replace(/`/g, ''))));
  return alignTable(rows, true);
}

/** Plain text for a terminal: headings as `== text`, tables aligned, lists as `- item`, tags removed. */
export function summaryToText(summary: string): string {
  let text = summary
    .replace(/<table[^>]*>[\s\S]*?<\/table>/gi, (table) => `\n${htmlTable(table)}\n`)
    .replace(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi, (_, level: string, title: string) => `\n${'#'.repeat(Number(level))} ${inline(title)}\n`)
    .replace(/<li[^>]*>([\s\S]*?)<\/li>/gi, (_, item: string) => `- ${inline(item)}\n`)
    .replace(/<summary[^>]*>([\s\S]*?)<\/summary>/gi, (_, title: string) => `${inline(title)}:\n`)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|pre|details|ul|ol)>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  text = decode(text);

  // Markdown pipe tables (some summaries are written as markdown): align them too.
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*\|.*\|\s*$/.test(lines[i]!)) {
      const block: string[] = [];
      while (i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]!)) block.push(lines[i++]!);
      i--;
      out.push(markdownTable(block));
    } else {
      out.push(lines[i]!.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1').trimEnd());
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
