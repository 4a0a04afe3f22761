/**
 * Evaluation table, part 1: identity policies — allow, explicit and implicit
 * deny, Action/NotAction, Resource/NotResource, wildcards, policy variables.
 * Each row's `rule` quotes the AWS rule it checks (IAM User Guide).
 */
import { ACCT, KEY, KEY2, SECRET, alice, allow, carol, denyStmt, doc, runCases, session, type Case } from './test-fixtures.ts';

const DEFAULT_DENY = '"By default, all requests are implicitly denied"';
const EXPLICIT_ALLOW = '"An explicit allow in an identity-based policy overrides this default"';
const DENY_WINS = '"An explicit deny in any policy overrides any allows"';
const ACTION_CASE = 'action names are case-insensitive';
const WILDCARD = '"An asterisk (*) represents any combination of characters and a question mark (?) represents any single character"';
const SEGMENTS = '"You can use wildcard characters (* and ?) within the individual segments of an ARN (the parts separated by colons)"';
const NOT_ACTION = '"NotAction … matches everything except the specified list of actions"';
const NOT_RESOURCE = '"NotResource … matches every resource except those specified"';
const VARIABLES = '"When the policy is evaluated, the policy variables are replaced with values that come from the context of the request"';
const UNRESOLVED = '"If AWS cannot resolve a variable, this might cause the entire statement to be invalid"';

