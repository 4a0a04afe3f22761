/**
 * Key policies: the default policy CreateKey writes, the policy of AWS
 * managed keys, and the checks PutKeyPolicy makes before storing a policy
 * verbatim. Evaluation belongs to IAM.
 */
import { malformedPolicy } from '../errors.ts';

export const DEFAULT_POLICY_NAME = 'default';
/** AWS's key policy document size quota. */
export const MAX_KEY_POLICY_BYTES = 32 * 1024;

/** The policy AWS writes when CreateKey has no Policy: the account root may do everything, which delegates to IAM. */
export function defaultKeyPolicy(accountId: string): string {
  return jacksonPretty({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
}

/** The policy of an AWS managed key: use through the owning service for the account's principals, read access for the account. */
export function awsManagedKeyPolicy(accountId: string, region: string, service: string, serviceName: string): string {
  return jacksonPretty({
    Version: '2012-10-17',
    Id: `auto-${service}-1`,
    Statement: [
      {
        Sid: `Allow access through ${serviceName} for all principals in the account that are authorized to use ${serviceName}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
        Resource: '*',
      },
    ],
  });
}

/** Throws MalformedPolicyDocumentException unless `policy` is a JSON object within the size quota. */
export function validateKeyPolicy(policy: string): void {
  if (Buffer.byteLength(policy, 'utf8') > MAX_KEY_POLICY_BYTES) {
    throw malformedPolicy(`The key policy exceeds the maximum size of ${MAX_KEY_POLICY_BYTES} bytes.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw malformedPolicy();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformedPolicy();
}

/** JSON the way AWS prints the policies it writes (Jackson's default pretty printer). */
export function jacksonPretty(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => jacksonPretty(v, indent)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${jacksonPretty(v, inner)}`).join(',\n');
    return `{\n${body}\n${indent}}`;
  }
  return JSON.stringify(value);
}
