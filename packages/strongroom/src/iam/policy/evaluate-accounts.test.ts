/**
 * Evaluation table, part 3: how policy types combine — resource policies in
 * the same account and across accounts, KMS key policies, permissions
 * boundaries, session policies, Principal/NotPrincipal, the root user and
 * role trust policies. Each row's `rule` quotes the AWS rule (IAM User Guide
 * "Policy evaluation logic", "Cross-account policy evaluation logic", KMS
 * Developer Guide "Key policies").
 */
import {
  ACCT,
  KEY,
  OTHER,
  OTHER_ROOT,
  ROLE,
  ROOT,
  SESSION,
  alice,
  allow,
  anonymous,
  bob,
  carol,
  denyStmt,
  doc,
  federated,
  kmsService,
  otherRoot,
  otherSession,
  root,
  runCases,
  session,
  type Case,
} from './test-fixtures.ts';

const aws = (...arns: string[]) => ({ Principal: { AWS: arns.length === 1 ? arns[0] : arns } });
const keyPolicy = (...statements: Record<string, unknown>[]) => doc(...statements);
const defaultKeyPolicy = keyPolicy(allow('kms:*', '*', { Sid: 'Enable IAM User Permissions', ...aws(ROOT) }));
const allowEncrypt = [doc(allow('kms:Encrypt'))];

const EITHER = '"If either the identity-based policy or the resource-based policy within the same account allows the request and the other doesn\'t, the request is still allowed"';
const ACCOUNT_PRINCIPAL = '"If you reference an AWS account as principal, it generally means any principal defined within that account" (the account delegates to its IAM policies)';
const DENY_ANY = '"An explicit deny in any of these policies overrides the allow"';
const USER_DIRECT = '"resource-based policies that grant permissions to an IAM user ARN … are not limited by an implicit deny in an identity-based policy or permissions boundary"';
const ROLE_LIMITED = '"Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary or session policy"';
const SESSION_DIRECT = '"Permissions granted directly to a session are not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy"';
const FED_NO_POLICY = '"If there is no session policy, the code checks whether the principal is a role session … Otherwise, the request is implicitly denied"';
const ROOT_FULL = '"all requests are implicitly denied with the exception of the AWS account root user, which has full access"';
const KMS_AUTH = 'KMS: "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key"';
const KMS_ROOT = 'KMS: the key policy statement for the account "allows IAM policies … to allow access to the KMS key"';
const CROSS = '"The request is allowed only if both evaluations return a decision of Allow"';
const BOUNDARY = '"the entity can perform only the actions that are allowed by both its identity-based policies and its permissions boundaries"';
const SESSION_POLICY = '"the resulting session\'s permissions are the intersection of the IAM entity\'s identity-based policy and the session policies"';
const NOT_PRINCIPAL = '"When you use NotPrincipal with Deny, you must also specify the account ARN of the not-denied principal. Otherwise, the policy might deny access to the entire account"';
const MISSING_KEY = '"If the key that you specify in a policy condition is not present in the request context, the values do not match"';
const TRUST = '"IAM role trust policies and KMS key policies are exceptions to this logic, because they must explicitly allow access for principals"';

