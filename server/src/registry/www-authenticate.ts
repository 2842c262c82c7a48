/** One challenge from a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export interface Challenge {
  /** Lower case: `bearer`, `basic`. */
  readonly scheme: string;
  /** Parameter names in lower case; values unquoted and unescaped. */
  readonly params: Readonly<Record<string, string>>;
  readonly token68?: string;
}

const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

/**
 * Parses every challenge in the given header values. One value may hold several challenges
 * (`Bearer realm="…",scope="…", Basic realm="…"`), and commas also separate parameters and may
 * appear inside quoted values (`scope="repository:a:pull,push"`), so a split on commas is wrong.
 * Malformed input yields the challenges parsed before the fault rather than an exception: the
 * header comes from the network.
 */
export function parseWwwAuthenticate(values: readonly string[]): Challenge[] {
  const result: Challenge[] = [];
  for (const value of values) result.push(...parseOne(value));
  return result;
}

function parseOne(input: string): Challenge[] {
  const challenges: Challenge[] = [];
  let pos = 0;

  const skipSpace = (): void => {
    while (pos < input.length && (input[pos] === ' ' || input[pos] === '\t')) pos++;
  };
  const skipSeparators = (): void => {
    while (pos < input.length && (input[pos] === ' ' || input[pos] === '\t' || input[pos] === ',')) pos++;
  };
  const readToken = (): string => {
    const start = pos;
    while (pos < input.length && TCHAR.test(input[pos] as string)) pos++;
    return input.slice(start, pos);
  };
  const readQuoted = (): string | undefined => {
    // At the opening quote.
    pos++;
    let out = '';
    while (pos < input.length) {
      const ch = input[pos] as string;
      if (ch === '\\' && pos + 1 < input.length) {
        out += input[pos + 1];
        pos += 2;
      } else if (ch === '"') {
        pos++;
        return out;
      } else {
        out += ch;
        pos++;
      }
    }
    return undefined;
  };
  /**
   * True when the text at `pos` is `name = value`, i.e. a parameter rather than the next scheme or
   * a token68 (`abc==`): a parameter's value is never empty, so `=` must be followed by a token
   * character or a quote.
   */
  const atParam = (): boolean => {
    const save = pos;
    const name = readToken();
    skipSpace();
    let isParam = false;
    if (name.length > 0 && input[pos] === '=') {
      pos++;
      skipSpace();
      const next = input[pos];
      isParam = next !== undefined && (next === '"' || TCHAR.test(next));
    }
    pos = save;
    return isParam;
  };

  skipSeparators();
  while (pos < input.length) {
    const scheme = readToken();
    if (!scheme) break;
    const params: Record<string, string> = {};
    let token68: string | undefined;
    skipSpace();
    // token68 (`Negotiate abc==`): characters then only `=` padding, then a comma or the end.
    if (pos < input.length && input[pos] !== ',' && !atParam()) {
      const start = pos;
      while (pos < input.length && TOKEN68_CHAR.test(input[pos] as string)) pos++;
      while (pos < input.length && input[pos] === '=') pos++;
      token68 = input.slice(start, pos);
      skipSpace();
    } else {
      for (;;) {
        skipSpace();
        if (!atParam()) break;
        const name = readToken().toLowerCase();
        skipSpace();
        pos++; // '='
        skipSpace();
        let paramValue: string | undefined;
        if (input[pos] === '"') paramValue = readQuoted();
        else paramValue = readToken();
        if (paramValue === undefined) {
          challenges.push(makeChallenge(scheme, params, token68));
          return challenges;
        }
        // The first occurrence wins; a repeated name is a protocol error we tolerate.
        if (!(name in params)) params[name] = paramValue;
        skipSpace();
        if (input[pos] !== ',') break;
        // After a comma comes another parameter or the next challenge's scheme.
        const save = pos;
        skipSeparators();
        if (!atParam()) {
          pos = save;
          break;
        }
      }
    }
    challenges.push(makeChallenge(scheme, params, token68));
    skipSpace();
    if (pos < input.length && input[pos] !== ',') {
      // Garbage where a separator belongs: stop rather than guess.
      break;
    }
    skipSeparators();
  }
  return challenges;
}

function makeChallenge(scheme: string, params: Record<string, string>, token68: string | undefined): Challenge {
  return { scheme: scheme.toLowerCase(), params, ...(token68 !== undefined ? { token68 } : {}) };
}
