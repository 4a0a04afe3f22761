/**
 * Identifier formats IAM uses: access key ids (AKIA…), user ids (AIDA…),
 * secret access keys (40 characters) and user ARNs.
 */
import { randomBytes } from '../crypto/primitives.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `count` characters of A–Z2–7; unbiased because 256 is a multiple of 32. */
export function randomBase32(count: number): string {
  const bytes = randomBytes(count);
  let out = '';
  for (const byte of bytes) out += BASE32[byte & 31];
  return out;
}

export const ACCESS_KEY_ID_PATTERN = /^AKIA[A-Z2-7]{16}$/;
export const USER_ID_PATTERN = /^AIDA[A-Z2-7]{17}$/;

export function newAccessKeyId(): string {
  return `AKIA${randomBase32(16)}`;
}

export function newUserId(): string {
  return `AIDA${randomBase32(17)}`;
}

/** 40 characters of A–Z a–z 0–9 + / (the base64 of 30 random bytes), like AWS secret access keys. */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

/** arn:aws:iam::<account>:user<path><name>; the path starts and ends with "/". */
export function userArn(accountId: string, path: string, userName: string): string {
  return `arn:aws:iam::${accountId}:user${path}${userName}`;
}
