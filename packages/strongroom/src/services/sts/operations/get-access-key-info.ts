/**
 * STS GetAccessKeyInfo: the account an access key id belongs to, whatever
 * its state. Keys Strongroom issued are looked up; other keys of AWS's newer
 * format carry their account in the id itself, as AWS decodes it; anything
 * else is unknown.
 */
import { AwsError } from '../../../errors/aws-error.ts';
import { accountOfAccessKeyId } from '../../../identity/sessions/session-ids.ts';
import type { GetAccessKeyInfoRequest, GetAccessKeyInfoResponse } from '../../../protocol/spec/generated/sts.types.ts';
import type { RequestContext } from '../../../server/context.ts';
import { STS_MESSAGES } from '../errors.ts';
import type { StsDeps } from '../sts-deps.ts';

export function getAccessKeyInfo(deps: StsDeps): (ctx: RequestContext, input: GetAccessKeyInfoRequest) => Promise<GetAccessKeyInfoResponse> {
  return async (_ctx, { AccessKeyId: id }) => {
    const stored = id.startsWith('ASIA') ? await deps.sessions.accountOf(id) : (await deps.accessKeys.findAccessKey(id))?.accountId;
    const account = stored ?? accountOfAccessKeyId(id);
    if (account === undefined) throw new AwsError('InvalidClientTokenId', STS_MESSAGES.invalidAccessKeyId, 403);
    return { Account: account };
  };
}
