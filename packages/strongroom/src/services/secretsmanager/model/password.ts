/**
 * GetRandomPassword: AWS's character classes and options. Every character is
 * drawn uniformly from the allowed pool; with RequireEachIncludedType the
 * whole password is redrawn until each included class appears, which keeps
 * the result uniform over all valid passwords.
 */
import type { GetRandomPasswordRequest } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import { invalidParameter } from '../errors.ts';
import { randomChars } from './random-chars.ts';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export function randomPassword(input: GetRandomPasswordRequest): string {
  const length = input.PasswordLength ?? 32;
  if (!Number.isInteger(length) || length < 1 || length > 4096) throw invalidParameter('Password length must be between 1 and 4096.');
  const excluded = new Set(input.ExcludeCharacters ?? '');
  const classes: string[][] = [];
  const add = (chars: string, skip: boolean | undefined) => {
    if (skip) return;
    const allowed = [...chars].filter((c) => !excluded.has(c));
    if (allowed.length) classes.push(allowed);
  };
  add(LOWER, input.ExcludeLowercase);
  add(UPPER, input.ExcludeUppercase);
  add(DIGITS, input.ExcludeNumbers);
  add(PUNCTUATION, input.ExcludePunctuation);
  add(' ', !input.IncludeSpace);
  const pool = classes.flat();
  if (pool.length === 0) throw invalidParameter('The password can not be generated with the given parameters: every character type is excluded.');
  const requireEach = input.RequireEachIncludedType ?? true;
  if (requireEach && classes.length > length) {
    throw invalidParameter(`Password length is too short to include at least one character from each of the ${classes.length} included character types.`);
  }
  for (;;) {
    const password = randomChars(pool, length);
    if (!requireEach || classes.every((cls) => cls.some((c) => password.includes(c)))) return password;
  }
}
