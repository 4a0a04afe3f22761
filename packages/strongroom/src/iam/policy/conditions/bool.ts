/**
 * Bool: "Boolean matching" of a key against "true" or "false" (compared
 * without regard to case). The operator reference allows policy variables
 * with Bool, so values go through the template renderer like strings.
 */
import { equalsMatcher } from './string.ts';
import type { OperatorDefinition } from './operator.ts';

export const BOOL_OPERATORS: readonly OperatorDefinition[] = [
  { name: 'Bool', negated: false, compile: (v, o) => equalsMatcher(v, o, true) },
];
