/** `rel="next"` of a `Link` header, resolved against the page it came from. */
export function nextLink(link: string | null, pageUrl: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match?.[1] !== undefined && /;\s*rel="?next"?/i.test(match[2] ?? '')) return new URL(match[1], pageUrl).toString();
  }
  return undefined;
}
