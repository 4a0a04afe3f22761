/**
 * The KMS service definition: the generated model plus one handler per
 * implemented operation, all sharing one KmsModel (repositories and the key
 * cache). The composition root creates the model and hands it to the
 * scheduler (purgeDueDeletions, rotateDueKeys) and to services that need
 * AWS managed keys (ensureAwsManagedKey).
 */
import { kmsSpec } from '../../protocol/spec/generated/kms.spec.ts';
import type { ServiceDefinition } from '../../protocol/types.ts';
import type { KmsModel } from './model/kms-model.ts';
import { cancelKeyDeletion } from './operations/cancel-key-deletion.ts';
import { createAlias } from './operations/create-alias.ts';
import { createKey } from './operations/create-key.ts';
import { decrypt } from './operations/decrypt.ts';
import { deleteAlias } from './operations/delete-alias.ts';
import { describeKey } from './operations/describe-key.ts';
import { disableKeyRotation } from './operations/disable-key-rotation.ts';
import { disableKey } from './operations/disable-key.ts';
import { enableKeyRotation } from './operations/enable-key-rotation.ts';
import { enableKey } from './operations/enable-key.ts';
import { encrypt } from './operations/encrypt.ts';
import { generateDataKeyWithoutPlaintext } from './operations/generate-data-key-without-plaintext.ts';
import { generateDataKey } from './operations/generate-data-key.ts';
import { generateRandom } from './operations/generate-random.ts';
import { getKeyPolicy } from './operations/get-key-policy.ts';
import { getKeyRotationStatus } from './operations/get-key-rotation-status.ts';
import { listAliases } from './operations/list-aliases.ts';
import { listKeyPolicies } from './operations/list-key-policies.ts';
import { listKeyRotations } from './operations/list-key-rotations.ts';
import { listKeys } from './operations/list-keys.ts';
import { listResourceTags } from './operations/list-resource-tags.ts';
import { putKeyPolicy } from './operations/put-key-policy.ts';
import { reEncrypt } from './operations/re-encrypt.ts';
import { rotateKeyOnDemand } from './operations/rotate-key-on-demand.ts';
import { scheduleKeyDeletion } from './operations/schedule-key-deletion.ts';
import { tagResource } from './operations/tag-resource.ts';
import { untagResource } from './operations/untag-resource.ts';
import { updateAlias } from './operations/update-alias.ts';
import { updateKeyDescription } from './operations/update-key-description.ts';
import { createGrant } from './operations/create-grant.ts';
import { listGrants } from './operations/list-grants.ts';
import { listRetirableGrants } from './operations/list-retirable-grants.ts';
import { retireGrant } from './operations/retire-grant.ts';
import { revokeGrant } from './operations/revoke-grant.ts';
import { replicateKey } from './operations/replicate-key.ts';
import { updatePrimaryRegion } from './operations/update-primary-region.ts';
import { getPublicKey } from './operations/get-public-key.ts';
import { sign } from './operations/sign.ts';
import { verify } from './operations/verify.ts';
import { generateDataKeyPair } from './operations/generate-data-key-pair.ts';
import { generateDataKeyPairWithoutPlaintext } from './operations/generate-data-key-pair-without-plaintext.ts';
import { generateMac } from './operations/generate-mac.ts';
import { verifyMac } from './operations/verify-mac.ts';
import { deriveSharedSecret } from './operations/derive-shared-secret.ts';
import { KmsGrants } from './grants/kms-grants.ts';
import { getParametersForImport } from './operations/get-parameters-for-import.ts';
import { importKeyMaterial } from './operations/import-key-material.ts';
import { deleteImportedKeyMaterial } from './operations/delete-imported-key-material.ts';
import { kmsAuthz } from './authz.ts';

export { KmsModel, type Caller, type KmsModelOptions } from './model/kms-model.ts';
export { KEY_CACHE_TOPIC, keyCacheId, parseKeyCacheId } from './model/key-cache.ts';

export interface KmsServiceDeps {
  kms: KmsModel;
}

export function kmsService({ kms }: KmsServiceDeps): ServiceDefinition {
  const grants = new KmsGrants(kms.store);
  return {
    spec: kmsSpec,
    handlers: {
      CreateKey: createKey(kms),
      DescribeKey: describeKey(kms),
      ListKeys: listKeys(kms),
      UpdateKeyDescription: updateKeyDescription(kms),
      EnableKey: enableKey(kms),
      DisableKey: disableKey(kms),
      ScheduleKeyDeletion: scheduleKeyDeletion(kms),
      CancelKeyDeletion: cancelKeyDeletion(kms),
      CreateAlias: createAlias(kms),
      UpdateAlias: updateAlias(kms),
      DeleteAlias: deleteAlias(kms),
      ListAliases: listAliases(kms),
      Encrypt: encrypt(kms),
      Decrypt: decrypt(kms),
      ReEncrypt: reEncrypt(kms),
      GenerateDataKey: generateDataKey(kms),
      GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext(kms),
      GenerateRandom: generateRandom(),
      EnableKeyRotation: enableKeyRotation(kms),
      DisableKeyRotation: disableKeyRotation(kms),
      GetKeyRotationStatus: getKeyRotationStatus(kms),
      RotateKeyOnDemand: rotateKeyOnDemand(kms),
      ListKeyRotations: listKeyRotations(kms),
      TagResource: tagResource(kms),
      UntagResource: untagResource(kms),
      ListResourceTags: listResourceTags(kms),
      GetKeyPolicy: getKeyPolicy(kms),
      PutKeyPolicy: putKeyPolicy(kms),
      ListKeyPolicies: listKeyPolicies(kms),
      CreateGrant: createGrant(kms, grants),
      ListGrants: listGrants(kms, grants),
      ListRetirableGrants: listRetirableGrants(grants),
      RetireGrant: retireGrant(kms, grants),
      RevokeGrant: revokeGrant(kms, grants),
      ReplicateKey: replicateKey(kms),
      UpdatePrimaryRegion: updatePrimaryRegion(kms),
      GetPublicKey: getPublicKey(kms),
      Sign: sign(kms),
      Verify: verify(kms),
      GenerateDataKeyPair: generateDataKeyPair(kms),
      GenerateDataKeyPairWithoutPlaintext: generateDataKeyPairWithoutPlaintext(kms),
      GenerateMac: generateMac(kms),
      VerifyMac: verifyMac(kms),
      DeriveSharedSecret: deriveSharedSecret(kms),
      GetParametersForImport: getParametersForImport(kms),
      ImportKeyMaterial: importKeyMaterial(kms),
      DeleteImportedKeyMaterial: deleteImportedKeyMaterial(kms),
    },
    authz: kmsAuthz(kms, grants),
  };
}
