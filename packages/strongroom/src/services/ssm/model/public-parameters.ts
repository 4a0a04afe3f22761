/**
 * A small, documented set of AWS public parameters under /aws/service/, so
 * code that looks them up works offline. The AMI ids are placeholders
 * (stable per region and name, shaped like real ids), not real images; the
 * region list answers /aws/service/global-infrastructure/… lookups.
 */
import { sha256Hex } from '../../../crypto/primitives.ts';
import type { Parameter } from '../../../protocol/spec/generated/ssm.types.ts';

export const PUBLIC_PREFIX = '/aws/service/';
const PUBLISHED = new Date('2025-01-01T00:00:00Z');

const AMI_NAMES = [
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-minimal-kernel-default-x86_64',
  '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2',
  '/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-x86_64-gp2',
];

function table(region: string): Map<string, { value: string; dataType: string }> {
  const entries = new Map<string, { value: string; dataType: string }>();
  for (const name of AMI_NAMES) entries.set(name, { value: `ami-${sha256Hex(`${region}\n${name}`).slice(0, 17)}`, dataType: 'aws:ec2:image' });
  entries.set(`/aws/service/global-infrastructure/regions/${region}`, { value: region, dataType: 'text' });
  entries.set(`/aws/service/global-infrastructure/current-region`, { value: region, dataType: 'text' });
  return entries;
}

export function isPublicName(name: string): boolean {
  return name.startsWith(PUBLIC_PREFIX);
}

function toParameter(region: string, name: string, entry: { value: string; dataType: string }): Parameter {
  return {
    Name: name,
    Type: 'String',
    Value: entry.value,
    Version: 1,
    LastModifiedDate: PUBLISHED,
    // Public parameters belong to no account.
    ARN: `arn:aws:ssm:${region}::parameter${name}`,
    DataType: entry.dataType,
  };
}

export function publicParameter(region: string, name: string): Parameter | undefined {
  const entry = table(region).get(name);
  return entry ? toParameter(region, name, entry) : undefined;
}

/** The public parameters under `path` (one level or recursive), by name, after `after`. */
export function publicParametersByPath(region: string, path: string, recursive: boolean, after: string | undefined): Parameter[] {
  const prefix = `${path}/`;
  return [...table(region)]
    .filter(([name]) => name.startsWith(prefix) && (recursive || !name.slice(prefix.length).includes('/')) && (after === undefined || name > after))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, entry]) => toParameter(region, name, entry));
}
