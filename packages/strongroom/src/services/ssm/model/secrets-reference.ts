/**
 * `/aws/reference/secretsmanager/<secret-id>[:<stage or version id>]`:
 * GetParameter(s) answered from Secrets Manager, called in-process as the
 * caller (so secretsmanager:GetSecretValue and the secret's KMS key are
 * authorized too). As on AWS, WithDecryption must be true, the parameter is
 * a SecureString of version 0, and SourceResult carries Secrets Manager's
 * answer.
 */
import { AwsError } from '../../../errors/aws-error.ts';
import type { Parameter } from '../../../protocol/spec/generated/ssm.types.ts';
import type { RequestContext } from '../../../server/context.ts';
import type { InternalClient } from '../../../server/internal-client.ts';
import { parameterNotFound, validation } from '../errors.ts';
import { parameterArn } from './names.ts';

export const SECRETS_REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

export interface SecretValue {
  ARN?: string;
  Name?: string;
  VersionId?: string;
  SecretString?: string;
  SecretBinary?: Uint8Array;
  VersionStages?: string[];
  CreatedDate?: Date;
}

/** Reads a secret as the caller; undefined when Secrets Manager is not available. */
export type SecretReader = (ctx: RequestContext, request: { SecretId: string; VersionId?: string; VersionStage?: string }) => Promise<SecretValue>;

export function internalSecretReader(internal: InternalClient): SecretReader {
  return (ctx, request) =>
    internal.call<SecretValue>('secretsmanager', 'GetSecretValue', request, {
      principal: ctx.principal,
      region: ctx.region,
      viaService: `ssm.${ctx.region}.amazonaws.com`,
      requestId: ctx.requestId,
      sourceIp: ctx.sourceIp,
    });
}

export function isSecretsReference(name: string): boolean {
  return name.startsWith(SECRETS_REFERENCE_PREFIX);
}

const VERSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function readSecretsReference(reader: SecretReader | undefined, ctx: RequestContext, reference: string, withDecryption: boolean | undefined): Promise<Parameter> {
  if (withDecryption !== true) throw validation('WithDecryption flag must be True for retrieving a Secret Manager secret.');
  const rest = reference.slice(SECRETS_REFERENCE_PREFIX.length);
  const colon = rest.indexOf(':');
  const secretId = colon === -1 ? rest : rest.slice(0, colon);
  const selector = colon === -1 ? undefined : rest.slice(colon + 1);
  if (!reader || secretId === '') throw parameterNotFound();
  let secret: SecretValue;
  try {
    secret = await reader(ctx, {
      SecretId: secretId,
      ...(selector === undefined ? {} : VERSION_ID.test(selector) ? { VersionId: selector } : { VersionStage: selector }),
    });
  } catch (error) {
    if (error instanceof AwsError && error.code === 'ResourceNotFoundException') throw parameterNotFound();
    throw error;
  }
  const name = `${SECRETS_REFERENCE_PREFIX}${secretId}`;
  const parameter: Parameter = {
    Name: name,
    Type: 'SecureString',
    Value: secret.SecretString ?? Buffer.from(secret.SecretBinary ?? new Uint8Array()).toString('base64'),
    Version: 0,
    SourceResult: JSON.stringify({ ...secret, SecretBinary: secret.SecretBinary ? Buffer.from(secret.SecretBinary).toString('base64') : undefined }),
    LastModifiedDate: secret.CreatedDate ?? new Date(),
    ARN: parameterArn({ accountId: ctx.principal.accountId, region: ctx.region }, name),
    DataType: 'text',
  };
  if (selector !== undefined) parameter.Selector = `:${selector}`;
  return parameter;
}
