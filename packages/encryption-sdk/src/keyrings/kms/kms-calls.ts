/**
 * The three KMS calls the keyrings make, through the caller's own
 * `@aws-sdk/client-kms` KMSClient (ours or AWS's endpoint alike).
 *
 * The package only imports client-kms's types statically. The command classes
 * are loaded on first use with a dynamic import, which resolves to the same
 * installation the caller built their KMSClient from (an optional peer
 * dependency): using the Encryption SDK without KMS never loads the AWS SDK.
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import type { EncryptionContext } from '../../materials.ts';

type ClientKmsModule = typeof import('@aws-sdk/client-kms');

let commands: Promise<ClientKmsModule> | undefined;

function loadCommands(): Promise<ClientKmsModule> {
  commands ??= import('@aws-sdk/client-kms').catch((error: unknown) => {
    commands = undefined;
    throw new Error('The KMS keyrings need the @aws-sdk/client-kms package; install it next to @strongroom/encryption-sdk', { cause: error });
  });
  return commands;
}

export interface KmsCallOptions {
  readonly grantTokens?: readonly string[];
}

function grantTokens(options: KmsCallOptions): string[] | undefined {
  return options.grantTokens && options.grantTokens.length > 0 ? [...options.grantTokens] : undefined;
}

function context(encryptionContext: EncryptionContext): Record<string, string> | undefined {
  // KMS treats an absent and an empty context alike; send none rather than {}.
  return Object.keys(encryptionContext).length > 0 ? { ...encryptionContext } : undefined;
}

export interface KmsWrapResult {
  /** Always a key ARN (KMS resolves aliases and key ids). */
  readonly keyId: string | undefined;
  readonly ciphertextBlob: Uint8Array | undefined;
}

export async function kmsGenerateDataKey(
  client: KMSClient,
  keyId: string,
  numberOfBytes: number,
  encryptionContext: EncryptionContext,
  options: KmsCallOptions,
): Promise<KmsWrapResult & { readonly plaintext: Uint8Array | undefined }> {
  const { GenerateDataKeyCommand } = await loadCommands();
  const out = await client.send(
    new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: numberOfBytes, EncryptionContext: context(encryptionContext), GrantTokens: grantTokens(options) }),
  );
  return { keyId: out.KeyId, ciphertextBlob: out.CiphertextBlob, plaintext: out.Plaintext };
}

export async function kmsEncrypt(
  client: KMSClient,
  keyId: string,
  plaintext: Uint8Array,
  encryptionContext: EncryptionContext,
  options: KmsCallOptions,
): Promise<KmsWrapResult> {
  const { EncryptCommand } = await loadCommands();
  const out = await client.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context(encryptionContext), GrantTokens: grantTokens(options) }),
  );
  return { keyId: out.KeyId, ciphertextBlob: out.CiphertextBlob };
}

export async function kmsDecrypt(
  client: KMSClient,
  keyId: string,
  ciphertextBlob: Uint8Array,
  encryptionContext: EncryptionContext,
  options: KmsCallOptions,
): Promise<{ readonly keyId: string | undefined; readonly plaintext: Uint8Array | undefined }> {
  const { DecryptCommand } = await loadCommands();
  const out = await client.send(
    new DecryptCommand({ KeyId: keyId, CiphertextBlob: ciphertextBlob, EncryptionContext: context(encryptionContext), GrantTokens: grantTokens(options) }),
  );
  return { keyId: out.KeyId, plaintext: out.Plaintext };
}
