/**
 * Evaluation table, part 2: the Condition element — every operator family,
 * the …IfExists forms, ForAllValues/ForAnyValue, Null, and the global keys
 * derived from the principal. Each row's `rule` quotes the AWS rule (IAM User
 * Guide, "Condition operators" and "Condition with multiple context keys or values").
 */
import { ACCT, KEY, ROLE, SESSION, allow, denyStmt, doc, runCases, session, type Case } from './test-fixtures.ts';

const when = (condition: Record<string, Record<string, unknown>>) => [doc(allow('kms:*', '*', { Condition: condition }))];
const denyWhen = (condition: Record<string, Record<string, unknown>>) => [doc(allow('kms:*'), denyStmt('kms:*', '*', { Condition: condition }))];

const MISSING = '"If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false"';
const MISSING_NEG = '"If the policy condition requires that the key is not matched, such as StringNotLike … and the right key is not present, the condition is true"';
const OR = '"If you specify multiple values for a single key, AWS evaluates them using a logical OR"';
const AND = '"If you specify multiple condition operators, or multiple keys … AWS evaluates them using a logical AND"';
const NEG_MULTI = 'negated operators with several values match when the request value matches none of them';
const IFEXISTS = '"If the key is not present, evaluate the condition element as true"';
const FORALL = '"ForAllValues – … returns true if every key value in the request matches at least one value in the policy"';
const FORALL_EMPTY = '"ForAllValues … also returns true if there are no context keys in the request"';
const FORANY = '"ForAnyValue – … returns true if any one of the key values in the request matches any one of the condition values"';
const FORANY_EMPTY = 'ForAnyValue "returns false" when the key is absent or resolves to an empty data set';
const NULL = '"Use a Null condition operator to check if a condition key is absent … true (the key doesn\'t exist) or false (the key exists)"';
const KEY_CASE = '"Key names are case-insensitive"';
const ctx = (context: Record<string, string | string[]>) => context;

