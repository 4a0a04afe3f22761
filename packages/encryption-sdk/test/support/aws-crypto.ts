/** Keyrings of the official @aws-crypto/client-node paired with ours, for interoperability tests. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as aws from '@aws-crypto/client-node';
import type { Keyring } from '../../src/materials.ts';
import { RawAesKeyring } from '../../src/keyrings/raw-aes.ts';
import { RawRsaKeyring, type RsaPadding } from '../../src/keyrings/raw-rsa.ts';

export { aws };

export interface KeyringPair {
  readonly label: string;
  readonly ours: Keyring;
  readonly theirs: aws.KeyringNode;
  /** false when client-node cannot decrypt what this pair wraps on this Node (PKCS#1 v1.5 on Node 20). */
  readonly theirsDecrypts: boolean;
}

const AES_SUITES: Record<number, aws.WrappingSuiteIdentifier> = {
  16: aws.RawAesWrappingSuiteIdentifier.AES128_GCM_IV12_TAG16_NO_PADDING,
  24: aws.RawAesWrappingSuiteIdentifier.AES192_GCM_IV12_TAG16_NO_PADDING,
  32: aws.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
};

export function aesPair(bytes: 16 | 24 | 32): KeyringPair {
  const key = randomBytes(bytes);
  const keyNamespace = 'interop-ns';
  const keyName = `aes-${bytes * 8}`;
  return {
    label: `raw AES-${bytes * 8}`,
    ours: new RawAesKeyring({ keyNamespace, keyName, wrappingKey: key }),
    // utf8Sorting: the spec's order of the encryption context (client-node's raw AES keyring defaults to UTF-16 order).
    theirs: new aws.RawAesKeyringNode({ keyNamespace, keyName, unencryptedMasterKey: new Uint8Array(key), wrappingSuite: AES_SUITES[bytes], utf8Sorting: true }),
    theirsDecrypts: true,
  };
}

let rsaKeys: { publicKey: string; privateKey: string } | undefined;

export function rsaPair(padding: RsaPadding): KeyringPair {
  rsaKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const keyNamespace = 'interop-rsa';
  const keyName = `rsa-${padding}`;
  const theirsPadding = padding === 'pkcs1' ? { padding: 1 /* RSA_PKCS1_PADDING */ } : { padding: 4 /* RSA_PKCS1_OAEP_PADDING */, oaepHash: padding.slice(5) as 'sha1' };
  return {
    label: `raw RSA ${padding}`,
    ours: new RawRsaKeyring({ keyNamespace, keyName, publicKey: rsaKeys.publicKey, privateKey: rsaKeys.privateKey, padding }),
    theirs: new aws.RawRsaKeyringNode({ keyNamespace, keyName, rsaKey: { publicKey: rsaKeys.publicKey, privateKey: rsaKeys.privateKey }, ...theirsPadding }),
    theirsDecrypts: padding !== 'pkcs1',
  };
}
