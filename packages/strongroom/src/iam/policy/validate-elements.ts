/**
 * Format checks on single policy values — action names, resource ARNs,
 * condition keys and principals — each returning IAM's MalformedPolicyDocument
 * message, or undefined when the value is acceptable.
 */
import { POLICY_MESSAGES as M } from './errors.ts';

const VENDOR_CHARS = /^[a-zA-Z0-9.-]+$/;
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', '*']);
const IAM_RESOURCE_PREFIXES = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];

export function actionError(action: string): string | undefined {
  if (action === '*') return undefined;
  const parts = action.split(':');
  if (parts.length === 1) return M.vendorMissing;
  if (parts.length > 2) return M.actionColons;
  const vendor = parts[0];
  if (vendor.includes('*') || vendor.includes('?')) return M.vendorWildcard;
  if (!VENDOR_CHARS.test(vendor)) return M.vendorInvalid(vendor);
  return undefined;
}

export function conditionKeyError(key: string): string | undefined {
  const colon = key.indexOf(':');
  return colon <= 0 ? M.vendorMissing : undefined;
}

/** IAM's "legacy parser" rejects ARNs that use "::" but have fewer than six parts. */
export function resourceFailsLegacyParsing(resource: string): boolean {
  if (resource === '*') return false;
  const colons = resource.split(':').length - 1;
  if (colons < 5 && resource.includes('::')) return true;
  return resource.split(':')[2] === '';
}

export function resourceError(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const parts = resource.split(':');
  if (parts.length === 1) return M.resourceNotArn(resource);
  if (parts.length === 2) return M.resourceVendor;
  const partition = parts[1];
  if (!PARTITIONS.has(partition)) {
    const rest = parts.slice(2);
    const a = rest[0] !== '' || rest.length > 1 ? rest[0] : '*';
    const b = rest.length > 1 ? rest[1] : '*';
    const c = rest.length > 2 ? rest[2] : '*';
    const d = rest.length > 3 ? rest.slice(3).join(':') : '*';
    return M.partitionInvalid(partition, `${a}:${b}:${c}:${d}`);
  }
  const service = parts[2];
  if (service.includes('*') || service.includes('?')) return M.resourceVendor;
  const region = parts[3] ?? '';
  if (service === 'iam' && region !== '') return M.iamRegion(resource);
  if (service === 's3' && region !== '') return M.s3Region(resource);
  if (service === 'iam' && parts.length >= 6) {
    const path = parts.slice(5).join(':');
    if (!path.startsWith('*') && !IAM_RESOURCE_PREFIXES.some((p) => path.startsWith(p))) {
      return M.iamPath(IAM_RESOURCE_PREFIXES.join(', '));
    }
  }
  return undefined;
}

const AWS_PRINCIPAL_ARN = /^arn:[a-z-]+:(iam|sts)::\d{12}:[^*?]+$/;
const UNIQUE_ID = /^A[A-Z0-9]{3}[A-Z0-9]{12,124}$/;

/** A value in Principal/NotPrincipal; `type` is the key (AWS, Service, …). */
export function principalValueError(type: string, value: string): string | undefined {
  switch (type) {
    case 'AWS':
      if (value === '*' || /^\d{12}$/.test(value) || AWS_PRINCIPAL_ARN.test(value) || UNIQUE_ID.test(value)) return undefined;
      return M.principalInvalid(type, value);
    case 'Service':
    case 'Federated':
    case 'CanonicalUser':
      if (value === '*' || (value.length > 0 && !value.includes('*') && !value.includes('?'))) return undefined;
      return M.principalInvalid(type, value);
    default:
      return M.principalInvalid(type, value);
  }
}
