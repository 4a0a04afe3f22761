/**
 * STS GetSessionToken: temporary credentials for an IAM user or the root
 * user, acting as that identity. Not callable with temporary credentials.
 * The root user's sessions last at most an hour ("If the duration is longer
 * than one hour, the session for AWS account owners defaults to one hour").
 */
import type { GetSessionTokenRequest, GetSessionTokenResponse } from '../../../protocol/spec/generated/sts.types.ts';
import type { RequestContext } from '../../../server/context.ts';
import { accessDenied, STS_MESSAGES } from '../errors.ts';
import type { StsDeps } from '../sts-deps.ts';
import { credentialsOutput } from './credentials-output.ts';

export const DEFAULT_SESSION_TOKEN_SECONDS = 43200;
export const ROOT_SESSION_TOKEN_MAX_SECONDS = 3600;

export function getSessionToken(deps: StsDeps): (ctx: RequestContext, input: GetSessionTokenRequest) => Promise<GetSessionTokenResponse> {
  return async (ctx, input) => {
    const caller = ctx.principal;
    if (caller.session !== undefined || (caller.kind !== 'user' && caller.kind !== 'root')) {
      throw accessDenied(STS_MESSAGES.sessionCredentialsGetSessionToken);
    }
    if (input.SerialNumber !== undefined || input.TokenCode !== undefined) throw accessDenied(STS_MESSAGES.mfaFailed);
    let durationSeconds = input.DurationSeconds ?? DEFAULT_SESSION_TOKEN_SECONDS;
    if (caller.kind === 'root') durationSeconds = Math.min(durationSeconds, ROOT_SESSION_TOKEN_MAX_SECONDS);
    const issued = await deps.sessions.create({
      accountId: caller.accountId,
      principal: { type: caller.kind, arn: caller.arn, id: caller.userId, ...(caller.userName !== undefined ? { userName: caller.userName } : {}) },
      durationSeconds,
      now: ctx.receivedAt.getTime(),
    });
    return { Credentials: credentialsOutput(issued) };
  };
}
