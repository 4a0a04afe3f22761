/**
 * SecureString values through KMS, called in-process as the caller (so key
 * policies, grants and kms:ViaService apply) with the parameter's ARN as the
 * encryption context, as Parameter Store does: {"PARAMETER_ARN": <arn>}.
 * The default key is the AWS managed key alias/aws/ssm, created on first use.
 */
import { AwsError } from '../../../errors/aws-error.ts';
import type { RequestContext } from '../../../server/context.ts';
import type { InternalClient } from '../../../server/internal-client.ts';
import { invalidKeyId } from '../errors.ts';

export const DEFAULT_KEY_ALIAS = 'alias/aws/ssm';

export interface ParameterKms {
  /** Encrypts under `keyId` (the AWS managed key when undefined); resolves to the base64 ciphertext. */
  encrypt(ctx: RequestContext, keyId: string | undefined, plaintext: string, parameterArn: string): Promise<string>;
  /** Decrypts a base64 ciphertext made by `encrypt` for the same parameter ARN. */
  decrypt(ctx: RequestContext, ciphertext: string, parameterArn: string): Promise<string>;
}

/** What SSM needs of KMS beyond its API: the AWS managed key, made sure of (KmsModel.ensureAwsManagedKey). */
export type EnsureManagedKey = (accountId: string, region: string) => Promise<unknown>;

/** KMS errors that mean "this key cannot be used", reported by SSM as InvalidKeyId. */
const KEY_ERRORS = new Set(['NotFoundException', 'DisabledException', 'KMSInvalidStateException', 'InvalidKeyUsageException', 'InvalidArnException']);

export function internalParameterKms(internal: InternalClient, ensureManagedKey: EnsureManagedKey): ParameterKms {
  const on = (ctx: RequestContext) => ({
    principal: ctx.principal,
    region: ctx.region,
    viaService: `ssm.${ctx.region}.amazonaws.com`,
    requestId: ctx.requestId,
    sourceIp: ctx.sourceIp,
  });
  return {
    async encrypt(ctx, keyId, plaintext, parameterArn) {
      if (keyId === undefined || keyId === DEFAULT_KEY_ALIAS) await ensureManagedKey(ctx.principal.accountId, ctx.region);
      try {
        const output = await internal.call<{ CiphertextBlob: Uint8Array }>(
          'kms',
          'Encrypt',
          { KeyId: keyId ?? DEFAULT_KEY_ALIAS, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: { PARAMETER_ARN: parameterArn } },
          on(ctx),
        );
        return Buffer.from(output.CiphertextBlob).toString('base64');
      } catch (error) {
        if (error instanceof AwsError && KEY_ERRORS.has(error.code)) throw invalidKeyId(error.message);
        throw error;
      }
    },
    async decrypt(ctx, ciphertext, parameterArn) {
      try {
        const output = await internal.call<{ Plaintext: Uint8Array }>(
          'kms',
          'Decrypt',
          { CiphertextBlob: Buffer.from(ciphertext, 'base64'), EncryptionContext: { PARAMETER_ARN: parameterArn } },
          on(ctx),
        );
        return Buffer.from(output.Plaintext).toString('utf8');
      } catch (error) {
        if (error instanceof AwsError && KEY_ERRORS.has(error.code)) throw invalidKeyId(error.message);
        throw error;
      }
    },
  };
}
