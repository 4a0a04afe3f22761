/** Shared input checks: names, values, version selection. */
import { randomUuid } from '../../../crypto/primitives.ts';
import { bothValues, invalidParameter, stageNotFound, versionNotFound } from '../errors.ts';
import { AWSCURRENT } from './stages.ts';
import type { SecretValue, VersionRecord } from './types.ts';

const NAME = /^[A-Za-z0-9/_+=.@!-]+$/;

export function assertSecretName(name: string): void {
  if (!NAME.test(name)) throw invalidParameter('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
}

/** The value of a request, or undefined when it carries none; both at once is an error. */
export function valueOf(input: { SecretString?: string; SecretBinary?: Uint8Array }): SecretValue | undefined {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) throw bothValues();
  if (input.SecretString !== undefined) return { string: input.SecretString };
  if (input.SecretBinary !== undefined) return { binary: input.SecretBinary };
  return undefined;
}

export function newVersionId(token: string | undefined): string {
  return token ?? randomUuid();
}

/** The version GetSecretValue reads: by id (and stage, when both are given) or by stage (default AWSCURRENT). */
export function selectVersion(versions: readonly VersionRecord[], versionId: string | undefined, stage: string | undefined): VersionRecord {
  if (versionId !== undefined) {
    const version = versions.find((v) => v.versionId === versionId);
    if (!version || (stage !== undefined && !version.stages.includes(stage))) throw versionNotFound(versionId);
    return version;
  }
  const label = stage ?? AWSCURRENT;
  const version = versions.find((v) => v.stages.includes(label));
  if (!version) throw stageNotFound(label);
  return version;
}

/** Offset pagination tokens for listings (opaque to callers). */
export function encodeToken(offset: number): string {
  return Buffer.from(`sm1:${offset}`, 'utf8').toString('base64url');
}

export function decodeToken(token: string | undefined, invalid: () => Error): number {
  if (token === undefined) return 0;
  const match = /^sm1:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw invalid();
  return Number(match[1]);
}
