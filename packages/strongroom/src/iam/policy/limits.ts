/**
 * AWS's policy size quotas. Enforcing them is the callers' job (the error
 * differs per API: IAM LimitExceeded, STS PackedPolicyTooLarge, KMS
 * LimitExceededException); the numbers live here so they agree.
 *
 * Sources: IAM User Guide "IAM and AWS STS quotas" (inline sizes are the
 * aggregate of all inline policies of one entity; IAM does not count white
 * space), KMS Developer Guide "Key policy format" (32 KiB).
 */
export const POLICY_SIZE_LIMITS = {
  /** Customer managed policy (and each version of it), non-white-space characters. */
  managedPolicy: 6144,
  /** Sum of all inline policies of one IAM user. */
  inlineUserPolicies: 2048,
  /** Sum of all inline policies of one IAM role. */
  inlineRolePolicies: 10240,
  /** Sum of all inline policies of one IAM group. */
  inlineGroupPolicies: 5120,
  /** Role trust policy, default quota (adjustable up to roleTrustPolicyMax). */
  roleTrustPolicy: 2048,
  roleTrustPolicyMax: 4096,
  /** Inline session policy passed to AssumeRole & co (characters). */
  sessionPolicy: 2048,
  /** Managed session policies (PolicyArns) per AssumeRole call. */
  sessionPolicyArns: 10,
  /** KMS key policy, in bytes. */
  kmsKeyPolicy: 32768,
  /** Secrets Manager resource policy (service model maximum). */
  secretResourcePolicy: 20480,
} as const;

/** The size IAM counts against its quotas: characters other than white space. */
export function iamPolicySize(document: string): number {
  let size = 0;
  for (let i = 0; i < document.length; i++) {
    const c = document.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) size++;
  }
  return size;
}
