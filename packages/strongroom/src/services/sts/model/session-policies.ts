/**
 * Session policies passed to AssumeRole: an inline policy (validated like
 * any identity policy, with IAM's MalformedPolicyDocument messages) and up
 * to ten managed policy ARNs. They are stored with the session and limit it:
 * its permissions are the intersection of the role's policies and these.
 *
 * AWS packs policies and tags into a binary form and reports how much of its
 * budget they use (PackedPolicySize, a percentage). Strongroom's estimate
 * counts the characters IAM counts (white space excluded) against the
 * 2,048-character session policy quota.
 */
import { iamPolicySize, parsePolicy, POLICY_SIZE_LIMITS } from '../../../iam/policy/index.ts';
import type { PolicyDescriptorType } from '../../../protocol/spec/generated/sts.types.ts';
import { packedPolicyTooLarge, validationError } from '../errors.ts';

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy\/[\x21-\x7e]+$/;

export interface SessionPolicies {
  policy?: string;
  policyArns: string[];
}

export function validateSessionPolicies(policy: string | undefined, descriptors: readonly PolicyDescriptorType[] = []): SessionPolicies {
  if (descriptors.length > POLICY_SIZE_LIMITS.sessionPolicyArns) {
    throw validationError(
      `1 validation error detected: Value '[${descriptors.map((d) => `PolicyDescriptorType(arn=${d.arn ?? ''})`).join(', ')}]' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${POLICY_SIZE_LIMITS.sessionPolicyArns}`,
    );
  }
  const policyArns: string[] = [];
  for (const descriptor of descriptors) {
    const arn = descriptor.arn;
    if (arn === undefined) continue;
    if (!POLICY_ARN.test(arn)) throw validationError(`${arn} is invalid`);
    if (!policyArns.includes(arn)) policyArns.push(arn);
  }
  if (policy !== undefined) parsePolicy(policy, { kind: 'identity' });
  return policy === undefined ? { policyArns } : { policy, policyArns };
}

/** The share of the packed budget the session policies and tags use, in whole percent; PackedPolicyTooLarge above 100. */
export function packedPolicySize(policies: SessionPolicies, tags: Readonly<Record<string, string>>, transitiveTagKeys: readonly string[]): number {
  let used = policies.policy === undefined ? 0 : iamPolicySize(policies.policy);
  for (const arn of policies.policyArns) used += arn.length;
  for (const [key, value] of Object.entries(tags)) used += key.length + value.length;
  for (const key of transitiveTagKeys) used += key.length;
  const percent = Math.ceil((used * 100) / POLICY_SIZE_LIMITS.sessionPolicy);
  if (percent > 100) throw packedPolicyTooLarge(percent);
  return percent;
}
