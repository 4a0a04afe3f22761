/** Which CreateKey origins Strongroom accepts besides AWS_KMS: EXTERNAL for symmetric encryption keys. */
import type { OriginType } from '../../../protocol/spec/generated/kms.types.ts';
import { unsupportedOperation } from '../errors.ts';
import type { KeySpecProfile } from '../model/key-specs.ts';

export function assertImportableOrigin(origin: OriginType, profile: KeySpecProfile): void {
  if (origin !== 'EXTERNAL') throw unsupportedOperation(`Origin ${origin} is not supported by Strongroom yet.`);
  if (profile.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw unsupportedOperation(`Importing key material for KeySpec ${profile.keySpec} is not supported by Strongroom yet.`);
  }
}
