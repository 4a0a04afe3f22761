/**
 * Validation failures carry IAM's MalformedPolicyDocument wording. Services
 * with their own error code (KMS: MalformedPolicyDocumentException) rethrow
 * with the same message; `reason` is for code, the message for people.
 */
import { AwsError } from '../../errors/aws-error.ts';

export type PolicyErrorReason =
  | 'syntax'
  | 'version'
  | 'legacy-parsing'
  | 'principal-forbidden'
  | 'principal-missing'
  | 'principal-invalid'
  | 'resource-forbidden'
  | 'sid-duplicate'
  | 'sid-invalid'
  | 'actions-missing'
  | 'resources-missing'
  | 'resource-format'
  | 'action-format'
  | 'trust-action';

export class PolicyValidationError extends AwsError {
  readonly reason: PolicyErrorReason;

  constructor(reason: PolicyErrorReason, message: string) {
    super('MalformedPolicyDocument', message, 400);
    this.reason = reason;
  }
}

/** IAM's wording for each failure (as the IAM API returns it). */
export const POLICY_MESSAGES = {
  syntax: 'Syntax errors in policy.',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacyParsing: 'The policy failed legacy parsing',
  principalForbidden: 'Policy document should not specify a principal.',
  principalMissing: 'Missing required field Principal',
  sidDuplicate: 'Statement IDs (SID) in a single policy must be unique.',
  sidInvalid: 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  actionsMissing: 'Policy statement must contain actions.',
  resourcesMissing: 'Policy statement must contain resources.',
  vendorMissing: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  actionColons: 'Actions/Condition can contain only one colon.',
  vendorWildcard: 'Action vendors (e.g., aws, ec2, etc.) must not contain wildcards',
  resourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
  trustActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
  prohibitedField: (field: string) => `Has prohibited field ${field}`,
  vendorInvalid: (vendor: string) => `Vendor ${vendor} is not valid`,
  resourceNotArn: (resource: string) => `Resource ${resource} must be in ARN format or "*".`,
  partitionInvalid: (partition: string, rest: string) => `Partition "${partition}" is not valid for resource "arn:${partition}:${rest}".`,
  iamRegion: (resource: string) => `IAM resource ${resource} cannot contain region information.`,
  s3Region: (resource: string) => `Resource ${resource} can not contain region information.`,
  iamPath: (prefixes: string) => `IAM resource path must either be "*" or start with ${prefixes}.`,
  principalInvalid: (type: string, value: string) => `Invalid principal in policy: "${type}":"${value}"`,
} as const;