const cases: Case[] = [
  // String
  { name: 'StringEquals matches', rule: 'StringEquals: "Exact matching, case sensitive"', identity: when({ StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } }), context: ctx({ 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' }), expect: 'Allow' },
  { name: 'StringEquals is case-sensitive', rule: 'StringEquals: "Exact matching, case sensitive"', identity: when({ StringEquals: { 'kms:EncryptionContext:dept': 'Sales' } }), context: ctx({ 'kms:EncryptionContext:dept': 'sales' }), expect: 'ImplicitDeny' },
  { name: 'StringEquals several values', rule: OR, identity: when({ StringEquals: { 'kms:EncryptionContext:dept': ['hr', 'sales'] } }), context: ctx({ 'kms:EncryptionContext:dept': 'sales' }), expect: 'Allow' },
  { name: 'StringEquals key absent', rule: MISSING, identity: when({ StringEquals: { 'kms:EncryptionContext:dept': 'sales' } }), expect: 'ImplicitDeny' },
  { name: 'StringEquals treats * literally', rule: 'only the …Like operators take wildcards', identity: when({ StringEquals: { 'kms:EncryptionContext:dept': '*' } }), context: ctx({ 'kms:EncryptionContext:dept': 'sales' }), expect: 'ImplicitDeny' },
  { name: 'StringNotEquals with a different value', rule: 'StringNotEquals: "Negated matching"', identity: when({ StringNotEquals: { 'kms:EncryptionContext:dept': 'hr' } }), context: ctx({ 'kms:EncryptionContext:dept': 'sales' }), expect: 'Allow' },
  { name: 'StringNotEquals with a value in the list', rule: NEG_MULTI, identity: when({ StringNotEquals: { 'kms:EncryptionContext:dept': ['hr', 'sales'] } }), context: ctx({ 'kms:EncryptionContext:dept': 'sales' }), expect: 'ImplicitDeny' },
  { name: 'StringNotEquals key absent', rule: MISSING_NEG, identity: when({ StringNotEquals: { 'kms:EncryptionContext:dept': 'hr' } }), expect: 'Allow' },
  { name: 'StringEqualsIgnoreCase', rule: 'StringEqualsIgnoreCase: "Exact matching, ignoring case"', identity: when({ StringEqualsIgnoreCase: { 'kms:EncryptionContext:dept': 'SALES' } }), context: ctx({ 'kms:EncryptionContext:dept': 'sales' }), expect: 'Allow' },
  { name: 'StringNotEqualsIgnoreCase same value other case', rule: 'StringNotEqualsIgnoreCase: "Negated matching, ignoring case"', identity: when({ StringNotEqualsIgnoreCase: { 'kms:EncryptionContext:dept': 'SALES' } }), context: ctx({ 'kms:EncryptionContext:dept': 'Sales' }), expect: 'ImplicitDeny' },
  { name: 'StringLike with *', rule: 'StringLike: "multi-character match wildcards (*) … anywhere in the string"', identity: when({ StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } }), context: ctx({ 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' }), expect: 'Allow' },
  { name: 'StringLike with ?', rule: 'StringLike: "single-character match wildcards (?)"', identity: when({ StringLike: { 'kms:EncryptionContext:env': 'prod-?' } }), context: ctx({ 'kms:EncryptionContext:env': 'prod-7' }), expect: 'Allow' },
  { name: 'StringLike without a match', rule: 'StringLike: "Case-sensitive matching"', identity: when({ StringLike: { 'kms:EncryptionContext:env': 'Prod-*' } }), context: ctx({ 'kms:EncryptionContext:env': 'prod-7' }), expect: 'ImplicitDeny' },
  { name: 'StringNotLike with a match', rule: 'StringNotLike: "Negated case-sensitive matching"', identity: when({ StringNotLike: { 'kms:EncryptionContext:env': 'prod-*' } }), context: ctx({ 'kms:EncryptionContext:env': 'prod-7' }), expect: 'ImplicitDeny' },
  { name: 'StringNotLike key absent', rule: MISSING_NEG, identity: when({ StringNotLike: { 'kms:EncryptionContext:env': 'prod-*' } }), expect: 'Allow' },
  { name: 'two keys under one operator, one fails', rule: AND, identity: when({ StringEquals: { 'kms:EncryptionContext:a': '1', 'kms:EncryptionContext:b': '2' } }), context: ctx({ 'kms:EncryptionContext:a': '1', 'kms:EncryptionContext:b': '3' }), expect: 'ImplicitDeny' },
  { name: 'two operators, both hold', rule: AND, identity: when({ StringEquals: { 'kms:EncryptionContext:a': '1' }, Bool: { 'aws:SecureTransport': 'true' } }), context: ctx({ 'kms:EncryptionContext:a': '1', 'aws:SecureTransport': 'true' }), expect: 'Allow' },
  { name: 'two operators, one fails', rule: AND, identity: when({ StringEquals: { 'kms:EncryptionContext:a': '1' }, Bool: { 'aws:SecureTransport': 'true' } }), context: ctx({ 'kms:EncryptionContext:a': '1', 'aws:SecureTransport': 'false' }), expect: 'ImplicitDeny' },
  // Numeric
  { name: 'NumericLessThan holds', rule: 'NumericLessThan: "Less than" matching', identity: when({ NumericLessThan: { 'kms:NumberOfBytes': '1024' } }), context: ctx({ 'kms:NumberOfBytes': '32' }), expect: 'Allow' },
  { name: 'NumericLessThan at the bound', rule: 'NumericLessThan: "Less than" matching', identity: when({ NumericLessThan: { 'kms:NumberOfBytes': '32' } }), context: ctx({ 'kms:NumberOfBytes': '32' }), expect: 'ImplicitDeny' },
  { name: 'NumericLessThanEquals at the bound', rule: 'NumericLessThanEquals: "Less than or equals" matching', identity: when({ NumericLessThanEquals: { 'kms:NumberOfBytes': '32' } }), context: ctx({ 'kms:NumberOfBytes': '32' }), expect: 'Allow' },
  { name: 'NumericGreaterThan', rule: 'NumericGreaterThan: "Greater than" matching', identity: when({ NumericGreaterThan: { 'kms:NumberOfBytes': '16' } }), context: ctx({ 'kms:NumberOfBytes': '32' }), expect: 'Allow' },
  { name: 'NumericGreaterThanEquals below the bound', rule: 'NumericGreaterThanEquals: "Greater than or equals" matching', identity: when({ NumericGreaterThanEquals: { 'kms:NumberOfBytes': '64' } }), context: ctx({ 'kms:NumberOfBytes': '32' }), expect: 'ImplicitDeny' },
  { name: 'NumericEquals across notations', rule: 'NumericEquals compares "an integer or decimal value"', identity: when({ NumericEquals: { 'kms:NumberOfBytes': '32.0' } }), context: ctx({ 'kms:NumberOfBytes': '32' }), expect: 'Allow' },
  { name: 'NumericEquals with a JSON number in the policy', rule: 'NumericEquals compares numbers', identity: when({ NumericEquals: { 'kms:NumberOfBytes': 32 } }), context: ctx({ 'kms:NumberOfBytes': '32' }), expect: 'Allow' },
  { name: 'NumericNotEquals', rule: 'NumericNotEquals: "Negated matching"', identity: when({ NumericNotEquals: { 'kms:NumberOfBytes': ['16', '32'] } }), context: ctx({ 'kms:NumberOfBytes': '64' }), expect: 'Allow' },
  { name: 'Numeric operator on a non-number', rule: 'a value that is not a number does not match', identity: when({ NumericLessThan: { 'kms:NumberOfBytes': '1024' } }), context: ctx({ 'kms:NumberOfBytes': 'lots' }), expect: 'ImplicitDeny' },
  // Date
  { name: 'DateGreaterThan on aws:CurrentTime', rule: 'DateGreaterThan: "Matching after a specific a date and time"', identity: when({ DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }), time: Date.UTC(2025, 5, 1), expect: 'Allow' },
  { name: 'DateLessThan after expiry', rule: 'DateLessThan: "Matching before a specific date and time"', identity: when({ DateLessThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }), time: Date.UTC(2025, 5, 1), expect: 'ImplicitDeny' },
  { name: 'DateLessThanEquals with an epoch value', rule: '"You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time"', identity: when({ DateLessThanEquals: { 'aws:CurrentTime': '1735689600' } }), time: Date.UTC(2025, 0, 1), expect: 'Allow' },
  { name: 'DateEquals ISO against epoch', rule: 'ISO 8601 and epoch values denote the same instants', identity: when({ DateEquals: { 'aws:EpochTime': '2025-01-01T00:00:00Z' } }), time: Date.UTC(2025, 0, 1), expect: 'Allow' },
  { name: 'DateNotEquals', rule: 'DateNotEquals: "Negated matching"', identity: when({ DateNotEquals: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }), time: Date.UTC(2025, 0, 1), expect: 'ImplicitDeny' },
  { name: 'DateGreaterThanEquals on aws:EpochTime', rule: 'DateGreaterThanEquals: "Matching at or after a specific date and time"', identity: when({ DateGreaterThanEquals: { 'aws:EpochTime': '1735689600' } }), time: Date.UTC(2025, 0, 1), expect: 'Allow' },
  { name: 'Date with a zone offset', rule: 'ISO 8601 values may carry a UTC offset', identity: when({ DateLessThan: { 'aws:CurrentTime': '2025-01-01T01:30:00+02:00' } }), time: Date.UTC(2025, 0, 1, 0), expect: 'ImplicitDeny' },
  { name: 'Date on aws:TokenIssueTime given by the caller', rule: '"aws:TokenIssueTime … present in the request context only when the principal uses temporary credentials"', identity: when({ DateGreaterThan: { 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' } }), principal: session, context: ctx({ 'aws:TokenIssueTime': '2025-03-01T10:00:00Z' }), expect: 'Allow' },
  // Bool
  { name: 'Deny when aws:SecureTransport is false', rule: 'Bool: "Boolean matching"', identity: denyWhen({ Bool: { 'aws:SecureTransport': 'false' } }), context: ctx({ 'aws:SecureTransport': 'false' }), expect: 'ExplicitDeny' },
  { name: 'Bool compares without case', rule: 'Bool: "Boolean matching"', identity: when({ Bool: { 'aws:SecureTransport': true } }), context: ctx({ 'aws:SecureTransport': 'TRUE' }), expect: 'Allow' },
  { name: 'Bool with the key absent does not deny', rule: MISSING, identity: denyWhen({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }), expect: 'Allow' },
  { name: 'BoolIfExists with the key absent denies', rule: '"If you are using an "Effect": "Deny" element with … IfExists, the request is still denied even if the tag is missing"', identity: denyWhen({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }), expect: 'ExplicitDeny' },
  // Binary
  { name: 'BinaryEquals matches bytes', rule: 'BinaryEquals "compares the value of the specified key byte for byte against a base-64 encoded representation"', identity: when({ BinaryEquals: { 'kms:RecipientAttestation:PCR0': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }), context: ctx({ 'kms:RecipientAttestation:PCR0': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }), expect: 'Allow' },
  { name: 'BinaryEquals with other bytes', rule: 'BinaryEquals compares byte for byte', identity: when({ BinaryEquals: { 'kms:RecipientAttestation:PCR0': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }), context: ctx({ 'kms:RecipientAttestation:PCR0': 'QmluYXJ5' }), expect: 'ImplicitDeny' },
  // IP
  { name: 'IpAddress inside the CIDR', rule: 'IpAddress: "The specified IP address or range"', identity: when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), context: ctx({ 'aws:SourceIp': '203.0.113.77' }), expect: 'Allow' },
  { name: 'IpAddress outside the CIDR', rule: 'IpAddress: "The specified IP address or range"', identity: when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), context: ctx({ 'aws:SourceIp': '203.0.114.1' }), expect: 'ImplicitDeny' },
  { name: 'IpAddress with IPv6', rule: 'IP operators compare "an IPv4 or IPv6 address or range"', identity: when({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } }), context: ctx({ 'aws:SourceIp': '2001:db8:1234:5678:abcd::1' }), expect: 'Allow' },
  { name: 'an address without prefix is /32', rule: '"If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32"', identity: when({ IpAddress: { 'aws:SourceIp': '10.0.0.1' } }), context: ctx({ 'aws:SourceIp': '10.0.0.2' }), expect: 'ImplicitDeny' },
  { name: 'NotIpAddress in a Deny', rule: 'NotIpAddress: "All IP addresses except the specified IP address or range"', identity: denyWhen({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), context: ctx({ 'aws:SourceIp': '192.0.2.10' }), expect: 'ExplicitDeny' },
  { name: 'NotIpAddress with the key absent', rule: MISSING_NEG, identity: denyWhen({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), expect: 'ExplicitDeny' },
  { name: 'an IPv4-mapped IPv6 source is IPv4', rule: 'IpAddress compares the IPv4 address a dual-stack socket reports as ::ffff:a.b.c.d', identity: when({ IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } }), context: ctx({ 'aws:SourceIp': '::ffff:127.0.0.1' }), expect: 'Allow' },
  // Arn
  { name: 'ArnLike with a wildcard segment', rule: 'ArnLike: "each can include multi-character match wildcards (*)"', identity: when({ ArnLike: { 'aws:SourceArn': `arn:aws:secretsmanager:*:${ACCT}:secret:*` } }), context: ctx({ 'aws:SourceArn': `arn:aws:secretsmanager:eu-west-1:${ACCT}:secret:x` }), expect: 'Allow' },
  { name: 'ArnEquals takes wildcards too', rule: '"The ArnEquals and ArnLike condition operators behave identically"', identity: when({ ArnEquals: { 'aws:SourceArn': `arn:aws:secretsmanager:*:${ACCT}:secret:*` } }), context: ctx({ 'aws:SourceArn': `arn:aws:secretsmanager:eu-west-1:${ACCT}:secret:x` }), expect: 'Allow' },
  { name: 'ArnLike checks each segment separately', rule: '"With an ArnLike condition, which matches elements between colons, the match fails"', identity: when({ ArnLike: { 'aws:SourceArn': 'arn:aws:someservice:*:111122223333:finance/*' } }), context: ctx({ 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' }), expect: 'ImplicitDeny' },
  { name: 'StringLike spans the colons', rule: '"With a StringLike condition, the match succeeds"', identity: when({ StringLike: { 'aws:SourceArn': 'arn:aws:someservice:*:111122223333:finance/*' } }), context: ctx({ 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' }), expect: 'Allow' },
  { name: 'ArnNotEquals with another ARN', rule: 'ArnNotEquals: "Negated matching for ARN"', identity: when({ ArnNotEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCT}:topic` } }), context: ctx({ 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCT}:other` }), expect: 'Allow' },
  { name: 'ArnNotLike with the key absent', rule: MISSING_NEG, identity: when({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*' } }), expect: 'Allow' },
  { name: 'ArnEquals with a variable', rule: '"You can use a policy variable with the ARN condition operator"', identity: when({ ArnEquals: { 'aws:SourceArn': 'arn:aws:iam::111122223333:user/${aws:username}' } }), context: ctx({ 'aws:SourceArn': 'arn:aws:iam::111122223333:user/alice' }), expect: 'Allow' },
  // Null
  { name: 'Null true with the key absent', rule: NULL, identity: when({ Null: { 'aws:TokenIssueTime': 'true' } }), expect: 'Allow' },
  { name: 'Null true with the key present', rule: NULL, identity: when({ Null: { 'aws:TokenIssueTime': 'true' } }), context: ctx({ 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' }), expect: 'ImplicitDeny' },
  { name: 'Null false with the key present', rule: NULL, identity: when({ Null: { 'kms:EncryptionContextKeys': 'false' } }), context: ctx({ 'kms:EncryptionContextKeys': ['a'] }), expect: 'Allow' },
  { name: 'Null false with an empty key', rule: NULL, identity: when({ Null: { 'kms:EncryptionContextKeys': 'false' } }), context: ctx({ 'kms:EncryptionContextKeys': [] }), expect: 'ImplicitDeny' },
  // IfExists
  { name: 'StringEqualsIfExists with the key absent', rule: IFEXISTS, identity: when({ StringEqualsIfExists: { 'kms:EncryptionContext:dept': 'sales' } }), expect: 'Allow' },
  { name: 'StringEqualsIfExists with another value', rule: '"If the policy key is present in the context of the request, process the key as specified in the policy"', identity: when({ StringEqualsIfExists: { 'kms:EncryptionContext:dept': 'sales' } }), context: ctx({ 'kms:EncryptionContext:dept': 'hr' }), expect: 'ImplicitDeny' },
  { name: 'NumericLessThanIfExists with the key present', rule: IFEXISTS, identity: when({ NumericLessThanIfExists: { 'kms:NumberOfBytes': '64' } }), context: ctx({ 'kms:NumberOfBytes': '128' }), expect: 'ImplicitDeny' },
  { name: 'StringNotEqualsIfExists in a Deny', rule: IFEXISTS, identity: denyWhen({ StringNotEqualsIfExists: { 'kms:CallerAccount': ACCT } }), context: ctx({ 'kms:CallerAccount': '999999999999' }), expect: 'ExplicitDeny' },
  // Set operators
  { name: 'ForAllValues: every request value listed', rule: FORALL, identity: when({ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['dept', 'env', 'app'] } }), context: ctx({ 'kms:EncryptionContextKeys': ['dept', 'env'] }), expect: 'Allow' },
  { name: 'ForAllValues: one value not listed', rule: FORALL, identity: when({ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['dept', 'env'] } }), context: ctx({ 'kms:EncryptionContextKeys': ['dept', 'owner'] }), expect: 'ImplicitDeny' },
  { name: 'ForAllValues: key absent', rule: FORALL_EMPTY, identity: when({ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['dept'] } }), expect: 'Allow' },
  { name: 'ForAllValues: empty list', rule: '"If the key values in the request resolve to an empty data set … ForAllValues returns true"', identity: when({ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['dept'] } }), context: ctx({ 'kms:EncryptionContextKeys': [] }), expect: 'Allow' },
  { name: 'ForAllValues: an empty string is an empty data set', rule: '"If the key values in the request resolve to an empty data set (for example, an empty string), a condition operator modified by ForAllValues returns true"', identity: when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }), context: ctx({ 'aws:TagKeys': '' }), expect: 'Allow' },
  { name: 'ForAnyValue: an empty string is an empty data set', rule: '"… and a condition operator modified by ForAnyValue returns false"', identity: when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', ''] } }), context: ctx({ 'aws:TagKeys': '' }), expect: 'ImplicitDeny' },
  { name: 'a plain operator matches an empty string value', rule: 'StringEquals: "Exact matching" — the empty string is a value like any other', identity: when({ StringEquals: { 's3:prefix': ['', 'home/'] } }), context: ctx({ 's3:prefix': '' }), expect: 'Allow' },
  { name: 'ForAnyValue: one value listed', rule: FORANY, identity: when({ 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['dept'] } }), context: ctx({ 'kms:EncryptionContextKeys': ['env', 'dept'] }), expect: 'Allow' },
  { name: 'ForAnyValue: no value listed', rule: FORANY, identity: when({ 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['dept'] } }), context: ctx({ 'kms:EncryptionContextKeys': ['env'] }), expect: 'ImplicitDeny' },
  { name: 'ForAnyValue: key absent', rule: FORANY_EMPTY, identity: when({ 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['dept'] } }), expect: 'ImplicitDeny' },
  { name: 'ForAnyValue:StringNotEquals: one value outside the list', rule: 'ForAnyValue with a negated operator: at least one request value matches none of the policy values', identity: when({ 'ForAnyValue:StringNotEquals': { 'kms:EncryptionContextKeys': ['dept', 'env'] } }), context: ctx({ 'kms:EncryptionContextKeys': ['dept', 'owner'] }), expect: 'Allow' },
  { name: 'ForAllValues:StringNotEquals: a listed value present', rule: 'ForAllValues with a negated operator: no request value may match a policy value', identity: when({ 'ForAllValues:StringNotEquals': { 'kms:EncryptionContextKeys': ['secret'] } }), context: ctx({ 'kms:EncryptionContextKeys': ['dept', 'secret'] }), expect: 'ImplicitDeny' },
  { name: 'ForAllValues:StringNotEquals: none listed', rule: 'ForAllValues with a negated operator: no request value may match a policy value', identity: when({ 'ForAllValues:StringNotEquals': { 'kms:EncryptionContextKeys': ['secret'] } }), context: ctx({ 'kms:EncryptionContextKeys': ['dept', 'env'] }), expect: 'Allow' },
  { name: 'ForAllValues:StringLike', rule: FORALL, identity: when({ 'ForAllValues:StringLike': { 'kms:EncryptionContextKeys': ['app-*'] } }), context: ctx({ 'kms:EncryptionContextKeys': ['app-name', 'app-env'] }), expect: 'Allow' },
  { name: 'ForAnyValue:StringLike in a Deny', rule: FORANY, identity: denyWhen({ 'ForAnyValue:StringLike': { 'aws:TagKeys': ['aws:*'] } }), context: ctx({ 'aws:TagKeys': ['team', 'aws:cloudformation:stack'] }), expect: 'ExplicitDeny' },
  { name: 'a plain operator on a multivalued key: any value', rule: OR, identity: when({ StringEquals: { 'aws:TagKeys': 'team' } }), context: ctx({ 'aws:TagKeys': ['owner', 'team'] }), expect: 'Allow' },
  // Keys
  { name: 'condition key names ignore case', rule: KEY_CASE, identity: when({ IpAddress: { 'AWS:SOURCEIP': '10.0.0.0/8' } }), context: ctx({ 'aws:sourceip': '10.1.2.3' }), expect: 'Allow' },
  { name: 'kms:EncryptionContext: key part ignores case', rule: KEY_CASE, identity: when({ StringEquals: { 'kms:EncryptionContext:Department': 'IT' } }), context: ctx({ 'kms:encryptioncontext:department': 'IT' }), expect: 'Allow' },
  { name: 'aws:PrincipalTag from the caller', rule: '"aws:PrincipalTag/tag-key … present in the request context if the principal is using an IAM user with attached tags"', identity: when({ StringEquals: { 'aws:PrincipalTag/CostCenter': '42' } }), expect: 'Allow' },
  { name: 'aws:PrincipalTag absent', rule: MISSING, identity: when({ StringEquals: { 'aws:PrincipalTag/Owner': 'x' } }), expect: 'ImplicitDeny' },
  { name: 'aws:PrincipalArn of a session is the role ARN', rule: '"aws:PrincipalArn … For IAM roles, the request context returns the ARN of the role, not the ARN of the user that assumed the role"', identity: when({ ArnEquals: { 'aws:PrincipalArn': ROLE } }), principal: session, expect: 'Allow' },
  { name: 'aws:PrincipalArn is not the session ARN', rule: '"aws:PrincipalArn … returns the ARN of the role"', identity: when({ StringEquals: { 'aws:PrincipalArn': SESSION } }), principal: session, expect: 'ImplicitDeny' },
  { name: 'aws:PrincipalAccount', rule: '"aws:PrincipalAccount … the account to which the requesting principal belongs"', identity: when({ StringEquals: { 'aws:PrincipalAccount': ACCT } }), expect: 'Allow' },
  { name: 'aws:PrincipalType of a session', rule: 'aws:PrincipalType is "AssumedRole" for role sessions', identity: when({ StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }), principal: session, expect: 'Allow' },
  { name: 'aws:username is absent for role sessions', rule: '"aws:username … not present" for assumed roles', identity: when({ StringLike: { 'aws:username': '*' } }), principal: session, expect: 'ImplicitDeny' },
  { name: 'a variable in a condition value', rule: '"You can use a policy variable for Condition values in any condition that involves the string operators"', identity: when({ StringEquals: { 'kms:EncryptionContext:owner': '${aws:username}' } }), context: ctx({ 'kms:EncryptionContext:owner': 'alice' }), expect: 'Allow' },
  { name: 'a variable in a StringLike value stays literal', rule: 'variable values are substituted as text, not as wildcards', identity: when({ StringLike: { 'kms:EncryptionContext:owner': '${aws:PrincipalTag/Team}-*' } }), context: ctx({ 'kms:EncryptionContext:owner': 'blue-ops' }), expect: 'Allow' },
  { name: 'key policy resource on the key', rule: 'conditions combine with Resource matching', identity: [doc(allow('kms:Decrypt', KEY, { Condition: { StringEquals: { 'kms:EncryptionContext:app': 'web' } } }))], action: 'kms:Decrypt', context: ctx({ 'kms:EncryptionContext:app': 'web' }), expect: 'Allow' },
];

runCases('conditions', cases);
