/**
 * AWS managed policies Strongroom offers (arn:aws:iam::aws:policy/…). They
 * live in code, not in the database: the same in every account, never
 * modified by IAM calls. Documents whose real versions name hundreds of AWS
 * services (ReadOnlyAccess) are abridged to the services Strongroom serves;
 * the others are as AWS publishes them.
 */
export interface AwsManagedPolicy {
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description: string;
  defaultVersionId: string;
  document: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

const doc = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function policy(
  policyName: string,
  policyId: string,
  description: string,
  defaultVersionId: string,
  created: string,
  updated: string,
  document: string,
): AwsManagedPolicy {
  return { policyName, policyId, path: '/', arn: `arn:aws:iam::aws:policy/${policyName}`, description, defaultVersionId, document, createdAt: Date.parse(created), updatedAt: Date.parse(updated) };
}

export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  policy(
    'AdministratorAccess',
    'ANPAIWMBCKSKIEE64ZLYK',
    'Provides full access to AWS services and resources.',
    'v1',
    '2015-02-06T18:39:46Z',
    '2015-02-06T18:39:46Z',
    doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  ),
  policy(
    'PowerUserAccess',
    'ANPAJYRXTHIB4FOVS3ZXS',
    'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    'v5',
    '2015-02-06T18:39:47Z',
    '2023-07-06T22:04:19Z',
    doc([
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'],
        Resource: '*',
      },
    ]),
  ),
  policy(
    'IAMFullAccess',
    'ANPAI7XKCFMBPM3QQRRVQ',
    'Provides full access to IAM via the AWS Management Console.',
    'v2',
    '2015-02-06T18:40:38Z',
    '2019-06-21T19:40:00Z',
    doc([
      { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'],
        Resource: '*',
      },
    ]),
  ),
  policy(
    'IAMReadOnlyAccess',
    'ANPAJKSO7NDY4T57MWDSQ',
    'Provides read only access to IAM via the AWS Management Console.',
    'v4',
    '2015-02-06T18:40:39Z',
    '2018-01-25T19:11:27Z',
    doc([{ Effect: 'Allow', Action: ['iam:GenerateCredentialReport', 'iam:GenerateServiceLastAccessedDetails', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy'], Resource: '*' }]),
  ),
  policy(
    'ReadOnlyAccess',
    'ANPAILL3HVNFSB6DCOWYQ',
    'Provides read-only access to AWS services and resources.',
    'v1',
    '2015-02-06T18:39:48Z',
    '2015-02-06T18:39:48Z',
    doc([
      {
        Effect: 'Allow',
        Action: ['iam:Get*', 'iam:List*', 'iam:Generate*', 'kms:Describe*', 'kms:Get*', 'kms:List*', 'secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:ListSecrets', 'secretsmanager:ListSecretVersionIds', 'ssm:Describe*', 'ssm:Get*', 'ssm:List*', 'sts:GetCallerIdentity'],
        Resource: '*',
      },
    ]),
  ),
  policy(
    'AWSKeyManagementServicePowerUser',
    'ANPAJNPP7PPPPMJRV2SA4',
    'Provides access to AWS Key Management Service (KMS).',
    'v2',
    '2015-02-06T18:40:40Z',
    '2017-03-07T00:55:11Z',
    doc([
      {
        Effect: 'Allow',
        Action: ['kms:CreateAlias', 'kms:CreateKey', 'kms:DeleteAlias', 'kms:Describe*', 'kms:GenerateRandom', 'kms:Get*', 'kms:List*', 'kms:TagResource', 'kms:UntagResource', 'iam:ListGroups', 'iam:ListRoles', 'iam:ListUsers'],
        Resource: '*',
      },
    ]),
  ),
];

const BY_ARN = new Map(AWS_MANAGED_POLICIES.map((p) => [p.arn, p]));

export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

export function isAwsManagedPolicyArn(arn: string): boolean {
  return arn.startsWith('arn:aws:iam::aws:policy/');
}
