/** KMS GenerateRandom: 1–1024 random bytes from the OS CSPRNG. */
import { CustomKeyStoreNotFoundException } from '../../../protocol/spec/generated/kms.errors.ts';
import type { GenerateRandomRequest, GenerateRandomResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { generateDataKey } from '../crypto/data-keys.ts';
import { unsupportedOperation, validationError } from '../errors.ts';

export function generateRandom(): OperationHandler<GenerateRandomRequest, GenerateRandomResponse> {
  return (_ctx, input) => {
    if (input.NumberOfBytes === undefined) throw validationError('NumberOfBytes is required.');
    if (input.CustomKeyStoreId !== undefined) throw new CustomKeyStoreNotFoundException('');
    if (input.Recipient !== undefined) throw unsupportedOperation('Recipient (Nitro Enclaves attestation) is not supported by Strongroom.');
    return { Plaintext: generateDataKey(input.NumberOfBytes) };
  };
}
