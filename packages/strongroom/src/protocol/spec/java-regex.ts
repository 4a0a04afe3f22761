/**
 * Model patterns are Java regular expressions, matched against the whole
 * value (AWS validates with Pattern.matches). This translates the Java
 * constructs the models use into an equivalent JavaScript RegExp, always with
 * the `u` flag (Java matches code points, as `u` does; `\p{...}` needs it).
 *
 * Handled: leading inline flags `(?i)` `(?s)` `(?m)`, possessive quantifiers
 * (`*+` `++` `?+` `{n}+`, made greedy), atomic groups `(?>` (made plain),
 * `\A` `\Z` `\z`, `\Q...\E`, POSIX and `Is`/`In`-prefixed `\p{...}` classes,
 * `\h` `\e` `\a` `\x{...}`, identity escapes that `u` rejects (`\:` `\!` ...),
 * lone `{` and `}`, and `-` next to a class escape inside `[...]`.
 */

/** Java's POSIX classes are ASCII-only: code point ranges, sorted. */
const POSIX: Record<string, Array<[number, number]>> = {
  Lower: [[0x61, 0x7a]],
  Upper: [[0x41, 0x5a]],
  ASCII: [[0x00, 0x7f]],
  Alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  Digit: [[0x30, 0x39]],
  Alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  Punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  Graph: [[0x21, 0x7e]],
  Print: [[0x20, 0x7e]],
  Blank: [[0x09, 0x09], [0x20, 0x20]],
  Cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  XDigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
  Space: [[0x09, 0x0d], [0x20, 0x20]],
};

/** Class body for ranges, or for their complement (so a negated class can sit inside another class). */
function rangesBody(ranges: Array<[number, number]>, negated: boolean): string {
  let list = ranges;
  if (negated) {
    list = [];
    let next = 0;
    for (const [lo, hi] of ranges) {
      if (lo > next) list.push([next, lo - 1]);
      next = hi + 1;
    }
    if (next <= 0x10ffff) list.push([next, 0x10ffff]);
  }
  const cp = (n: number) => `\\u{${n.toString(16)}}`;
  return list.map(([lo, hi]) => (lo === hi ? cp(lo) : `${cp(lo)}-${cp(hi)}`)).join('');
}

const JAVA_PROPS: Record<string, string> = {
  javaLowerCase: 'Lowercase',
  javaUpperCase: 'Uppercase',
  javaWhitespace: 'White_Space',
  javaLetter: 'L',
  javaDigit: 'Nd',
  Alphabetic: 'Alphabetic',
  Letter: 'L',
  Lowercase: 'Lowercase',
  Uppercase: 'Uppercase',
  White_Space: 'White_Space',
  WhiteSpace: 'White_Space',
};

const HORIZONTAL_SPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
/** Characters that may be escaped with `\` under the `u` flag. */
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

export interface TranslatedPattern {
  source: string;
  flags: string;
}

/** A `\p{...}` / `\P{...}` in JS terms: a property escape, or a class (body only when inside a class) for POSIX names. */
function propertyEscape(name: string, negated: boolean, inClass: boolean): string {
  const posix = POSIX[name] ?? (name.startsWith('Is') ? POSIX[name.slice(2)] : undefined);
  if (posix) {
    const body = rangesBody(posix, negated);
    return inClass ? body : `[${body}]`;
  }
  if (name === 'javaLetterOrDigit') {
    const body = '\\p{L}\\p{Nd}';
    return negated ? `[^${body}]` : inClass ? body : `[${body}]`;
  }
  const p = negated ? 'P' : 'p';
  if (JAVA_PROPS[name]) return `\\${p}{${JAVA_PROPS[name]}}`;
  if (name.startsWith('In')) return `\\${p}{Script=${name.slice(2)}}`; // blocks: closest JS notion is the script
  if (name.startsWith('Is')) {
    const rest = name.slice(2);
    if (JAVA_PROPS[rest]) return `\\${p}{${JAVA_PROPS[rest]}}`;
    return rest.length <= 2 ? `\\${p}{${rest}}` : `\\${p}{Script=${rest}}`;
  }
  if (name.includes('=')) return `\\${p}{${name.replace(/^(general_category|gc)=/i, 'General_Category=').replace(/^(script|sc)=/i, 'Script=')}}`;
  return `\\${p}{${name}}`;
}

function escapeLiteral(ch: string, inClass: boolean): string {
  if (SYNTAX.has(ch) || (inClass && ch === '-')) return `\\${ch}`;
  return ch;
}

