/** One `WWW-Authenticate` challenge: a scheme and its parameters (names lower-cased). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/**
 * Parses a `WWW-Authenticate` header (RFC 9110 grammar, quoted strings with escapes), which may hold
 * several challenges separated by commas, e.g. `Bearer realm="https://a/token",service="a",scope="x:y:pull"`.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let rest = header.trim();
  let current: Challenge | undefined;
  let guard = 0;
  while (rest.length > 0 && guard++ < 1000) {
    rest = rest.replace(/^[\s,]+/, '');
    const name = TOKEN.exec(rest)?.[0];
    if (!name) break;
    const afterName = rest.slice(name.length).replace(/^\s*/, '');
    if (afterName.startsWith('=') && current && !afterName.startsWith('==')) {
      let value: string;
      let remaining = afterName.slice(1).replace(/^\s*/, '');
      if (remaining.startsWith('"')) {
        let index = 1;
        value = '';
        while (index < remaining.length && remaining[index] !== '"') {
          if (remaining[index] === '\\' && index + 1 < remaining.length) index++;
          value += remaining[index];
          index++;
        }
        remaining = remaining.slice(index + 1);
      } else {
        // Lenient: registries send unquoted URLs, which are not RFC tokens.
        value = /^[^,\s]*/.exec(remaining)?.[0] ?? '';
        remaining = remaining.slice(value.length);
      }
      current.params[name.toLowerCase()] = value;
      rest = remaining;
    } else {
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
      rest = afterName;
      // token68 form (`Basic abc==`) carries no parameters we need; skip it.
      const token68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(rest);
      if (token68 && !rest.slice(token68[0].length).trimStart().startsWith('=')) rest = rest.slice(token68[0].length);
    }
  }
  return challenges;
}
