/**
 * AWS KMS key identifiers as the Encryption SDK specification reads them
 * (framework/aws-kms/aws-kms-key-arn.md and aws-kms-mrk-match-for-decrypt.md):
 * ARN parsing, multi-Region key (mrk-) detection and the MRK match used on
 * decrypt. Pure functions, no KMS calls.
 */

export interface KmsArn {
  readonly partition: string;
  readonly service: 'kms';
  readonly region: string;
  readonly accountId: string;
  readonly resourceType: 'key' | 'alias';
  /** Everything after the first "/" of the resource section (further "/" included). */
  readonly resourceId: string;
}

/** The parsed ARN, or undefined when `value` is not a valid AWS KMS ARN. */
export function parseKmsArn(value: string): KmsArn | undefined {
  const parts = value.split(':');
  // Exactly 5 ":" delimit the 6 parts; a resource id may not contain ":" either.
  if (parts.length !== 6) return undefined;
  const [arn, partition, service, region, accountId, resource] = parts;
  if (arn !== 'arn' || !partition || service !== 'kms' || !region || !accountId || !resource) return undefined;
  const slash = resource.indexOf('/');
  if (slash < 0) return undefined;
  const resourceType = resource.slice(0, slash);
  const resourceId = resource.slice(slash + 1);
  if ((resourceType !== 'key' && resourceType !== 'alias') || !resourceId) return undefined;
  return { partition, service, region, accountId, resourceType, resourceId };
}

export function formatKmsArn(arn: KmsArn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resourceType}/${arn.resourceId}`;
}

/** A valid identifier: an ARN, an alias ("alias/…") or a bare key id. */
export function isValidKmsIdentifier(value: string): boolean {
  if (!value) return false;
  if (value.startsWith('arn:')) return parseKmsArn(value) !== undefined;
  if (value.startsWith('alias/')) return value.length > 'alias/'.length;
  // A key id is the resource id of a key ARN: no ":" and no "/".
  return !value.includes(':') && !value.includes('/');
}

/** Whether a parsed ARN names a multi-Region key (an alias never does, even "alias/mrk-…"). */
export function isMrkArn(arn: KmsArn): boolean {
  return arn.resourceType === 'key' && arn.resourceId.startsWith('mrk-');
}

/** Whether any identifier names a multi-Region key; throws on an invalid ARN. */
export function isMrkIdentifier(identifier: string): boolean {
  if (identifier.startsWith('arn:')) {
    const arn = parseKmsArn(identifier);
    if (!arn) throw new TypeError(`Not a valid AWS KMS ARN: ${identifier}`);
    return isMrkArn(arn);
  }
  if (identifier.startsWith('alias/')) return false;
  return identifier.startsWith('mrk-');
}

/**
 * "AWS KMS MRK Match for Decrypt": identical identifiers match; otherwise both
 * must be multi-Region key ARNs equal in every part except the region.
 */
export function mrkMatchForDecrypt(configured: string, stored: string): boolean {
  if (configured === stored) return true;
  if (!isMrkIdentifier(configured) || !isMrkIdentifier(stored)) return false;
  const a = parseKmsArn(configured);
  const b = parseKmsArn(stored);
  // Two bare mrk- ids that differ, or an id against an ARN: not enough to compare parts.
  if (!a || !b) return false;
  return a.partition === b.partition && a.service === b.service && a.accountId === b.accountId && a.resourceType === b.resourceType && a.resourceId === b.resourceId;
}

/** The ARN with its region replaced (used by MRK-aware discovery). */
export function withRegion(arn: KmsArn, region: string): KmsArn {
  return { ...arn, region };
}
