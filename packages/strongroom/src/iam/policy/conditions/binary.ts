/**
 * BinaryEquals: "compares the value of the specified key byte for byte
 * against a base-64 encoded representation of the binary value in the
 * policy". Request values arrive base64-encoded too; both sides are decoded
 * and re-encoded so that padding and line breaks do not matter.
 */
import { NEVER, NO_KEYS, type OperatorDefinition, type ValueMatcher } from './operator.ts';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

function canonicalBase64(text: string): string | undefined {
  if (!BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64').toString('base64');
}

function binaryMatcher(values: readonly string[]): ValueMatcher {
  const set = new Set<string>();
  for (const v of values) {
    const c = canonicalBase64(v);
    if (c !== undefined && c.length > 0) set.add(c);
  }
  if (set.size === 0) return NEVER;
  return {
    requiredKeys: NO_KEYS,
    test(requestValue: string): boolean {
      const c = canonicalBase64(requestValue);
      return c !== undefined && set.has(c);
    },
  };
}

export const BINARY_OPERATORS: readonly OperatorDefinition[] = [
  { name: 'BinaryEquals', negated: false, compile: (v) => binaryMatcher(v) },
];
