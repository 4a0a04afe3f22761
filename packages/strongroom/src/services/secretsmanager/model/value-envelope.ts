/**
 * A version's value at rest: AES-256-GCM under a KMS data key (AAD: the
 * secret ARN and version id), the data key encrypted by KMS, the whole
 * sealed again by the barrier under the row's identity.
 *
 *   payload = JSON { v: 1, kind: "s"|"b", edk, iv, ct, tag } (base64 fields)
 */
import { aesGcmDecrypt, aesGcmEncrypt } from '../../../crypto/primitives.ts';
import { rowAad } from '../../../crypto/barrier/aad.ts';
import type { Barrier } from '../../../crypto/barrier/barrier.ts';
import type { SecretValue } from './types.ts';

export interface OpenedEnvelope {
  encryptedDataKey: Buffer;
  /** Decrypts the value once KMS has returned the data key. */
  decrypt(dataKey: Uint8Array): SecretValue | null;
}

/** The encryption context Secrets Manager passes to KMS. */
export function secretEncryptionContext(arn: string, versionId: string): Record<string, string> {
  return { SecretARN: arn, SecretVersionId: versionId };
}

function valueAad(arn: string, versionId: string): Buffer {
  return Buffer.from(`${arn}\n${versionId}`, 'utf8');
}

function rowAadOf(arn: string, versionId: string): string {
  return rowAad('sm_secret_versions', [arn, versionId], 'value_sealed');
}

export function sealValue(barrier: Barrier, arn: string, versionId: string, value: SecretValue, dataKey: Uint8Array, encryptedDataKey: Uint8Array): Buffer {
  const plaintext = value.string !== undefined ? Buffer.from(value.string, 'utf8') : Buffer.from(value.binary ?? new Uint8Array());
  const sealed = aesGcmEncrypt(dataKey, plaintext, valueAad(arn, versionId));
  const payload = {
    v: 1,
    kind: value.string !== undefined ? 's' : 'b',
    edk: Buffer.from(encryptedDataKey).toString('base64'),
    iv: sealed.iv.toString('base64'),
    ct: sealed.ciphertext.toString('base64'),
    tag: sealed.tag.toString('base64'),
  };
  return barrier.seal(Buffer.from(JSON.stringify(payload), 'utf8'), rowAadOf(arn, versionId));
}

export function openValue(barrier: Barrier, arn: string, versionId: string, sealedRow: Uint8Array): OpenedEnvelope {
  const payload = JSON.parse(barrier.open(sealedRow, rowAadOf(arn, versionId)).toString('utf8')) as Record<string, string | number>;
  if (payload.v !== 1) throw new Error(`unknown secret value envelope version ${String(payload.v)}`);
  const b = (k: string) => Buffer.from(String(payload[k]), 'base64');
  return {
    encryptedDataKey: b('edk'),
    decrypt(dataKey) {
      const plain = aesGcmDecrypt(dataKey, { iv: b('iv'), ciphertext: b('ct'), tag: b('tag') }, valueAad(arn, versionId));
      if (plain === null) return null;
      return payload.kind === 's' ? { string: plain.toString('utf8') } : { binary: new Uint8Array(plain) };
    },
  };
}
