/**
 * A function's resource policy as AddPermission builds it: one statement per
 * StatementId, `Principal` as Lambda writes it (a service name → Service, an
 * account id → its root ARN, an ARN → AWS, `*` → everyone), SourceArn as an
 * ArnLike condition on AWS:SourceArn and SourceAccount as a StringEquals on
 * AWS:SourceAccount. The policy document is `{"Version":"2012-10-17","Id":
 * "default","Statement":[...]}`.
 */
import { compilePolicy, type CompiledPolicy } from '../../../iam/policy/index.ts';

export interface PermissionInput {
  StatementId: string;
  Action: string;
  Principal: string;
  SourceArn?: string;
  SourceAccount?: string;
  PrincipalOrgID?: string;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Id: 'default';
  Statement: Array<Record<string, unknown> & { Sid: string }>;
}

function principalOf(principal: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

/** Lambda writes actions with the service prefix in lower case: `lambda:InvokeFunction`. */
function actionOf(action: string): string {
  return action === '*' ? 'lambda:*' : action;
}

export function permissionStatement(input: PermissionInput, functionArn: string): Record<string, unknown> & { Sid: string } {
  const statement: Record<string, unknown> & { Sid: string } = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: actionOf(input.Action),
    Resource: functionArn,
  };
  const condition: Record<string, Record<string, string>> = {};
  if (input.SourceAccount !== undefined) condition.StringEquals = { 'AWS:SourceAccount': input.SourceAccount };
  if (input.PrincipalOrgID !== undefined) (condition.StringEquals ??= {})['aws:PrincipalOrgID'] = input.PrincipalOrgID;
  if (input.SourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

export function parsePolicy(text: string | null): PolicyDocument | undefined {
  return text === null ? undefined : (JSON.parse(text) as PolicyDocument);
}

export function withStatement(policy: PolicyDocument | undefined, statement: Record<string, unknown> & { Sid: string }): PolicyDocument {
  return { Version: '2012-10-17', Id: 'default', Statement: [...(policy?.Statement ?? []), statement] };
}

/** The policy without the statement, or null when none remains (GetPolicy then finds none). */
export function withoutStatement(policy: PolicyDocument, sid: string): PolicyDocument | null {
  const Statement = policy.Statement.filter((s) => s.Sid !== sid);
  return Statement.length === 0 ? null : { ...policy, Statement };
}

const compiled = new Map<string, CompiledPolicy | null>();

/** The stored policy compiled for the authorizer (cached by text); undefined when it does not compile. */
export function compiledFunctionPolicy(text: string): CompiledPolicy | undefined {
  let policy = compiled.get(text);
  if (policy === undefined) {
    try {
      policy = compilePolicy(text, { kind: 'resource', allowIneffectiveStatements: true });
    } catch {
      policy = null;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(text, policy);
  }
  return policy ?? undefined;
}
