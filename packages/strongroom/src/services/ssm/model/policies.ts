/**
 * Parameter policies (Advanced tier only): a JSON array of Expiration,
 * ExpirationNotification and NoChangeNotification policies. They are
 * validated and stored; an Expiration policy's Timestamp becomes the
 * parameter's `expires_at`, which the scheduler's sweep acts on (the
 * notification policies have nowhere to notify yet).
 */
import { InvalidPolicyAttributeException, InvalidPolicyTypeException, PoliciesLimitExceededException } from '../../../protocol/spec/generated/ssm.errors.ts';
import type { ParameterInlinePolicy } from '../../../protocol/spec/generated/ssm.types.ts';

const TYPES = new Set(['Expiration', 'ExpirationNotification', 'NoChangeNotification']);

export interface ParsedPolicies {
  /** Normalized JSON, as stored. */
  json: string;
  /** Epoch ms of the Expiration policy, if there is one. */
  expiresAt?: number;
}

/** The policies, or undefined for none; throws AWS's errors for malformed ones. */
export function parsePolicies(text: string | undefined, now: number): ParsedPolicies | undefined {
  if (text === undefined || text.trim() === '' || text.trim() === '[]') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidPolicyAttributeException('Invalid policy format. The policies must be a JSON array.');
  }
  if (!Array.isArray(parsed)) throw new InvalidPolicyAttributeException('Invalid policy format. The policies must be a JSON array.');
  if (parsed.length > 10) throw new PoliciesLimitExceededException('A parameter can have a maximum of 10 policies.');
  for (const policy of parsed as Array<Record<string, unknown>>) {
    if (typeof policy !== 'object' || policy === null || !TYPES.has(String(policy.Type))) {
      throw new InvalidPolicyTypeException(`The following policy type is not valid: ${String((policy as { Type?: unknown })?.Type)}. Valid policy types include: [Expiration, ExpirationNotification, NoChangeNotification].`);
    }
    if (typeof policy.Attributes !== 'object' || policy.Attributes === null) {
      throw new InvalidPolicyAttributeException(`The ${String(policy.Type)} policy requires Attributes.`);
    }
  }
  const result: ParsedPolicies = { json: JSON.stringify(parsed) };
  const expiration = (parsed as Array<{ Type: string; Attributes: Record<string, unknown> }>).find((p) => p.Type === 'Expiration');
  if (expiration) {
    const timestamp = Date.parse(String(expiration.Attributes.Timestamp));
    if (!Number.isFinite(timestamp)) throw new InvalidPolicyAttributeException('The Expiration policy needs a Timestamp attribute in ISO 8601 format, for example 2030-12-02T21:34:33.000Z.');
    if (timestamp <= now) throw new InvalidPolicyAttributeException('The Expiration policy Timestamp must be in the future.');
    result.expiresAt = timestamp;
  }
  return result;
}

/** The Expiration time of stored policies. */
export function expirationOf(stored: string | null): number | null {
  if (stored === null) return null;
  const expiration = (JSON.parse(stored) as Array<{ Type: string; Attributes: Record<string, unknown> }>).find((p) => p.Type === 'Expiration');
  const timestamp = expiration ? Date.parse(String(expiration.Attributes.Timestamp)) : NaN;
  return Number.isFinite(timestamp) ? timestamp : null;
}

/** Stored policies as DescribeParameters and GetParameterHistory return them. */
export function inlinePolicies(stored: string | null): ParameterInlinePolicy[] | undefined {
  if (stored === null) return undefined;
  return (JSON.parse(stored) as Array<Record<string, unknown>>).map((policy) => ({
    PolicyText: JSON.stringify(policy),
    PolicyType: String(policy.Type),
    PolicyStatus: 'Pending',
  }));
}
