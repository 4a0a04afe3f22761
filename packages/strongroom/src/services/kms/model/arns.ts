/**
 * KMS resource names and the four ways a caller names a key: key id, key
 * ARN, alias name, alias ARN.
 */
import { aliasNotFound, invalidArnRegion, invalidKeyId, keyNotFound } from '../errors.ts';
import type { KeyScope } from './types.ts';

/** A single-Region key's UUID, or a multi-Region key's "mrk-" and 32 hex digits. */
export const KEY_ID_PATTERN = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KMS_ARN = /^arn:(aws[a-z-]*):kms:([^:]*):([^:]*):(key|alias)\/(.+)$/;

export type KeyIdentifier = { kind: 'key'; keyId: string } | { kind: 'alias'; aliasName: string };

export function keyArn(scope: KeyScope, keyId: string): string {
  return `arn:aws:kms:${scope.region}:${scope.accountId}:key/${keyId}`;
}

export function aliasArn(scope: KeyScope, aliasName: string): string {
  return `arn:aws:kms:${scope.region}:${scope.accountId}:${aliasName}`;
}

export function isAliasName(name: string): boolean {
  return name.startsWith('alias/');
}

/**
 * Reads a KeyId parameter. Operations that only take a key id or key ARN
 * pass `aliases: false`; an alias there is an invalid key id, as in AWS.
 * ARNs of another region or account cannot name a key in this scope.
 */
export function parseKeyIdentifier(input: string, scope: KeyScope, options: { aliases: boolean }): KeyIdentifier {
  if (input.startsWith('arn:')) {
    const match = KMS_ARN.exec(input);
    if (!match) throw invalidKeyId(input);
    const [, , region, accountId, type, rest] = match;
    if (type === 'alias') {
      if (!options.aliases) throw invalidKeyId(input);
      if (region !== scope.region || accountId !== scope.accountId) throw aliasNotFound(input);
      return { kind: 'alias', aliasName: `alias/${rest}` };
    }
    if (region !== scope.region) throw invalidArnRegion(region);
    if (!KEY_ID_PATTERN.test(rest)) throw invalidKeyId(rest);
    if (accountId !== scope.accountId) throw keyNotFound(input);
    return { kind: 'key', keyId: rest };
  }
  if (isAliasName(input)) {
    if (!options.aliases) throw invalidKeyId(input);
    return { kind: 'alias', aliasName: input };
  }
  if (!KEY_ID_PATTERN.test(input)) throw invalidKeyId(input);
  return { kind: 'key', keyId: input };
}
