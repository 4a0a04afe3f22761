import type { IssuedCredentials } from '../../../identity/sessions/session-repository.ts';
import type { Credentials } from '../../../protocol/spec/generated/sts.types.ts';

/** The Credentials element of AssumeRole and GetSessionToken (expiration to the second, as AWS gives it). */
export function credentialsOutput(issued: IssuedCredentials): Credentials {
  return {
    AccessKeyId: issued.accessKeyId,
    SecretAccessKey: issued.secretAccessKey,
    SessionToken: issued.sessionToken,
    Expiration: new Date(Math.floor(issued.expiresAt / 1000) * 1000),
  };
}
