/**
 * Date operators: DateEquals, DateNotEquals, DateLessThan,
 * DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals. Values are
 * "one of the W3C implementations of the ISO 8601 date formats or in epoch
 * (UNIX) time"; wildcards and policy variables are not permitted. As IAM
 * does, a value holding a "T" or "-" is read as ISO 8601, anything else as
 * epoch seconds. Times without a zone designator are taken as UTC.
 */
import { NEVER, NO_KEYS, type OperatorDefinition, type ValueMatcher } from './operator.ts';

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const EPOCH = /^\d+(\.\d+)?$/;

/** Milliseconds since the epoch, or undefined when `text` is not a date IAM accepts. */
export function parseDate(text: string): number | undefined {
  const value = text.trim();
  if (!/[tT-]/.test(value)) return EPOCH.test(value) ? Number(value) * 1000 : undefined;
  const m = ISO.exec(value);
  if (!m) return undefined;
  const [, y, mo = '1', d = '1', h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), Number(frac.slice(0, 3).padEnd(3, '0')));
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    ms -= sign * offsetMinutes * 60_000;
  }
  return ms;
}

type Compare = (request: number, policy: number) => boolean;

function dateMatcher(values: readonly string[], compare: Compare): ValueMatcher {
  const dates: number[] = [];
  for (const v of values) {
    const t = parseDate(v);
    if (t !== undefined) dates.push(t);
  }
  if (dates.length === 0) return NEVER;
  return {
    requiredKeys: NO_KEYS,
    test(requestValue: string): boolean {
      const t = parseDate(requestValue);
      if (t === undefined) return false;
      for (const p of dates) if (compare(t, p)) return true;
      return false;
    },
  };
}

export const DATE_OPERATORS: readonly OperatorDefinition[] = [
  { name: 'DateEquals', negated: false, compile: (v) => dateMatcher(v, (r, p) => r === p) },
  { name: 'DateNotEquals', negated: true, compile: (v) => dateMatcher(v, (r, p) => r === p) },
  { name: 'DateLessThan', negated: false, compile: (v) => dateMatcher(v, (r, p) => r < p) },
  { name: 'DateLessThanEquals', negated: false, compile: (v) => dateMatcher(v, (r, p) => r <= p) },
  { name: 'DateGreaterThan', negated: false, compile: (v) => dateMatcher(v, (r, p) => r > p) },
  { name: 'DateGreaterThanEquals', negated: false, compile: (v) => dateMatcher(v, (r, p) => r >= p) },
];
