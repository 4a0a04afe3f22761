/** The KMS domain's records: no HTTP, no wire shapes beyond the enum names. */
import type { ExpirationModelType, KeyManagerType, KeySpec, KeyState, KeyUsageType, OriginType, RotationType } from '../../../protocol/spec/generated/kms.types.ts';
import type { MultiRegionInfo } from '../multi-region/types.ts';

/** Every KMS resource lives in one account and region. */
export interface KeyScope {
  accountId: string;
  region: string;
}

export interface KeyRecord extends KeyScope {
  keyId: string;
  arn: string;
  description: string;
  keySpec: KeySpec;
  keyUsage: KeyUsageType;
  origin: OriginType;
  keyManager: KeyManagerType;
  keyState: KeyState;
  policy: string;
  createdAt: number;
  /** Set while PendingDeletion: when the key is deleted. */
  deletionDate: number | null;
  rotationEnabled: boolean;
  rotationPeriodDays: number | null;
  nextRotationAt: number | null;
  onDemandRotations: number;
  currentMaterialVersion: number;
  /** Origin EXTERNAL (imports/): set while material is imported. */
  expirationModel?: ExpirationModelType | null;
  /** Origin EXTERNAL: when the imported material expires (KEY_MATERIAL_EXPIRES). */
  validTo?: number | null;
  /** Origin EXTERNAL: the material the key is bound to, once any was imported. */
  importedMaterialId?: string | null;
}

export interface KeyMaterial {
  version: number;
  /** 64 hex characters: the KeyMaterialId AWS reports. */
  materialId: string;
  /**
   * The unsealed material: a 32-byte AES key, an HMAC key, or a PKCS#8 DER
   * private key (asymmetric specs). Never logged, never stored unsealed.
   */
  key: Buffer;
  createdAt: number;
  /** How this version came about; null for the key's first material. */
  rotationType: RotationType | null;
}

/** A key with all its material versions, as the cache holds it. */
export interface LoadedKey {
  record: KeyRecord;
  materials: ReadonlyMap<number, KeyMaterial>;
  /** Multi-Region keys only: primary and replicas. */
  multiRegion?: MultiRegionInfo;
}

export interface AliasRecord extends KeyScope {
  aliasName: string;
  aliasArn: string;
  targetKeyId: string;
  createdAt: number;
  updatedAt: number;
}

/** A page of a listing and the marker of the next one. */
export interface Page<T> {
  items: T[];
  nextMarker?: string;
}

export function currentMaterial(key: LoadedKey): KeyMaterial {
  const material = key.materials.get(key.record.currentMaterialVersion);
  if (!material) throw new Error(`key ${key.record.keyId} has no material version ${key.record.currentMaterialVersion}`);
  return material;
}
