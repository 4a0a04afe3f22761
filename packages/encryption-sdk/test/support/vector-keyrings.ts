/** Builds keyrings/CMMs from the test-vector key descriptions (TVF keys manifest, decrypt manifests v4 and v5). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CryptographicMaterialsManager, Keyring } from '../../src/materials.ts';
import { RawAesKeyring } from '../../src/keyrings/raw-aes.ts';
import { RawRsaKeyring, type RsaPadding } from '../../src/keyrings/raw-rsa.ts';
import { MultiKeyring } from '../../src/keyrings/multi.ts';
import { RequiredEncryptionContextCmm } from '../../src/cmm/required-encryption-context-cmm.ts';

export interface VectorKey {
  type: string;
  'key-id'?: string;
  encoding?: string;
  material?: string | string[];
  'line-separator'?: string;
}

export interface KeyDescription {
  type: string;
  key?: string;
  'provider-id'?: string;
  'encryption-algorithm'?: string;
  'padding-algorithm'?: string;
  'padding-hash'?: string;
  generator?: KeyDescription;
  childKeyrings?: KeyDescription[];
  underlying?: KeyDescription;
  requiredEncryptionContextKeys?: string[];
}

export function loadKeys(dir: string): Record<string, VectorKey> {
  return JSON.parse(readFileSync(path.join(dir, 'keys.json'), 'utf8')).keys;
}

function material(key: VectorKey): string {
  return Array.isArray(key.material) ? key.material.join(key['line-separator'] ?? '\n') : key.material!;
}

function rsaPadding(description: KeyDescription): RsaPadding {
  if (description['padding-algorithm'] === 'pkcs1') return 'pkcs1';
  return `oaep-${description['padding-hash']}` as RsaPadding;
}

/** A raw keyring; undefined when the description cannot decrypt (an RSA public key). */
export function rawKeyring(keys: Record<string, VectorKey>, description: KeyDescription): Keyring | undefined {
  const key = keys[description.key!];
  if (!key) throw new Error(`unknown key ${description.key}`);
  const keyName = key['key-id'] ?? description.key!;
  const keyNamespace = description['provider-id']!;
  if (description['encryption-algorithm'] === 'aes') {
    return new RawAesKeyring({ keyNamespace, keyName, wrappingKey: Buffer.from(material(key), 'base64') });
  }
  if (description['encryption-algorithm'] === 'rsa') {
    if (key.type !== 'private') return undefined;
    return new RawRsaKeyring({ keyNamespace, keyName, privateKey: material(key), padding: rsaPadding(description) });
  }
  throw new Error(`unsupported key description ${JSON.stringify(description)}`);
}

/** A keyring or CMM for a v5 decryptKeyDescription. */
export function fromDescription(keys: Record<string, VectorKey>, description: KeyDescription): Keyring | CryptographicMaterialsManager {
  switch (description.type) {
    case 'raw': {
      const keyring = rawKeyring(keys, description);
      if (!keyring) throw new Error('the description names a key that cannot decrypt');
      return keyring;
    }
    case 'multi-keyring':
      return new MultiKeyring({
        ...(description.generator ? { generator: fromDescription(keys, description.generator) as Keyring } : {}),
        children: (description.childKeyrings ?? []).map((child) => fromDescription(keys, child) as Keyring),
      });
    case 'required-encryption-context-cmm': {
      const underlying = fromDescription(keys, description.underlying!);
      return new RequiredEncryptionContextCmm({
        requiredEncryptionContextKeys: description.requiredEncryptionContextKeys ?? [],
        ...('onDecrypt' in underlying ? { keyring: underlying } : { underlying }),
      });
    }
    default:
      throw new Error(`unsupported key description type ${description.type}`);
  }
}

/** A v4 master-key list: try each key that can decrypt (a multi-keyring of children). */
export function fromMasterKeys(keys: Record<string, VectorKey>, masterKeys: KeyDescription[]): Keyring {
  const keyrings = masterKeys.map((description) => rawKeyring(keys, description)).filter((keyring): keyring is Keyring => keyring !== undefined);
  return keyrings.length === 1 ? keyrings[0] : new MultiKeyring({ children: keyrings });
}
