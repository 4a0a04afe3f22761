/**
 * SimulatePrincipalPolicy / SimulateCustomPolicy: the policy engine's
 * `evaluate` run for each action × resource, over the documents the caller
 * names, reported in IAM's EvaluationResult shape. Organizations policies
 * are not modelled; statement positions are not reported.
 */
import { AwsError } from '../../errors/aws-error.ts';
import {
  compilePolicy,
  evaluate,
  PolicyValidationError,
  type CompiledPolicy,
  type ContextKeys,
  type Decision,
  type NamedPolicy,
  type PolicyKind,
  type RequestPrincipal,
} from '../../iam/policy/index.ts';
import type {
  ContextEntry,
  EvaluationResult,
  PolicyEvaluationDecisionType,
  PolicySourceType,
  Statement,
} from '../../protocol/spec/generated/iam.types.ts';

export interface SimulationPolicy {
  /** SourcePolicyId: an inline policy's name, a managed policy's ARN, or PolicyInputList.<n>. */
  id: string;
  type: PolicySourceType;
  document: string;
}

export interface SimulationRequest {
  principal: RequestPrincipal;
  identity: readonly SimulationPolicy[];
  boundary?: SimulationPolicy;
  resourcePolicy?: string;
  resourceOwner?: string;
  actionNames: readonly string[];
  resourceArns?: readonly string[];
  contextEntries?: readonly ContextEntry[];
}

const DECISIONS: Record<Decision, PolicyEvaluationDecisionType> = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' };

/** Documents given to a simulation are checked like stored ones, but reported as InvalidInput (the Simulate* APIs' error). */
export function compileForSimulation(document: string, kind: PolicyKind): CompiledPolicy {
  try {
    return compilePolicy(document, { kind });
  } catch (error) {
    if (error instanceof PolicyValidationError) throw new AwsError('InvalidInput', error.message, 400);
    throw error;
  }
}

export function simulate(request: SimulationRequest): EvaluationResult[] {
  const sources = new Map<string, SimulationPolicy>();
  const named = (p: SimulationPolicy, i: number, kind: PolicyKind): NamedPolicy => {
    const key = `${i}:${p.type}:${p.id}`;
    sources.set(key, p);
    return { name: key, policy: compileForSimulation(p.document, kind) };
  };
  const identity = request.identity.map((p, i) => named(p, i, 'identity'));
  const boundary = request.boundary && named(request.boundary, -1, 'identity');
  const resource = request.resourcePolicy !== undefined ? named({ id: 'ResourcePolicy', type: 'resource', document: request.resourcePolicy }, -2, 'resource') : undefined;
  const context = contextKeys(request.contextEntries);
  const resources = request.resourceArns && request.resourceArns.length > 0 ? request.resourceArns : ['*'];

  const results: EvaluationResult[] = [];
  for (const action of request.actionNames) {
    for (const resourceArn of resources) {
      const result = evaluate(
        { principal: request.principal, action, resource: resourceArn, resourceAccount: request.resourceOwner ? accountOf(request.resourceOwner) : undefined, context },
        { identity, permissionsBoundary: boundary, resource },
      );
      const matched: Statement[] = [];
      for (const m of [result.matchedStatement, result.supportingStatement]) {
        const source = m && sources.get(m.policy);
        if (source) matched.push({ SourcePolicyId: source.id, SourcePolicyType: source.type });
      }
      const entry: EvaluationResult = { EvalActionName: action, EvalResourceName: resourceArn, EvalDecision: DECISIONS[result.decision], MatchedStatements: matched, MissingContextValues: [] };
      if (boundary) entry.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: result.deniedBy !== 'permissions-boundary' };
      if (resource) entry.EvalDecisionDetails = { [resourceArn]: DECISIONS[result.decision] };
      results.push(entry);
    }
  }
  return results;
}

/** ContextEntries → context keys; list types keep every value, the others their first. */
function contextKeys(entries: readonly ContextEntry[] | undefined): ContextKeys | undefined {
  if (!entries || entries.length === 0) return undefined;
  const keys: Record<string, string | readonly string[]> = {};
  for (const e of entries) {
    if (!e.ContextKeyName || !e.ContextKeyValues) continue;
    keys[e.ContextKeyName] = e.ContextKeyType?.endsWith('List') ? e.ContextKeyValues : (e.ContextKeyValues[0] ?? '');
  }
  return keys;
}

/** ResourceOwner is an account id or an ARN naming one (arn:aws:iam::<account>:root). */
function accountOf(owner: string): string {
  const m = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(owner);
  return m ? m[1] : owner;
}