const cases: Case[] = [
  { name: 'no policies at all', rule: DEFAULT_DENY, expect: 'ImplicitDeny', reason: 'no-identity-policy-allows', deniedBy: 'identity-based' },
  { name: 'exact action and resource', rule: EXPLICIT_ALLOW, identity: [doc(allow('kms:Encrypt', KEY))], expect: 'Allow', reason: 'identity-policy-allows' },
  { name: 'allow names another action', rule: DEFAULT_DENY, identity: [doc(allow('kms:Decrypt', KEY))], expect: 'ImplicitDeny' },
  { name: 'policy action in upper case', rule: ACTION_CASE, identity: [doc(allow('KMS:ENCRYPT', KEY))], expect: 'Allow' },
  { name: 'request action in lower case', rule: ACTION_CASE, identity: [doc(allow('kms:Encrypt', KEY))], action: 'kms:encrypt', expect: 'Allow' },
  { name: 'service wildcard kms:*', rule: WILDCARD, identity: [doc(allow('kms:*'))], expect: 'Allow' },
  { name: 'trailing * matches the empty string', rule: WILDCARD, identity: [doc(allow('kms:Encrypt*'))], expect: 'Allow' },
  { name: 'prefix wildcard kms:Re*', rule: WILDCARD, identity: [doc(allow('kms:Re*'))], action: 'kms:ReEncryptFrom', expect: 'Allow' },
  { name: '? stands for one character', rule: WILDCARD, identity: [doc(allow('kms:Gen?rateDataKey'))], action: 'kms:GenerateDataKey', expect: 'Allow' },
  { name: '? needs exactly one character', rule: WILDCARD, identity: [doc(allow('kms:Encrypt?'))], expect: 'ImplicitDeny' },
  { name: 'infix wildcard kms:*DataKey*', rule: WILDCARD, identity: [doc(allow('kms:*DataKey*'))], action: 'kms:GenerateDataKeyWithoutPlaintext', expect: 'Allow' },
  { name: 'Action "*" covers every service', rule: WILDCARD, identity: [doc(allow('*'))], action: 'secretsmanager:GetSecretValue', target: SECRET, expect: 'Allow' },
  { name: 'kms:* does not cover another service', rule: WILDCARD, identity: [doc(allow('kms:*'))], action: 'secretsmanager:GetSecretValue', target: SECRET, expect: 'ImplicitDeny' },
  { name: 'one of several actions', rule: EXPLICIT_ALLOW, identity: [doc(allow(['kms:Decrypt', 'kms:Encrypt']))], expect: 'Allow' },
  { name: 'Statement written as a single object', rule: EXPLICIT_ALLOW, identity: [{ Version: '2012-10-17', Statement: allow('kms:Encrypt') }], expect: 'Allow' },
  { name: 'deny beats allow in the same policy', rule: DENY_WINS, identity: [doc(allow('kms:*'), denyStmt('kms:Encrypt'))], expect: 'ExplicitDeny', deniedBy: 'identity-based' },
  { name: 'deny in a second identity policy', rule: DENY_WINS, identity: [doc(allow('kms:*')), doc(denyStmt('kms:*', KEY))], expect: 'ExplicitDeny' },
  { name: 'deny of another action is irrelevant', rule: DENY_WINS, identity: [doc(allow('kms:*'), denyStmt('kms:ScheduleKeyDeletion'))], expect: 'Allow' },
  { name: 'Deny "*" on every resource', rule: DENY_WINS, identity: [doc(allow('kms:Encrypt', KEY), denyStmt('*'))], expect: 'ExplicitDeny' },
  { name: 'deny reports its Sid', rule: DENY_WINS, identity: [doc(allow('kms:*'), denyStmt('kms:Encrypt', KEY, { Sid: 'NoEncrypt' }))], expect: 'ExplicitDeny', sid: 'NoEncrypt' },
  { name: 'deny on another key is irrelevant', rule: DENY_WINS, identity: [doc(allow('kms:*'), denyStmt('kms:*', KEY2))], expect: 'Allow' },
  { name: 'NotAction allow covers other actions', rule: NOT_ACTION, identity: [doc({ Effect: 'Allow', NotAction: 'kms:ScheduleKeyDeletion', Resource: '*' })], expect: 'Allow' },
  { name: 'NotAction allow excludes the listed action', rule: NOT_ACTION, identity: [doc({ Effect: 'Allow', NotAction: 'kms:Encrypt', Resource: '*' })], expect: 'ImplicitDeny' },
  { name: 'NotAction wildcard exclusion', rule: NOT_ACTION, identity: [doc({ Effect: 'Allow', NotAction: 'kms:*', Resource: '*' })], action: 'secretsmanager:GetSecretValue', target: SECRET, expect: 'Allow' },
  {
    name: 'Deny NotAction denies everything not listed',
    rule: NOT_ACTION,
    identity: [doc(allow('kms:*'), { Effect: 'Deny', NotAction: 'kms:Describe*', Resource: '*' })],
    expect: 'ExplicitDeny',
  },
  {
    name: 'Deny NotAction spares the listed actions',
    rule: NOT_ACTION,
    identity: [doc(allow('kms:*'), { Effect: 'Deny', NotAction: 'kms:Describe*', Resource: '*' })],
    action: 'kms:DescribeKey',
    expect: 'Allow',
  },
  { name: 'Resource "*"', rule: EXPLICIT_ALLOW, identity: [doc(allow('kms:Encrypt', '*'))], expect: 'Allow' },
  { name: 'Resource names another key', rule: DEFAULT_DENY, identity: [doc(allow('kms:Encrypt', KEY2))], expect: 'ImplicitDeny' },
  { name: 'Resource key/* wildcard', rule: SEGMENTS, identity: [doc(allow('kms:Encrypt', `arn:aws:kms:us-east-1:${ACCT}:key/*`))], expect: 'Allow' },
  { name: 'region segment wildcard', rule: SEGMENTS, identity: [doc(allow('kms:Encrypt', `arn:aws:kms:*:${ACCT}:key/*`))], expect: 'Allow' },
  { name: 'partial region wildcard us-*', rule: SEGMENTS, identity: [doc(allow('kms:Encrypt', `arn:aws:kms:us-*:${ACCT}:key/*`))], expect: 'Allow' },
  {
    name: 'short ARN ending in * spans the remaining segments',
    rule: '"If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries"',
    identity: [doc(allow('kms:Encrypt', 'arn:aws:kms:*'))],
    expect: 'Allow',
  },
  {
    name: 'a * inside a segment does not cross colons',
    rule: SEGMENTS,
    identity: [doc(allow('kms:Encrypt', 'arn:aws:kms:*:key/*'))],
    expect: 'ImplicitDeny',
  },
  { name: 'account segment must match', rule: SEGMENTS, identity: [doc(allow('kms:Encrypt', 'arn:aws:kms:us-east-1:999999999999:key/*'))], expect: 'ImplicitDeny' },
  { name: 'resource ARNs are case-sensitive', rule: '"In the Resource element, the IAM user name is case sensitive" (ARNs compare exactly)', identity: [doc(allow('kms:Encrypt', KEY.toUpperCase().replace('ARN:AWS:KMS', 'arn:aws:kms')))], expect: 'ImplicitDeny' },
  { name: '? inside the resource part', rule: WILDCARD, identity: [doc(allow('kms:Encrypt', KEY.replace('1234abcd', '1234abc?')))], expect: 'Allow' },
  {
    name: '* in the resource part spans "/"',
    rule: '"The asterisk (*) character can expand to replace everything within a segment, including characters like a forward slash (/)"',
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:*`))],
    action: 'secretsmanager:GetSecretValue',
    target: SECRET,
    expect: 'Allow',
  },
  { name: 'NotResource allow covers other keys', rule: NOT_RESOURCE, identity: [doc({ Effect: 'Allow', Action: 'kms:*', NotResource: KEY2 })], expect: 'Allow' },
  { name: 'NotResource allow excludes the listed key', rule: NOT_RESOURCE, identity: [doc({ Effect: 'Allow', Action: 'kms:*', NotResource: KEY })], expect: 'ImplicitDeny' },
  {
    name: 'Deny NotResource denies every other key',
    rule: NOT_RESOURCE,
    identity: [doc(allow('kms:*'), { Effect: 'Deny', Action: 'kms:*', NotResource: KEY2 })],
    expect: 'ExplicitDeny',
  },
  { name: 'resource "*" in the request needs a matching pattern', rule: SEGMENTS, identity: [doc(allow('kms:CreateKey', `arn:aws:kms:*:${ACCT}:key/*`))], action: 'kms:CreateKey', target: '*', expect: 'ImplicitDeny' },
  { name: 'resource "*" request with Resource "*"', rule: EXPLICIT_ALLOW, identity: [doc(allow('kms:CreateKey'))], action: 'kms:CreateKey', target: '*', expect: 'Allow' },
  { name: 'one of several resources', rule: EXPLICIT_ALLOW, identity: [doc(allow('kms:Encrypt', [KEY2, KEY]))], expect: 'Allow' },
  // Policy variables
  {
    name: '${aws:username} in Resource',
    rule: VARIABLES,
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/\${aws:username}/*`))],
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/alice/token-AbCdEf`,
    expect: 'Allow',
  },
  {
    name: "${aws:username} does not open another user's path",
    rule: VARIABLES,
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/\${aws:username}/*`))],
    principal: carol,
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/alice/token-AbCdEf`,
    expect: 'ImplicitDeny',
  },
  {
    name: 'version 2008-10-17 treats ${…} literally',
    rule: '"If you don\'t include the Version element … variables like ${aws:username} are treated as literal strings"',
    resource: {
      Version: '2008-10-17',
      Statement: [allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/\${aws:username}/*`, { Principal: { AWS: alice.arn } })],
    },
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/alice/token-AbCdEf`,
    expect: 'ImplicitDeny',
  },
  {
    name: 'role sessions have no aws:username: the statement is void',
    rule: UNRESOLVED,
    identity: [doc(allow('kms:Encrypt', `arn:aws:kms:us-east-1:${ACCT}:key/\${aws:username}`))],
    principal: session,
    expect: 'ImplicitDeny',
  },
  {
    name: 'a default value stands in for an absent key',
    rule: '"To add a default value to a variable, surround the default value with single quotes"',
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/\${aws:username, 'shared'}/*`))],
    principal: session,
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:home/shared/x`,
    expect: 'Allow',
  },
  {
    name: '${aws:PrincipalTag/team} (tag key case-insensitive)',
    rule: '"To replace part of an ARN with a tag value, surround the prefix and key name with ${}"',
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:PrincipalTag/team}/*`))],
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:blue/db`,
    expect: 'Allow',
  },
  {
    name: '${*} is a literal asterisk',
    rule: '"${*} - use where you need an * (asterisk) character"',
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:a\${*}b`))],
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:axb`,
    expect: 'ImplicitDeny',
  },
  {
    name: '${*} matches the asterisk itself',
    rule: '"${*} - use where you need an * (asterisk) character"',
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:a\${*}b\${?}\${$}`))],
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:a*b?$`,
    expect: 'Allow',
  },
  {
    name: 'a variable value containing * is not a wildcard',
    rule: VARIABLES,
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:PrincipalTag/Team}`))],
    principal: { ...alice, tags: { Team: '*' } },
    action: 'secretsmanager:GetSecretValue',
    target: SECRET,
    expect: 'ImplicitDeny',
  },
  {
    name: '${aws:userid} of a role session is role-id:session',
    rule: '"aws:userid … role-id:caller-specified-role-name" for assumed roles',
    identity: [doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:userid}`))],
    principal: session,
    action: 'secretsmanager:GetSecretValue',
    target: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:AROAEXAMPLEROLEID0001:sess1`,
    expect: 'Allow',
  },
  {
    name: 'a Deny with an unresolvable variable does not apply',
    rule: UNRESOLVED,
    identity: [doc(allow('kms:*'), denyStmt('kms:*', '*', { Condition: { StringNotEquals: { 'kms:EncryptionContext:owner': '${aws:username}' } } }))],
    principal: session,
    expect: 'Allow',
  },
];

runCases('basics', cases);
