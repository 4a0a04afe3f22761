/**
 * Identifiers of temporary credentials. Access key ids follow AWS's newer
 * format, which encodes the owning account (so GetAccessKeyInfo can answer
 * for a key it no longer stores, as AWS does): after the four-letter prefix,
 * 16 base32 characters carry 80 bits — a set top bit marking the format, the
 * 12-digit account id in the next 40 bits, then 39 random bits. Session
 * tokens are opaque random strings; only their SHA-256 is stored.
 */
import { constantTimeEqual, randomBytes, sha256 } from '../../crypto/primitives.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PAYLOAD_CHARS = 16;
const ACCOUNT_SHIFT = 39n;
const ACCOUNT_MASK = (1n << 40n) - 1n;
const FORMAT_BIT = 1n << 79n;
const RANDOM_MASK = (1n << ACCOUNT_SHIFT) - 1n;

export const TEMPORARY_ACCESS_KEY_ID_PATTERN = /^ASIA[A-Z2-7]{16}$/;
const ENCODED_KEY_ID = /^A[KS]IA[A-Z2-7]{16}$/;

/** Random bytes in a session token: base64 of 240 bytes, 320 characters. */
const SESSION_TOKEN_BYTES = 240;

function encodeBase32(value: bigint, chars: number): string {
  let out = '';
  for (let i = chars - 1; i >= 0; i--) out += BASE32[Number((value >> BigInt(i * 5)) & 31n)];
  return out;
}

/** A new ASIA… access key id carrying `accountId` (12 digits). */
export function newTemporaryAccessKeyId(accountId: string): string {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`invalid account id "${accountId}": expected 12 digits`);
  const random = BigInt(randomBytes(5).readUIntBE(0, 5)) & RANDOM_MASK;
  const payload = FORMAT_BIT | (BigInt(accountId) << ACCOUNT_SHIFT) | random;
  return `ASIA${encodeBase32(payload, PAYLOAD_CHARS)}`;
}

/**
 * The account an AKIA…/ASIA… key id of the newer format names, or undefined
 * for ids of another shape or of the older format (which carry no account).
 */
export function accountOfAccessKeyId(accessKeyId: string): string | undefined {
  if (!ENCODED_KEY_ID.test(accessKeyId)) return undefined;
  let payload = 0n;
  for (let i = 4; i < accessKeyId.length; i++) payload = (payload << 5n) | BigInt(BASE32.indexOf(accessKeyId[i]));
  if ((payload & FORMAT_BIT) === 0n) return undefined;
  const account = (payload >> ACCOUNT_SHIFT) & ACCOUNT_MASK;
  if (account > 999_999_999_999n) return undefined;
  return account.toString().padStart(12, '0');
}

export function newSessionToken(): string {
  return randomBytes(SESSION_TOKEN_BYTES).toString('base64');
}

export function hashSessionToken(token: string): Buffer {
  return sha256(token);
}

/** Compares a presented token with a stored hash in constant time. */
export function sessionTokenMatches(token: string, hash: Uint8Array): boolean {
  return constantTimeEqual(hashSessionToken(token), hash);
}
