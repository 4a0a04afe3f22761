/**
 * ARN operators: ArnEquals, ArnLike, ArnNotEquals, ArnNotLike. "Each of the
 * six colon-delimited components of the ARN is checked separately and each
 * can include multi-character match wildcards (*) or single-character match
 * wildcards (?). The ArnEquals and ArnLike condition operators behave
 * identically." Policy variables are allowed.
 */
import { patternMatcher } from './string.ts';
import type { OperatorDefinition } from './operator.ts';

export const ARN_OPERATORS: readonly OperatorDefinition[] = [
  { name: 'ArnEquals', negated: false, compile: (v, o) => patternMatcher(v, o, 'arn') },
  { name: 'ArnLike', negated: false, compile: (v, o) => patternMatcher(v, o, 'arn') },
  { name: 'ArnNotEquals', negated: true, compile: (v, o) => patternMatcher(v, o, 'arn') },
  { name: 'ArnNotLike', negated: true, compile: (v, o) => patternMatcher(v, o, 'arn') },
];
