/**
 * Wildcard matching for Action, Resource, StringLike and ArnLike values.
 * Input is an escaped pattern (see template.ts): `*` and `?` are wildcards,
 * `\x` is a literal x.
 *
 * Two modes:
 * - glob: `*` matches any run of characters, `?` any one (StringLike, Action);
 * - arn: the pattern is read as the six colon-separated ARN parts, and in the
 *   first five a wildcard does not cross a `:`; the resource part (after the
 *   fifth colon) is matched as a whole, so `*` there spans `/` and `:`. When
 *   the pattern has fewer than six parts and ends in `*`, that `*` may run
 *   past the colons ("If the * wildcard is the last character of a resource
 *   ARN segment, it can expand to match beyond the colon boundaries", IAM
 *   User Guide, Resource element), so `arn:aws:kms:*` covers every KMS ARN.
 */
export interface PatternMatcher {
  readonly any: boolean;
  readonly exact?: string;
  /** The pattern is this literal prefix followed by one `*` that spans everything. */
  readonly prefix?: string;
  readonly re?: RegExp;
}

export type PatternMode = 'glob' | 'arn';

const ANY: PatternMatcher = { any: true };
const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

export function compilePattern(escaped: string, mode: PatternMode, ignoreCase = false): PatternMatcher {
  const chars: string[] = [];
  const wild: boolean[] = [];
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i];
    if (c === '\\' && i + 1 < escaped.length) {
      chars.push(escaped[++i]);
      wild.push(false);
    } else {
      chars.push(c);
      wild.push(c === '*' || c === '?');
    }
  }
  if (!wild.includes(true)) {
    const exact = chars.join('');
    return { any: false, exact: ignoreCase ? exact.toLowerCase() : exact };
  }
  if (chars.length === 1 && chars[0] === '*') return ANY;

  let colons = 0;
  for (let i = 0; i < chars.length; i++) if (chars[i] === ':' && !wild[i]) colons++;
  const shortArn = mode === 'arn' && colons < 5;

  // "literal*": in either mode that final * spans everything (resource part or short ARN).
  const last = chars.length - 1;
  if (chars[last] === '*' && wild[last] && wild.indexOf(true) === last) {
    const prefix = chars.slice(0, last).join('');
    return { any: false, prefix: ignoreCase ? prefix.toLowerCase() : prefix };
  }

  let source = '^';
  let segment = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (!wild[i]) {
      source += c.replace(REGEXP_SPECIAL, '\\$&');
      if (c === ':' && segment < 5) segment++;
      continue;
    }
    const spansColons = mode === 'glob' || segment >= 5 || (shortArn && i === chars.length - 1);
    if (c === '*') source += spansColons ? '.*' : '[^:]*';
    else source += spansColons ? '.' : '[^:]';
  }
  source += '$';
  return { any: false, re: new RegExp(source, ignoreCase ? 'is' : 's') };
}

/** `value` must already be lowercased when the matcher ignores case. */
export function testPattern(matcher: PatternMatcher, value: string): boolean {
  if (matcher.any) return true;
  if (matcher.exact !== undefined) return matcher.exact === value;
  if (matcher.prefix !== undefined) return value.startsWith(matcher.prefix);
  return matcher.re!.test(value);
}

// Patterns built at request time (they hold variables) are cached by their
// rendered text; the cache is bounded and simply restarts when full.
const dynamicCache = new Map<string, PatternMatcher>();
const DYNAMIC_CACHE_MAX = 4096;

export function dynamicPattern(escaped: string, mode: PatternMode, ignoreCase = false): PatternMatcher {
  const key = `${mode}${ignoreCase ? 'i' : 's'}${escaped}`;
  let matcher = dynamicCache.get(key);
  if (!matcher) {
    if (dynamicCache.size >= DYNAMIC_CACHE_MAX) dynamicCache.clear();
    matcher = compilePattern(escaped, mode, ignoreCase);
    dynamicCache.set(key, matcher);
  }
  return matcher;
}
