/**
 * Policy variables in Resource and Condition values: `${aws:username}`,
 * `${aws:PrincipalTag/team}`, defaults `${aws:userid, 'anonymous'}` and the
 * escapes `${*}`, `${?}`, `${$}`. Only version 2012-10-17 documents have
 * variables; in 2008-10-17 ones `${…}` is literal text.
 *
 * A template renders two ways: as a literal string (StringEquals…) or as an
 * escaped pattern for the wildcard matchers, in which `*` and `?` written in
 * the policy are wildcards and everything that came from a variable, plus
 * `\`, is escaped with a backslash.
 */

/** Reads single-valued context keys (lowercased names) for substitution. */
export interface VariableSource {
  single(lowerKey: string): string | undefined;
}

type Part = string | { readonly key: string; readonly fallback?: string } | { readonly special: string };

export interface Template {
  /** Keys (lowercased) whose absence makes the statement not apply: variables without a default. */
  readonly requiredKeys: readonly string[];
  /** Precomputed renderings when there is nothing to resolve at request time. */
  readonly staticLiteral?: string;
  readonly staticPattern?: string;
  readonly parts: readonly Part[];
}

const VARIABLE = /\$\{([^}]*)\}/g;
const WITH_DEFAULT = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/;
const PLAIN_KEY = /^\s*([^,\s]+)\s*$/;

export function parseTemplate(text: string, variablesEnabled: boolean): Template {
  if (!variablesEnabled || !text.includes('${')) return staticTemplate([text]);
  const parts: Part[] = [];
  const required: string[] = [];
  let last = 0;
  let dynamic = false;
  for (const match of text.matchAll(VARIABLE)) {
    const body = match[1];
    let part: Part | undefined;
    if (body === '*' || body === '?' || body === '$') {
      part = { special: body };
    } else {
      const withDefault = WITH_DEFAULT.exec(body);
      const plain = withDefault ? undefined : PLAIN_KEY.exec(body);
      if (withDefault) part = { key: withDefault[1].toLowerCase(), fallback: withDefault[2] };
      else if (plain) {
        part = { key: plain[1].toLowerCase() };
        if (!required.includes(part.key)) required.push(part.key);
      }
    }
    if (!part) continue; // not a variable: stays literal text
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(part);
    if (typeof part !== 'string' && 'key' in part) dynamic = true;
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (!dynamic) return staticTemplate(parts);
  return { requiredKeys: required, parts };
}

function staticTemplate(parts: readonly Part[]): Template {
  return {
    requiredKeys: [],
    parts,
    staticLiteral: render(parts, undefined, false),
    staticPattern: render(parts, undefined, true),
  };
}

/** The value as a plain string; undefined when a variable cannot be resolved. */
export function renderLiteral(template: Template, vars: VariableSource): string | undefined {
  return template.staticLiteral ?? render(template.parts, vars, false);
}

/** The value as an escaped wildcard pattern; undefined when a variable cannot be resolved. */
export function renderPattern(template: Template, vars: VariableSource): string | undefined {
  return template.staticPattern ?? render(template.parts, vars, true);
}

function render(parts: readonly Part[], vars: VariableSource | undefined, pattern: boolean): string | undefined {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += pattern ? part.replaceAll('\\', '\\\\') : part;
    } else if ('special' in part) {
      out += pattern && part.special !== '$' ? `\\${part.special}` : part.special;
    } else {
      const value = vars?.single(part.key) ?? part.fallback;
      if (value === undefined) return undefined;
      out += pattern ? escapePattern(value) : value;
    }
  }
  return out;
}

/** Makes every character of `value` literal in an escaped pattern. */
export function escapePattern(value: string): string {
  return value.replace(/[\\*?]/g, (c) => `\\${c}`);
}