/** Translate a Java pattern to a JS source and flags (full-match anchors not included). */
export function translateJavaPattern(pattern: string): TranslatedPattern {
  let flags = 'u';
  let p = pattern;
  // Leading inline flags, e.g. (?i) or (?is).
  for (let m = /^\(\?([imsx]+)\)/.exec(p); m; m = /^\(\?([imsx]+)\)/.exec(p)) {
    for (const f of m[1]) if (f !== 'x' && !flags.includes(f)) flags += f;
    p = p.slice(m[0].length);
  }
  let out = '';
  let inClass = false;
  let classStart = false; // just after `[` or `[^`
  let lastWasClassEscape = false; // inside a class: the previous atom was \w, \d, \p{..}...
  let afterQuantifier = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    const wasAfterQuantifier = afterQuantifier;
    afterQuantifier = false;
    const wasClassEscape = lastWasClassEscape;
    lastWasClassEscape = false;
    const wasClassStart = classStart;
    classStart = false;
    if (ch === '\\') {
      const c = p[i + 1];
      i++;
      if (c === undefined) {
        out += '\\\\';
        break;
      }
      if (c === 'p' || c === 'P') {
        let name: string;
        if (p[i + 1] === '{') {
          const end = p.indexOf('}', i + 2);
          name = p.slice(i + 2, end);
          i = end;
        } else {
          name = p[i + 1];
          i++;
        }
        out += propertyEscape(name, c === 'P', inClass);
        lastWasClassEscape = inClass;
      } else if (c === 'Q') {
        const end = p.indexOf('\\E', i + 1);
        const literal = end === -1 ? p.slice(i + 1) : p.slice(i + 1, end);
        for (const l of literal) out += escapeLiteral(l, inClass);
        i = end === -1 ? p.length : end + 1;
      } else if (c === 'A') {
        out += '^';
      } else if (c === 'Z' || c === 'z') {
        out += '$';
      } else if (c === 'h') {
        out += inClass ? HORIZONTAL_SPACE : `[${HORIZONTAL_SPACE}]`;
        lastWasClassEscape = inClass;
      } else if (c === 'e') {
        out += '\\x1B';
      } else if (c === 'a') {
        out += '\\x07';
      } else if (c === 'x' && p[i + 1] === '{') {
        const end = p.indexOf('}', i + 2);
        out += `\\u{${p.slice(i + 2, end)}}`;
        i = end;
      } else if (c === '0') {
        // Java octal \0n, \0nn, \0mnn
        const m = /^[0-7]{1,3}/.exec(p.slice(i + 1)) ?? ['0'];
        out += `\\x${parseInt(m[0], 8).toString(16).padStart(2, '0')}`;
        i += m[0] === '0' ? 0 : m[0].length;
      } else if (/[dDwWsS]/.test(c)) {
        out += `\\${c}`;
        lastWasClassEscape = inClass;
      } else if (/[A-Za-z0-9]/.test(c)) {
        out += `\\${c}`; // \b \B \n \t \r \f \v \uXXXX \xXX \cX and back-references
      } else {
        out += escapeLiteral(c, inClass);
      }
      continue;
    }
    if (inClass) {
      if (ch === ']' && !wasClassStart) {
        inClass = false;
        out += ']';
      } else if (ch === '[') {
        out += '\\['; // Java nested class union: approximated as a literal bracket
      } else if (ch === '-' && !wasClassStart && (wasClassEscape || (p[i + 1] === '\\' && /[dDwWsSpPh]/.test(p[i + 2] ?? '')) || p[i + 1] === ']')) {
        out += '\\-';
      } else if (ch === '^' && wasClassStart) {
        out += '^';
        classStart = true;
      } else {
        out += ch;
      }
      continue;
    }
    switch (ch) {
      case '[':
        inClass = true;
        classStart = true;
        out += '[';
        break;
      case '*':
      case '?':
      case '+':
        if (ch === '+' && wasAfterQuantifier) break; // possessive
        if (ch === '?' && wasAfterQuantifier) {
          out += '?'; // lazy
          break;
        }
        out += ch;
        afterQuantifier = true;
        break;
      case '{': {
        const m = /^\{\d+(,\d*)?\}/.exec(p.slice(i));
        if (m) {
          out += m[0];
          i += m[0].length - 1;
          afterQuantifier = true;
        } else {
          out += '\\{';
        }
        break;
      }
      case '}':
        out += '\\}';
        break;
      case '(':
        if (p.startsWith('(?>', i)) {
          out += '(?:';
          i += 2;
        } else {
          out += '(';
        }
        break;
      default:
        out += ch;
    }
  }
  return { source: out, flags };
}

/** Patterns that could not be translated (they accept everything); empty for the shipped models. */
export const untranslatedPatterns: string[] = [];

/** Compile a model pattern for whole-value matching. Never throws. */
export function compileJavaPattern(pattern: string): RegExp {
  const { source, flags } = translateJavaPattern(pattern);
  try {
    return new RegExp(`^(?:${source})$`, flags);
  } catch {
    try {
      return new RegExp(`^(?:${pattern})$`);
    } catch {
      untranslatedPatterns.push(pattern);
      return /^[\s\S]*$/;
    }
  }
}
