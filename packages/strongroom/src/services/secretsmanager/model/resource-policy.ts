/**
 * Secret resource policies: parsed and compiled by the IAM policy engine.
 * A policy is public when an Allow statement names everyone (Principal "*"
 * or AWS "*") without a condition, or uses NotPrincipal; BlockPublicPolicy
 * refuses such policies.
 */
import { compilePolicy, PolicyValidationError, type CompiledPolicy } from '../../../iam/policy/index.ts';
import { MalformedPolicyDocumentException, PublicPolicyException } from '../../../protocol/spec/generated/secretsmanager.errors.ts';

export function compileSecretPolicy(text: string): CompiledPolicy {
  try {
    return compilePolicy(text, { kind: 'resource' });
  } catch (error) {
    if (error instanceof PolicyValidationError) throw new MalformedPolicyDocumentException(error.message);
    throw error;
  }
}

export function isPublic(policy: CompiledPolicy): boolean {
  return policy.source.statements.some((s) => {
    if (s.effect !== 'Allow') return false;
    if (s.notPrincipal !== undefined) return true;
    const everyone = s.principal === '*' || (typeof s.principal === 'object' && (s.principal.AWS ?? []).includes('*'));
    return everyone && (s.condition === undefined || Object.keys(s.condition).length === 0);
  });
}

export function assertNotPublic(policy: CompiledPolicy): void {
  if (isPublic(policy)) throw new PublicPolicyException('This resource policy contains a statement that grants public access to the secret.');
}

/** A stored policy compiles (it was checked when put); should it not, it allows nothing. */
export function storedPolicy(text: string): CompiledPolicy | undefined {
  try {
    return compilePolicy(text, { kind: 'resource', allowIneffectiveStatements: true });
  } catch {
    return undefined;
  }
}
