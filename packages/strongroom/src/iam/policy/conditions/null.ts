/**
 * Null: "check if a condition key is absent at the time of authorization":
 * `true` means the key must not exist, `false` that it must exist (compared
 * without regard to case). Several values OR together. No IfExists form and
 * no policy variables. A key present with no values (an empty list) counts
 * as absent.
 */
export interface NullCheck {
  /** The outcomes that satisfy the condition: absent (true) and/or present (false). */
  readonly acceptAbsent: boolean;
  readonly acceptPresent: boolean;
}

export function compileNull(values: readonly string[]): NullCheck {
  let acceptAbsent = false;
  let acceptPresent = false;
  for (const v of values) {
    const lower = v.trim().toLowerCase();
    if (lower === 'true') acceptAbsent = true;
    else if (lower === 'false') acceptPresent = true;
  }
  return { acceptAbsent, acceptPresent };
}

export function evaluateNull(check: NullCheck, value: string | readonly string[] | undefined): boolean {
  const present = value !== undefined && (typeof value === 'string' || value.length > 0);
  return present ? check.acceptPresent : check.acceptAbsent;
}
