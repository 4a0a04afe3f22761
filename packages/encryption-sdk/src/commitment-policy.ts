/** The commitment policies by name, a value and a type like @aws-crypto's CommitmentPolicy enum. */
import type { CommitmentPolicy as Policy } from './materials.ts';

export const CommitmentPolicy = Object.freeze({
  FORBID_ENCRYPT_ALLOW_DECRYPT: 'FORBID_ENCRYPT_ALLOW_DECRYPT',
  REQUIRE_ENCRYPT_ALLOW_DECRYPT: 'REQUIRE_ENCRYPT_ALLOW_DECRYPT',
  REQUIRE_ENCRYPT_REQUIRE_DECRYPT: 'REQUIRE_ENCRYPT_REQUIRE_DECRYPT',
} as const satisfies Record<Policy, Policy>);

export type CommitmentPolicy = Policy;
