/** GetRandomPassword: a password from the CSPRNG with AWS's options. */
import type { GetRandomPasswordRequest, GetRandomPasswordResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { randomPassword } from '../model/password.ts';

export function getRandomPassword(): OperationHandler<GetRandomPasswordRequest, GetRandomPasswordResponse> {
  return async (_ctx, input) => ({ RandomPassword: randomPassword(input) });
}
