/**
 * The Condition element: operator name parsing (ForAllValues:/ForAnyValue:
 * prefixes, the …IfExists suffix), compilation and evaluation.
 *
 * AWS's rules implemented here (IAM User Guide, "Condition operators" and
 * "Condition with multiple context keys or values"):
 * - all operators in a block, and all keys under an operator, must hold (AND);
 *   several values for one key OR together;
 * - a key absent from the request makes the condition false, except for
 *   negated operators ("If the policy condition requires that the key is not
 *   matched, such as StringNotLike or ArnNotLike, and the right key is not
 *   present, the condition is true") and …IfExists ("If the key is not
 *   present, evaluate the condition element as true");
 * - ForAllValues is true when every request value matches a policy value, and
 *   also when the key is absent or empty; ForAnyValue is true when at least
 *   one does, and false when the key is absent or empty;
 * - with a negated operator the per-value test is negated: ForAllValues:
 *   StringNotEquals means no request value is in the list.
 */
import type { ContextResolver } from '../context.ts';
import type { ConditionBlock } from '../types.ts';
import { ARN_OPERATORS } from './arn.ts';
import { BINARY_OPERATORS } from './binary.ts';
import { BOOL_OPERATORS } from './bool.ts';
import { DATE_OPERATORS } from './date.ts';
import { IP_OPERATORS } from './ip-address.ts';
import { compileNull, evaluateNull, type NullCheck } from './null.ts';
import { NUMERIC_OPERATORS } from './numeric.ts';
import type { CompileOptions, OperatorDefinition, ValueMatcher } from './operator.ts';
import { STRING_OPERATORS } from './string.ts';

const OPERATORS = new Map<string, OperatorDefinition>(
  [...STRING_OPERATORS, ...NUMERIC_OPERATORS, ...DATE_OPERATORS, ...BOOL_OPERATORS, ...BINARY_OPERATORS, ...IP_OPERATORS, ...ARN_OPERATORS].map(
    (op) => [op.name, op],
  ),
);

export type SetOperator = 'none' | 'ForAllValues' | 'ForAnyValue';

export interface ParsedOperator {
  readonly base: string;
  readonly definition?: OperatorDefinition;
  readonly isNull: boolean;
  readonly setOperator: SetOperator;
  readonly ifExists: boolean;
}

/** Splits "ForAnyValue:StringLikeIfExists"; undefined for an unknown operator. */
export function parseOperatorName(name: string): ParsedOperator | undefined {
  let rest = name;
  let setOperator: SetOperator = 'none';
  if (rest.startsWith('ForAllValues:')) {
    setOperator = 'ForAllValues';
    rest = rest.slice(13);
  } else if (rest.startsWith('ForAnyValue:')) {
    setOperator = 'ForAnyValue';
    rest = rest.slice(12);
  }
  const ifExists = rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -8) : rest;
  if (base === 'Null') return ifExists ? undefined : { base, isNull: true, setOperator, ifExists };
  const definition = OPERATORS.get(base);
  return definition ? { base, definition, isNull: false, setOperator, ifExists } : undefined;
}

export interface CompiledCondition {
  readonly operator: string;
  readonly key: string;
  readonly setOperator: SetOperator;
  readonly ifExists: boolean;
  readonly negated: boolean;
  readonly matcher?: ValueMatcher;
  readonly nullCheck?: NullCheck;
}

export function compileConditions(block: ConditionBlock, options: CompileOptions): CompiledCondition[] {
  const compiled: CompiledCondition[] = [];
  for (const operator of Object.keys(block)) {
    const parsed = parseOperatorName(operator);
    const keys = block[operator];
    for (const key of Object.keys(keys)) {
      const values = keys[key];
      const base = { operator, key: key.toLowerCase(), setOperator: parsed?.setOperator ?? 'none', ifExists: parsed?.ifExists ?? false };
      if (!parsed) {
        // Validation rejects unknown operators with keys; if one gets here, it never holds.
        compiled.push({ ...base, negated: false, nullCheck: { acceptAbsent: false, acceptPresent: false } });
      } else if (parsed.isNull) {
        compiled.push({ ...base, negated: false, nullCheck: compileNull(values) });
      } else {
        compiled.push({ ...base, negated: parsed.definition!.negated, matcher: parsed.definition!.compile(values, options) });
      }
    }
  }
  return compiled;
}

export function evaluateCondition(condition: CompiledCondition, context: ContextResolver): boolean {
  const value = context.get(condition.key);
  if (condition.nullCheck) return evaluateNull(condition.nullCheck, value);
  const matcher = condition.matcher!;
  const negated = condition.negated;
  if (typeof value === 'string') {
    // One request value: the set operators reduce to the plain test — except that for them an
    // empty string is an empty data set ("for example, an empty string").
    if (value !== '' || condition.setOperator === 'none') return matcher.test(value, context) !== negated;
    return condition.setOperator === 'ForAllValues' || condition.ifExists;
  }
  if (value === undefined || value.length === 0) {
    if (condition.ifExists || condition.setOperator === 'ForAllValues') return true;
    if (condition.setOperator === 'ForAnyValue') return false;
    return negated;
  }
  switch (condition.setOperator) {
    case 'ForAllValues':
      for (let i = 0; i < value.length; i++) if (matcher.test(value[i], context) === negated) return false;
      return true;
    case 'ForAnyValue':
      for (let i = 0; i < value.length; i++) if (matcher.test(value[i], context) !== negated) return true;
      return false;
    default: {
      // No set operator: any request value matching makes the positive operator true.
      let matched = false;
      for (let i = 0; i < value.length && !matched; i++) matched = matcher.test(value[i], context);
      return matched !== negated;
    }
  }
}

export function evaluateConditions(conditions: readonly CompiledCondition[], context: ContextResolver): boolean {
  for (let i = 0; i < conditions.length; i++) if (!evaluateCondition(conditions[i], context)) return false;
  return true;
}
