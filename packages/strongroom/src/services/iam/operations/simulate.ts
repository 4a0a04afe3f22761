/**
 * IAM SimulatePrincipalPolicy (the stored policies of a user — with its
 * groups' —, group or role, plus any given) and SimulateCustomPolicy (only
 * the given documents).
 */
import { AwsError } from '../../../errors/aws-error.ts';
import { awsManagedPolicy } from '../../../identity/aws-managed-policies.ts';
import { parseIamArn } from '../../../identity/ids.ts';
import type { PolicyOwner } from '../../../identity/policy-owners.ts';
import type { RequestPrincipal } from '../../../iam/policy/index.ts';
import type { SimulateCustomPolicyRequest, SimulatePolicyResponse, SimulatePrincipalPolicyRequest } from '../../../protocol/spec/generated/iam.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { IamModel } from '../iam-model.ts';
import { listPage, pageFields } from '../paging.ts';
import { simulate, type SimulationPolicy } from '../simulation.ts';
import { accountOf } from '../views.ts';

export function simulatePrincipalPolicy(iam: IamModel): OperationHandler<SimulatePrincipalPolicyRequest, SimulatePolicyResponse> {
  return async (ctx, input) => {
    const accountId = accountOf(ctx);
    const source = parseIamArn(input.PolicySourceArn);
    if (!source || source.accountId !== accountId || source.type === 'policy') throw new AwsError('InvalidInput', `Invalid ARN: ${input.PolicySourceArn}`, 400);
    const { principal, policies, boundaryArn } = await sourcePolicies(iam, accountId, source.type as PolicyOwner['type'], source.name);
    const excluded = new Set((input.PolicyExclusionList ?? []).map((p) => p.PolicyArn ?? p.InlinePolicyIdentifier?.PolicyName).filter(Boolean));
    const identity = policies.filter((p) => !excluded.has(p.id));
    (input.PolicyInputList ?? []).forEach((document, i) => identity.push({ id: `PolicyInputList.${i + 1}`, type: 'none', document }));
    let boundary: SimulationPolicy | undefined;
    const boundaryInput = input.PermissionsBoundaryPolicyInputList?.[0];
    if (boundaryInput !== undefined) boundary = { id: 'PermissionsBoundaryPolicyInputList.1', type: 'none', document: boundaryInput };
    else if (boundaryArn) {
      const documents = await iam.managed.defaultDocuments(accountId, [boundaryArn]);
      const document = documents.get(boundaryArn);
      if (document !== undefined) boundary = { id: boundaryArn, type: managedType(boundaryArn), document };
    }
    const caller = input.CallerArn !== undefined ? callerPrincipal(input.CallerArn, accountId) : principal;
    if (input.ResourcePolicy !== undefined && !caller) throw new AwsError('InvalidInput', 'CallerArn must be specified when simulating a resource policy for a group.', 400);
    const results = simulate({
      principal: caller ?? { type: 'user', arn: input.PolicySourceArn, accountId },
      identity,
      boundary,
      resourcePolicy: input.ResourcePolicy,
      resourceOwner: input.ResourceOwner,
      actionNames: input.ActionNames,
      resourceArns: input.ResourceArns,
      contextEntries: input.ContextEntries,
    });
    const page = listPage(results, input);
    return { EvaluationResults: page.items, ...pageFields(page) };
  };
}

export function simulateCustomPolicy(): OperationHandler<SimulateCustomPolicyRequest, SimulatePolicyResponse> {
  return (ctx, input) => {
    const accountId = accountOf(ctx);
    const boundaryInput = input.PermissionsBoundaryPolicyInputList?.[0];
    const results = simulate({
      principal: (input.CallerArn !== undefined ? callerPrincipal(input.CallerArn, accountId) : undefined) ?? { type: 'user', arn: `arn:aws:iam::${accountId}:user/simulated`, accountId, userName: 'simulated' },
      identity: input.PolicyInputList.map((document, i) => ({ id: `PolicyInputList.${i + 1}`, type: 'none', document })),
      boundary: boundaryInput !== undefined ? { id: 'PermissionsBoundaryPolicyInputList.1', type: 'none', document: boundaryInput } : undefined,
      resourcePolicy: input.ResourcePolicy,
      resourceOwner: input.ResourceOwner,
      actionNames: input.ActionNames,
      resourceArns: input.ResourceArns,
      contextEntries: input.ContextEntries,
    });
    const page = listPage(results, input);
    return { EvaluationResults: page.items, ...pageFields(page) };
  };
}

interface SourcePolicies {
  principal?: RequestPrincipal;
  policies: SimulationPolicy[];
  boundaryArn?: string;
}

/** The stored policies of the source entity (NoSuchEntity when it does not exist). */
async function sourcePolicies(iam: IamModel, accountId: string, type: PolicyOwner['type'], name: string): Promise<SourcePolicies> {
  const owners: PolicyOwner[] = [];
  let principal: RequestPrincipal | undefined;
  let boundaryArn: string | undefined;
  if (type === 'user') {
    const user = await iam.users.requireUser(accountId, name);
    owners.push({ type: 'user', name: user.userName });
    for (const g of await iam.groups.groupsOfUser(accountId, user.userName)) owners.push({ type: 'group', name: g.groupName });
    principal = { type: 'user', arn: user.arn, accountId, userId: user.userId, userName: user.userName, tags: Object.fromEntries(user.tags.map((t) => [t.key, t.value])) };
    boundaryArn = user.permissionsBoundaryArn;
  } else if (type === 'role') {
    const role = await iam.roles.requireRole(accountId, name);
    owners.push({ type: 'role', name: role.roleName });
    principal = { type: 'assumed-role', arn: role.arn, accountId, roleArn: role.arn, roleId: role.roleId, tags: Object.fromEntries(role.tags.map((t) => [t.key, t.value])) };
    boundaryArn = role.permissionsBoundaryArn;
  } else {
    const group = await iam.groups.requireGroup(accountId, name);
    owners.push({ type: 'group', name: group.groupName });
  }
  const policies: SimulationPolicy[] = [];
  const attached: string[] = [];
  for (const owner of owners) {
    for (const p of await iam.inline.listFor(accountId, owner)) policies.push({ id: p.policyName, type: owner.type, document: p.document });
    for (const arn of await iam.managed.attachedTo(accountId, owner)) if (!attached.includes(arn)) attached.push(arn);
  }
  const documents = await iam.managed.defaultDocuments(accountId, attached);
  for (const arn of attached) {
    const document = documents.get(arn);
    if (document !== undefined) policies.push({ id: arn, type: managedType(arn), document });
  }
  return { principal, policies, boundaryArn };
}

function managedType(arn: string): SimulationPolicy['type'] {
  return awsManagedPolicy(arn) ? 'aws-managed' : 'user-managed';
}

/** CallerArn: an IAM user (or role) ARN, or the account root. */
function callerPrincipal(arn: string, accountId: string): RequestPrincipal | undefined {
  if (arn === `arn:aws:iam::${accountId}:root`) return { type: 'root', arn, accountId, userId: accountId };
  const parsed = parseIamArn(arn);
  if (!parsed) throw new AwsError('InvalidInput', `Invalid ARN: ${arn}`, 400);
  if (parsed.type === 'user') return { type: 'user', arn, accountId: parsed.accountId, userName: parsed.name };
  if (parsed.type === 'role') return { type: 'assumed-role', arn, accountId: parsed.accountId, roleArn: arn };
  return undefined;
}
