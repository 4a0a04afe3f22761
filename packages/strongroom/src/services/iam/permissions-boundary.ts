/** Permissions boundaries name a managed policy that must exist (AWS managed or the account's). */
import { AwsError } from '../../errors/aws-error.ts';
import { checkPolicyArn } from '../../identity/managed-policy-repository.ts';
import type { IamModel } from './iam-model.ts';

export async function requireBoundaryPolicy(iam: IamModel, accountId: string, arn: string): Promise<void> {
  checkPolicyArn(arn);
  if (!(await iam.managed.exists(accountId, arn))) {
    throw new AwsError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`, 404);
  }
}
