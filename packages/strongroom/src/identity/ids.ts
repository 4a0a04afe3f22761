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

export const GROUP_ID_PATTERN = /^AGPA[A-Z2-7]{17}$/;
export const ROLE_ID_PATTERN = /^AROA[A-Z2-7]{17}$/;
export const POLICY_ID_PATTERN = /^ANPA[A-Z2-7]{17}$/;

export function newGroupId(): string {
  return `AGPA${randomBase32(17)}`;
}

export function newRoleId(): string {
  return `AROA${randomBase32(17)}`;
}

export function newPolicyId(): string {
  return `ANPA${randomBase32(17)}`;
}

/** arn:aws:iam::<account>:<type><path><name> for user, group, role and (customer managed) policy. */
export function iamArn(accountId: string, type: 'user' | 'group' | 'role' | 'policy', path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${type}${path}${name}`;
}

export function groupArn(accountId: string, path: string, groupName: string): string {
  return iamArn(accountId, 'group', path, groupName);
}

export function roleArn(accountId: string, path: string, roleName: string): string {
  return iamArn(accountId, 'role', path, roleName);
}

export function policyArn(accountId: string, path: string, policyName: string): string {
  return iamArn(accountId, 'policy', path, policyName);
}

/** Splits arn:aws:iam::<account>:<type>/<path…>/<name> into its parts; undefined when it is not one. */
export function parseIamArn(arn: string): { accountId: string; type: string; path: string; name: string } | undefined {
  const m = /^arn:aws:iam::(\d{12}|aws):(user|group|role|policy)(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
  if (!m) return undefined;
  return { accountId: m[1], type: m[2], path: m[3], name: m[4] };
}
