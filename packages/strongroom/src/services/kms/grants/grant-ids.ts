/**
 * Grant ids and grant tokens. A grant id is 64 hex characters, as AWS's. A
 * grant token is opaque to clients but ours to read: base64url of a version
 * byte, the grant's account, region, key id and grant id (each
 * length-prefixed), and 32 random bytes, so that every CreateGrant returns a
 * token of its own even when Name idempotence returns an existing grant.
 * Tokens are not secrets: they name a grant; the grant itself authorizes.
 */
import { randomBytes } from '../../../crypto/primitives.ts';
import { KEY_ID_PATTERN } from '../model/arns.ts';

export const GRANT_ID_PATTERN = /^[0-9a-f]{64}$/;
const TOKEN_VERSION = 1;
const NONCE_BYTES = 32;

export function newGrantId(): string {
  return randomBytes(32).toString('hex');
}

export interface GrantTokenContents {
  accountId: string;
  region: string;
  keyId: string;
  grantId: string;
}

export function newGrantToken(contents: GrantTokenContents): string {
  const fields = [contents.accountId, contents.region, contents.keyId, contents.grantId].map((f) => Buffer.from(f, 'utf8'));
  const parts: Buffer[] = [Buffer.of(TOKEN_VERSION)];
  for (const field of fields) parts.push(Buffer.of(field.length), field);
  parts.push(randomBytes(NONCE_BYTES));
  return Buffer.concat(parts).toString('base64url');
}

/** What a token names, or undefined when it is not a token this server issued. */
export function readGrantToken(token: string): GrantTokenContents | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length === 0 || bytes[0] !== TOKEN_VERSION) return undefined;
  const fields: string[] = [];
  let offset = 1;
  for (let i = 0; i < 4; i++) {
    if (offset >= bytes.length) return undefined;
    const length = bytes[offset];
    const end = offset + 1 + length;
    if (end > bytes.length) return undefined;
    fields.push(bytes.subarray(offset + 1, end).toString('utf8'));
    offset = end;
  }
  if (bytes.length - offset !== NONCE_BYTES) return undefined;
  const [accountId, region, keyId, grantId] = fields;
  if (!/^\d{12}$/.test(accountId) || !/^[a-z0-9-]{1,32}$/.test(region) || !KEY_ID_PATTERN.test(keyId) || !GRANT_ID_PATTERN.test(grantId)) return undefined;
  return { accountId, region, keyId, grantId };
}