const cases: Case[] = [
  // Same account, ordinary resource policy
  { name: 'resource policy names the user, no identity policy', rule: EITHER, resource: keyPolicy(allow('kms:Encrypt', '*', aws(alice.arn))), expect: 'Allow', reason: 'resource-policy-allows' },
  { name: 'resource policy names the account only', rule: ACCOUNT_PRINCIPAL, resource: keyPolicy(allow('kms:Encrypt', '*', aws(ROOT))), expect: 'ImplicitDeny', deniedBy: 'identity-based' },
  { name: 'resource policy names the account, identity allows', rule: ACCOUNT_PRINCIPAL, resource: keyPolicy(allow('kms:Encrypt', '*', aws(ROOT))), identity: allowEncrypt, expect: 'Allow', reason: 'identity-policy-allows' },
  { name: 'account given as a bare 12-digit id', rule: '"You can specify the account ID or the account root user ARN" — they are equivalent', resource: keyPolicy(allow('kms:Encrypt', '*', aws(ACCT))), identity: allowEncrypt, expect: 'Allow' },
  { name: 'resource policy names another user, identity allows', rule: EITHER, resource: keyPolicy(allow('kms:Encrypt', '*', aws(carol.arn))), identity: allowEncrypt, expect: 'Allow', reason: 'identity-policy-allows' },
  { name: 'neither side allows', rule: '"If there are no identity-based policies or no statements … that allow the requested action, then the request is implicitly denied"', resource: keyPolicy(allow('kms:Encrypt', '*', aws(carol.arn))), expect: 'ImplicitDeny', deniedBy: 'identity-based' },
  { name: 'identity deny beats a resource allow', rule: DENY_ANY, resource: keyPolicy(allow('kms:Encrypt', '*', aws(alice.arn))), identity: [doc(denyStmt('kms:Encrypt'))], expect: 'ExplicitDeny', deniedBy: 'identity-based' },
  { name: 'resource deny beats an identity allow', rule: DENY_ANY, resource: keyPolicy(denyStmt('kms:Encrypt', '*', aws(alice.arn))), identity: allowEncrypt, expect: 'ExplicitDeny', deniedBy: 'resource-based' },
  { name: 'resource deny on the account covers its users', rule: ACCOUNT_PRINCIPAL, resource: keyPolicy(denyStmt('kms:*', '*', aws(ROOT))), identity: allowEncrypt, expect: 'ExplicitDeny' },
  { name: 'resource deny on another user is irrelevant', rule: DENY_ANY, resource: keyPolicy(denyStmt('kms:*', '*', aws(carol.arn))), identity: allowEncrypt, expect: 'Allow' },
  { name: 'Principal "*"', rule: '"Principal": "*" grants to everyone', resource: keyPolicy(allow('kms:Encrypt', '*', { Principal: '*' })), expect: 'Allow', reason: 'resource-policy-allows' },
  { name: '{"AWS": "*"} with kms:CallerAccount', rule: '"For anonymous users, the following elements are equivalent: "Principal": "*" and {"AWS": "*"}"', resource: keyPolicy(allow('kms:Encrypt', '*', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'kms:CallerAccount': ACCT } } })), context: { 'kms:CallerAccount': ACCT }, expect: 'Allow' },
  { name: 'resource policy condition fails', rule: 'a statement applies only when its conditions hold', resource: keyPolicy(allow('kms:Encrypt', '*', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'kms:CallerAccount': ACCT } } })), context: { 'kms:CallerAccount': OTHER }, expect: 'ImplicitDeny' },
  { name: 'user ARN grant survives a boundary', rule: USER_DIRECT, resource: keyPolicy(allow('kms:Encrypt', '*', aws(alice.arn))), boundary: doc(allow('s3:*')), expect: 'Allow' },
  { name: 'user unique id as principal', rule: 'principals saved by IAM are matched by unique id (AIDA…)', resource: keyPolicy(allow('kms:Encrypt', '*', aws(alice.userId!))), expect: 'Allow' },
  { name: 'role ARN grant to a session, no identity policy', rule: ROLE_LIMITED, resource: keyPolicy(allow('kms:Encrypt', '*', aws(ROLE))), principal: session, expect: 'Allow', reason: 'resource-policy-allows' },
  { name: 'role ARN grant limited by a session policy', rule: ROLE_LIMITED, resource: keyPolicy(allow('kms:Encrypt', '*', aws(ROLE))), session: [doc(allow('s3:GetObject'))], principal: session, expect: 'ImplicitDeny', deniedBy: 'session' },
  { name: 'role ARN grant limited by a boundary', rule: ROLE_LIMITED, resource: keyPolicy(allow('kms:Encrypt', '*', aws(ROLE))), boundary: doc(allow('s3:*')), principal: session, expect: 'ImplicitDeny', deniedBy: 'permissions-boundary' },
  { name: 'role ARN grant within the session policy', rule: ROLE_LIMITED, resource: keyPolicy(allow('kms:Encrypt', '*', aws(ROLE))), session: [doc(allow('kms:Encrypt'))], principal: session, expect: 'Allow' },
  { name: 'role id (AROA…) as principal', rule: ROLE_LIMITED, resource: keyPolicy(allow('kms:Encrypt', '*', aws('AROAEXAMPLEROLEID0001'))), session: [doc(allow('s3:GetObject'))], principal: session, expect: 'ImplicitDeny', deniedBy: 'session' },
  { name: 'session ARN grant ignores the session policy', rule: SESSION_DIRECT, resource: keyPolicy(allow('kms:Encrypt', '*', aws(SESSION))), session: [doc(allow('s3:GetObject'))], principal: session, expect: 'Allow' },
  { name: 'session ARN grant ignores the boundary', rule: SESSION_DIRECT, resource: keyPolicy(allow('kms:Encrypt', '*', aws(SESSION))), boundary: doc(allow('s3:*')), principal: session, expect: 'Allow' },
  { name: 'federated session ARN grant without session policy', rule: '"resource-based policies that grant permissions to a federated user ARN grant permissions directly to the session"', resource: keyPolicy(allow('kms:Encrypt', '*', aws(federated.arn))), principal: federated, expect: 'Allow' },
  { name: 'federated session with identity allow but no session policy', rule: FED_NO_POLICY, identity: allowEncrypt, principal: federated, expect: 'ImplicitDeny', deniedBy: 'session' },
  { name: 'federated session with a session policy', rule: SESSION_POLICY, identity: allowEncrypt, session: [doc(allow('kms:*'))], principal: federated, expect: 'Allow' },
  { name: 'grant to the federating IAM user is limited by the session policy', rule: '"if a resource-based policy grants permission to the ARN of the IAM user who federated, then requests made by the federated user during the session are limited by … session policy"', resource: keyPolicy(allow('kms:Encrypt', '*', aws(alice.arn))), session: [doc(allow('s3:*'))], principal: federated, expect: 'ImplicitDeny', deniedBy: 'session' },
  { name: 'root user without any policy', rule: ROOT_FULL, principal: root, expect: 'Allow', reason: 'root-user' },
  { name: 'root user denied by a resource policy', rule: DENY_ANY, resource: keyPolicy(denyStmt('kms:*', '*', aws(ROOT))), principal: root, expect: 'ExplicitDeny' },
  { name: 'service principal named by Service', rule: 'a service principal is allowed by the resource policy that names it', resource: keyPolicy(allow('kms:Encrypt', '*', { Principal: { Service: 'kms.amazonaws.com' } })), principal: kmsService, expect: 'Allow' },
  { name: 'service principal not named', rule: 'a service principal has no identity policies', resource: keyPolicy(allow('kms:Encrypt', '*', aws(alice.arn))), principal: kmsService, expect: 'ImplicitDeny', deniedBy: 'resource-based' },
  { name: 'anonymous caller, Principal "*"', rule: '"Principal": "*" includes anonymous callers', resource: keyPolicy(allow('kms:Encrypt', '*', { Principal: '*' })), principal: anonymous, expect: 'Allow' },
  { name: 'anonymous caller, named principals only', rule: 'anonymous callers match only "*"', resource: keyPolicy(allow('kms:Encrypt', '*', aws(ROOT))), principal: anonymous, expect: 'ImplicitDeny' },
  {
    name: 'resource policy with version 2012-10-17 resolves variables',
    rule: '"Variables were introduced in version 2012-10-17"',
    resource: doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/\${aws:username}/*`, aws(alice.arn))),
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/alice/token-AbCdEf`,
    expect: 'Allow',
  },
  // KMS key policies
  { name: 'key policy without the root: IAM allow irrelevant', rule: KMS_AUTH, mustEnableIam: true, resource: keyPolicy(allow('kms:*', '*', aws(carol.arn))), identity: [doc(allow('kms:*'))], expect: 'ImplicitDeny', deniedBy: 'resource-based' },
  { name: 'default key policy + IAM allow', rule: KMS_ROOT, mustEnableIam: true, resource: defaultKeyPolicy, identity: allowEncrypt, expect: 'Allow', reason: 'identity-policy-allows' },
  { name: 'default key policy, no IAM policy', rule: KMS_ROOT, mustEnableIam: true, resource: defaultKeyPolicy, expect: 'ImplicitDeny', deniedBy: 'identity-based' },
  { name: 'key policy names the user directly', rule: 'KMS: a key policy statement that names a principal gives it access without IAM policies', mustEnableIam: true, resource: keyPolicy(allow('kms:Encrypt', '*', aws(alice.arn))), expect: 'Allow', reason: 'resource-policy-allows' },
  { name: 'key policy enables IAM by account id', rule: KMS_ROOT, mustEnableIam: true, resource: keyPolicy(allow('kms:*', '*', aws(ACCT))), identity: allowEncrypt, expect: 'Allow' },
  { name: 'root user, key policy without the account', rule: 'KMS: the root user has no access to a key whose policy does not allow the account', mustEnableIam: true, resource: keyPolicy(allow('kms:*', '*', aws(alice.arn))), principal: root, expect: 'ImplicitDeny', deniedBy: 'resource-based' },
  { name: 'root user, default key policy', rule: KMS_ROOT, mustEnableIam: true, resource: defaultKeyPolicy, principal: root, expect: 'Allow' },
  { name: 'account statement limited to other actions', rule: 'KMS: IAM policies count only for what the account statement allows', mustEnableIam: true, resource: keyPolicy(allow('kms:Describe*', '*', aws(ROOT))), identity: [doc(allow('kms:*'))], expect: 'ImplicitDeny', deniedBy: 'resource-based' },
  {
    name: 'AWS managed key pattern: "*" with CallerAccount and ViaService',
    rule: 'KMS: "Principal": {"AWS": "*"} with kms:CallerAccount and kms:ViaService conditions',
    mustEnableIam: true,
    resource: keyPolicy(allow(['kms:Encrypt', 'kms:Decrypt'], '*', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'kms:CallerAccount': ACCT, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } })),
    context: { 'kms:CallerAccount': ACCT, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' },
    expect: 'Allow',
  },
  {
    name: 'AWS managed key pattern called directly',
    rule: 'kms:ViaService is absent when the caller is not a service',
    mustEnableIam: true,
    resource: keyPolicy(allow(['kms:Encrypt', 'kms:Decrypt'], '*', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'kms:CallerAccount': ACCT, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } })),
    context: { 'kms:CallerAccount': ACCT },
    identity: [doc(allow('kms:*'))],
    expect: 'ImplicitDeny',
    deniedBy: 'resource-based',
  },
  { name: 'default key policy + IAM deny', rule: DENY_ANY, mustEnableIam: true, resource: defaultKeyPolicy, identity: [doc(allow('kms:*'), denyStmt('kms:Encrypt'))], expect: 'ExplicitDeny' },
  { name: 'key policy deny statement', rule: DENY_ANY, mustEnableIam: true, resource: keyPolicy(allow('kms:*', '*', aws(ROOT)), denyStmt('kms:Encrypt', '*', { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })), identity: allowEncrypt, context: { 'aws:SecureTransport': 'false' }, expect: 'ExplicitDeny', deniedBy: 'resource-based' },
  { name: 'key policy names the role, session policy limits', rule: ROLE_LIMITED, mustEnableIam: true, resource: keyPolicy(allow('kms:*', '*', aws(ROLE))), session: [doc(allow('kms:Decrypt'))], principal: session, expect: 'ImplicitDeny', deniedBy: 'session' },
  { name: 'key policy without Resource is ineffective', rule: 'KMS: "If either of the required Resource or Action elements are missing from a key policy statement, the policy statement has no effect"', mustEnableIam: true, resource: keyPolicy({ Effect: 'Allow', Action: 'kms:*', ...aws(alice.arn) }), expect: 'ImplicitDeny' },
  // Cross-account
  { name: 'other account named, its identity policy allows', rule: CROSS, mustEnableIam: true, resource: keyPolicy(allow('kms:*', '*', aws(ROOT)), allow('kms:Encrypt', '*', aws(OTHER_ROOT))), principal: bob, identity: allowEncrypt, expect: 'Allow' },
  { name: 'other account named, no identity policy', rule: CROSS, mustEnableIam: true, resource: keyPolicy(allow('kms:Encrypt', '*', aws(OTHER_ROOT))), principal: bob, expect: 'ImplicitDeny', deniedBy: 'identity-based' },
  { name: 'other account not named', rule: CROSS, mustEnableIam: true, resource: defaultKeyPolicy, principal: bob, identity: allowEncrypt, expect: 'ImplicitDeny', deniedBy: 'resource-based' },
  { name: 'other account user named directly, no identity policy', rule: '"the requester in the trusted AccountA must have an identity-based policy"', resource: keyPolicy(allow('kms:Encrypt', '*', aws(bob.arn))), principal: bob, expect: 'ImplicitDeny', deniedBy: 'identity-based' },
  { name: 'other account user named directly + identity allow', rule: CROSS, resource: keyPolicy(allow('kms:Encrypt', '*', aws(bob.arn))), principal: bob, identity: allowEncrypt, expect: 'Allow', reason: 'resource-policy-allows' },
  { name: 'other account role named, session identity allows', rule: CROSS, resource: keyPolicy(allow('kms:Encrypt', '*', aws(otherSession.roleArn!))), principal: otherSession, identity: allowEncrypt, expect: 'Allow' },
  { name: 'cross-account boundary limits', rule: '"it checks the identity-based policy and any policies that can limit an identity-based policy"', resource: keyPolicy(allow('kms:Encrypt', '*', aws(OTHER_ROOT))), principal: bob, identity: allowEncrypt, boundary: doc(allow('s3:*')), expect: 'ImplicitDeny', deniedBy: 'permissions-boundary' },
  { name: 'cross-account session policy limits', rule: '"it checks the identity-based policy and any policies that can limit an identity-based policy"', resource: keyPolicy(allow('kms:Encrypt', '*', aws(OTHER_ROOT))), principal: otherSession, identity: allowEncrypt, session: [doc(allow('s3:*'))], expect: 'ImplicitDeny', deniedBy: 'session' },
  { name: 'cross-account deny in the caller\'s policy', rule: DENY_ANY, resource: keyPolicy(allow('kms:Encrypt', '*', aws(OTHER_ROOT))), principal: bob, identity: [doc(allow('kms:*'), denyStmt('kms:*', KEY))], expect: 'ExplicitDeny', deniedBy: 'identity-based' },
  { name: 'other account root, account named', rule: CROSS, resource: keyPolicy(allow('kms:Encrypt', '*', aws(OTHER))), principal: otherRoot, expect: 'Allow' },
  { name: 'other account root, not named', rule: CROSS, resource: defaultKeyPolicy, principal: otherRoot, expect: 'ImplicitDeny', deniedBy: 'resource-based' },
  { name: 'cross-account without a resource policy', rule: '"you attach a resource-based policy to the resource that you want to share"', principal: bob, identity: [doc(allow('kms:*'))], expect: 'ImplicitDeny', deniedBy: 'resource-based' },
  { name: 'resource account given explicitly', rule: CROSS, principal: alice, identity: [doc(allow('kms:*'))], target: '*', resourceAccount: OTHER, expect: 'ImplicitDeny', deniedBy: 'resource-based' },
  // Permissions boundaries and session policies on the identity path
  { name: 'identity and boundary both allow', rule: BOUNDARY, identity: allowEncrypt, boundary: doc(allow('kms:*')), expect: 'Allow' },
  { name: 'boundary does not allow', rule: BOUNDARY, identity: allowEncrypt, boundary: doc(allow('kms:Decrypt')), expect: 'ImplicitDeny', deniedBy: 'permissions-boundary' },
  { name: 'boundary alone grants nothing', rule: '"it limits the user\'s permissions but does not provide permissions on its own"', boundary: doc(allow('kms:*')), expect: 'ImplicitDeny', deniedBy: 'identity-based' },
  { name: 'boundary deny', rule: DENY_ANY, identity: allowEncrypt, boundary: doc(allow('*'), denyStmt('kms:Encrypt')), expect: 'ExplicitDeny', deniedBy: 'permissions-boundary' },
  { name: 'role policy and session policy both allow', rule: SESSION_POLICY, identity: allowEncrypt, session: [doc(allow('kms:Encrypt', KEY))], principal: session, expect: 'Allow' },
  { name: 'session policy allows, role policy does not', rule: '"Session policies limit permissions … but do not grant permissions"', identity: [doc(allow('kms:Decrypt'))], session: [doc(allow('kms:*'))], principal: session, expect: 'ImplicitDeny', deniedBy: 'identity-based' },
  { name: 'role policy allows, session policy does not', rule: SESSION_POLICY, identity: allowEncrypt, session: [doc(allow('kms:Decrypt'))], principal: session, expect: 'ImplicitDeny', deniedBy: 'session' },
  { name: 'session policy deny', rule: DENY_ANY, identity: allowEncrypt, session: [doc(allow('*'), denyStmt('kms:Encrypt'))], principal: session, expect: 'ExplicitDeny', deniedBy: 'session' },
  { name: 'two session policies: one allows', rule: 'inline and managed session policies together form the session policy', identity: allowEncrypt, session: [doc(allow('s3:*')), doc(allow('kms:Encrypt'))], principal: session, expect: 'Allow' },
  { name: 'role session without session policies', rule: '"If there is no session policy … If the principal is a role session, then the request is Allowed"', identity: allowEncrypt, principal: session, expect: 'Allow' },
  // NotPrincipal
  { name: 'Deny NotPrincipal lists the user and its account', rule: NOT_PRINCIPAL, resource: keyPolicy({ Effect: 'Deny', NotPrincipal: { AWS: [alice.arn, ROOT] }, Action: 'kms:*', Resource: '*' }), identity: allowEncrypt, expect: 'Allow' },
  { name: 'Deny NotPrincipal lists only the user', rule: NOT_PRINCIPAL, resource: keyPolicy({ Effect: 'Deny', NotPrincipal: { AWS: alice.arn }, Action: 'kms:*', Resource: '*' }), identity: allowEncrypt, expect: 'ExplicitDeny' },
  { name: 'Deny NotPrincipal lists session, role and account', rule: NOT_PRINCIPAL, resource: keyPolicy({ Effect: 'Deny', NotPrincipal: { AWS: [SESSION, ROLE, ROOT] }, Action: 'kms:*', Resource: '*' }), identity: allowEncrypt, principal: session, expect: 'Allow' },
  { name: 'Deny NotPrincipal lists the role and account only', rule: '"If the NotPrincipal element was missing the ARN of the role [session] … the effect … might be to explicitly deny access"', resource: keyPolicy({ Effect: 'Deny', NotPrincipal: { AWS: [ROLE, ROOT] }, Action: 'kms:*', Resource: '*' }), identity: allowEncrypt, principal: session, expect: 'ExplicitDeny' },
  { name: 'Deny NotPrincipal names someone else', rule: '"the actions … are explicitly denied to all principals except for the ones specified"', resource: keyPolicy({ Effect: 'Deny', NotPrincipal: { AWS: [carol.arn, ROOT] }, Action: 'kms:*', Resource: '*' }), identity: allowEncrypt, expect: 'ExplicitDeny' },
  { name: 'Allow NotPrincipal grants everyone else', rule: '"Doing so allows all principals except the one named in the NotPrincipal element"', resource: keyPolicy({ Effect: 'Allow', NotPrincipal: { AWS: carol.arn }, Action: 'kms:Encrypt', Resource: '*' }), expect: 'Allow' },
  // Role trust policies (AssumeRole)
  {
    name: 'trust policy names the user',
    rule: TRUST,
    resourceKind: 'trust',
    mustEnableIam: true,
    resource: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', ...aws(alice.arn) }),
    action: 'sts:AssumeRole',
    target: ROLE,
    expect: 'Allow',
  },
  {
    name: 'trust policy names the account, identity allows AssumeRole',
    rule: '"The trust policy … is one-half of the permissions. The other half is a permissions policy attached to the user"',
    resourceKind: 'trust',
    mustEnableIam: true,
    resource: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', ...aws(ROOT) }),
    identity: [doc(allow('sts:AssumeRole', ROLE))],
    action: 'sts:AssumeRole',
    target: ROLE,
    expect: 'Allow',
  },
  {
    name: 'trust policy names the account, no identity allow',
    rule: '"The other half is a permissions policy attached to the user"',
    resourceKind: 'trust',
    mustEnableIam: true,
    resource: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', ...aws(ROOT) }),
    action: 'sts:AssumeRole',
    target: ROLE,
    expect: 'ImplicitDeny',
    deniedBy: 'identity-based',
  },
  {
    name: 'trust policy names someone else',
    rule: TRUST,
    resourceKind: 'trust',
    mustEnableIam: true,
    resource: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', ...aws(carol.arn) }),
    identity: [doc(allow('sts:AssumeRole'))],
    action: 'sts:AssumeRole',
    target: ROLE,
    expect: 'ImplicitDeny',
    deniedBy: 'resource-based',
  },
  {
    name: 'cross-account trust with matching ExternalId',
    rule: '"An additional parameter called external ID helps ensure secure use of roles between accounts"',
    resourceKind: 'trust',
    mustEnableIam: true,
    resource: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', ...aws(OTHER), Condition: { StringEquals: { 'sts:ExternalId': 'xyz' } } }),
    identity: [doc(allow('sts:AssumeRole'))],
    principal: bob,
    action: 'sts:AssumeRole',
    target: ROLE,
    context: { 'sts:ExternalId': 'xyz' },
    expect: 'Allow',
  },
  {
    name: 'cross-account trust without the ExternalId',
    rule: MISSING_KEY,
    resourceKind: 'trust',
    mustEnableIam: true,
    resource: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', ...aws(OTHER), Condition: { StringEquals: { 'sts:ExternalId': 'xyz' } } }),
    identity: [doc(allow('sts:AssumeRole'))],
    principal: bob,
    action: 'sts:AssumeRole',
    target: ROLE,
    expect: 'ImplicitDeny',
    deniedBy: 'resource-based',
  },
  {
    name: 'trust policy for a service',
    rule: 'a service principal assumes a role whose trust policy names it',
    resourceKind: 'trust',
    mustEnableIam: true,
    resource: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'kms.amazonaws.com' } }),
    principal: kmsService,
    action: 'sts:AssumeRole',
    target: ROLE,
    expect: 'Allow',
  },
  {
    name: 'trust policy for a web identity provider',
    rule: '"Federated" principals are identity providers',
    resourceKind: 'trust',
    mustEnableIam: true,
    resource: doc({ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: 'accounts.google.com' } }),
    principal: { type: 'web-identity', arn: 'accounts.google.com', accountId: '', federatedProvider: 'accounts.google.com' },
    action: 'sts:AssumeRoleWithWebIdentity',
    target: ROLE,
    expect: 'Allow',
  },
];

runCases('accounts', cases);
