/** IAM SimulatePrincipalPolicy and SimulateCustomPolicy through the AWS SDK v3. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { startTestServer, type TestServer } from '../../src/testing/test-server.ts';
import { ACCOUNT, expectError, iamClient, policy, uniqueName } from './iam-test-client.ts';

const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

for (const engine of testStoreEngines()) {
  describe(`IAM policy simulation [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: TestServer;
    let iam: IAMClient;
    before(async () => {
      server = await startTestServer(engine);
      iam = iamClient(server);
    });
    after(() => server?.stop());

    it("SimulatePrincipalPolicy evaluates a user's own and group policies per action and resource", async () => {
      const user = uniqueName('sim');
      const group = uniqueName('simg');
      await iam.send(new CreateUserCommand({ UserName: user }));
      await iam.send(new CreateGroupCommand({ GroupName: group }));
      await iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: user }));
      await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'enc', PolicyDocument: policy({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: KEY }) }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'no-decrypt', PolicyDocument: policy({ Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }) }));

      const { EvaluationResults } = await iam.send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/${user}`, ActionNames: ['kms:Encrypt', 'kms:Decrypt', 'kms:CreateKey'], ResourceArns: [KEY] }),
      );
      assert.deepEqual(
        EvaluationResults?.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision, r.MatchedStatements?.map((s) => [s.SourcePolicyId, s.SourcePolicyType])]),
        [
          ['kms:Encrypt', KEY, 'allowed', [['enc', 'user']]],
          ['kms:Decrypt', KEY, 'explicitDeny', [['no-decrypt', 'group']]],
          ['kms:CreateKey', KEY, 'implicitDeny', []],
        ],
      );
    });

    it('SimulatePrincipalPolicy adds PolicyInputList and reports the permissions boundary', async () => {
      const user = uniqueName('simb');
      await iam.send(new CreateUserCommand({ UserName: user }));
      await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: user, PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
      const { EvaluationResults } = await iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
          PolicyInputList: [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })],
          ActionNames: ['iam:ListUsers', 'iam:CreateUser'],
        }),
      );
      assert.deepEqual(
        EvaluationResults?.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary]),
        [
          ['iam:ListUsers', '*', 'allowed', true],
          ['iam:CreateUser', '*', 'implicitDeny', false],
        ],
      );
      await expectError(
        iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/nobody`, ActionNames: ['iam:ListUsers'] })),
        'NoSuchEntityException',
        404,
      );
    });

    it('SimulateCustomPolicy evaluates the given documents with context entries and a resource policy', async () => {
      const { EvaluationResults } = await iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [
            policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
            policy({ Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }),
          ],
          ActionNames: ['kms:Encrypt', 'kms:ScheduleKeyDeletion'],
          ContextEntries: [{ ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['eu-west-1'], ContextKeyType: 'string' }],
        }),
      );
      assert.deepEqual(
        EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision, r.MatchedStatements?.[0]?.SourcePolicyId]),
        [
          ['kms:Encrypt', 'allowed', 'PolicyInputList.1'],
          ['kms:ScheduleKeyDeletion', 'explicitDeny', 'PolicyInputList.2'],
        ],
      );
      const other = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })], ActionNames: ['kms:Encrypt'] }));
      assert.equal(other.EvaluationResults?.[0].EvalDecision, 'implicitDeny');

      const withResourcePolicy = await iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' })],
          ActionNames: ['kms:Decrypt'],
          ResourceArns: [KEY],
          ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/carol` }, Action: 'kms:Decrypt', Resource: '*' }] }),
          CallerArn: `arn:aws:iam::${ACCOUNT}:user/carol`,
        }),
      );
      assert.equal(withResourcePolicy.EvaluationResults?.[0].EvalDecision, 'allowed');
      assert.deepEqual(withResourcePolicy.EvaluationResults?.[0].MatchedStatements?.map((s) => s.SourcePolicyType), ['resource']);

      await expectError(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{nope'], ActionNames: ['kms:Encrypt'] })), 'InvalidInputException', 400, 'Syntax errors in policy.');
    });
  });
}
