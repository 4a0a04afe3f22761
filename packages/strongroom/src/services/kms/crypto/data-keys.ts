/**
 * Data keys (GenerateDataKey*) and random bytes (GenerateRandom): sizes as
 * AWS defines them, bytes from the OS CSPRNG.
 */
import { randomBytes } from '../../../crypto/primitives.ts';
import type { DataKeySpec } from '../../../protocol/spec/generated/kms.types.ts';
import { validationError } from '../errors.ts';

const DATA_KEY_SPEC_BYTES: Record<DataKeySpec, number> = { AES_128: 16, AES_256: 32 };

/** Exactly one of KeySpec and NumberOfBytes must be given (the model bounds NumberOfBytes to 1–1024). */
export function dataKeyLength(keySpec: DataKeySpec | undefined, numberOfBytes: number | undefined): number {
  if ((keySpec === undefined) === (numberOfBytes === undefined)) {
    throw validationError('Please specify either number of bytes or key spec.');
  }
  return keySpec !== undefined ? DATA_KEY_SPEC_BYTES[keySpec] : numberOfBytes!;
}

export function generateDataKey(length: number): Buffer {
  return randomBytes(length);
}
