/**
 * The IAM policy engine: parse and validate policy documents, compile them
 * once, evaluate requests the way AWS does, and word the denial.
 */
export type {
  AuthorizationRequest,
  ConditionBlock,
  ContextKeys,
  Decision,
  DecisionReason,
  Effect,
  EvaluationResult,
  MatchedStatement,
  Policy,
  PolicyKind,
  PolicyType,
  PolicyVersion,
  PrincipalSpec,
  RequestPrincipal,
  Statement,
} from './types.ts';
export { PolicyValidationError, POLICY_MESSAGES, type PolicyErrorReason } from './errors.ts';
export { parsePolicy, validatePolicy, type ParseOptions } from './parse.ts';
export { compilePolicy, compileParsedPolicy, setPolicyCacheLimit, policyCacheSize, type CompiledPolicy, type CompilePolicyOptions } from './compile.ts';
export { evaluate, accountOfArn, type NamedPolicy, type PolicySet, type ResourcePolicy } from './evaluate.ts';
export { accessDeniedMessage, accessDeniedError } from './access-denied.ts';
export { POLICY_SIZE_LIMITS, iamPolicySize } from './limits.ts';
