/**
 * FunctionName as Lambda accepts it: a name (`my-function`), a partial ARN
 * (`123456789012:function:my-function`), or a full ARN
 * (`arn:aws:lambda:us-east-1:123456789012:function:my-function`), each
 * optionally with a qualifier (`:$LATEST`, a version or an alias). Strongroom
 * has no published versions or aliases: only `$LATEST` (or none) names a
 * function; any other qualifier names nothing.
 */
import type { FunctionScope } from './types.ts';

export interface FunctionRef extends FunctionScope {
  name: string;
  qualifier?: string;
}

export function functionArn(scope: FunctionScope, name: string): string {
  return `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${name}`;
}

/** The ARN a reference names, with its qualifier: what "Function not found" prints. */
export function refArn(ref: FunctionRef): string {
  const arn = functionArn(ref, ref.name);
  return ref.qualifier === undefined ? arn : `${arn}:${ref.qualifier}`;
}

/** Resolves a FunctionName (already validated against the model's pattern) in the caller's scope; `qualifier` is the separate Qualifier parameter. */
export function parseFunctionName(scope: FunctionScope, functionName: string, qualifier?: string): FunctionRef {
  let accountId = scope.accountId;
  let region = scope.region;
  let rest = functionName;
  if (rest.startsWith('arn:')) {
    const parts = rest.split(':');
    region = parts[3];
    accountId = parts[4];
    rest = parts.slice(5).join(':');
  } else {
    const at = rest.indexOf('function:');
    if (at > 0) {
      const prefix = rest.slice(0, at).split(':').filter((p) => p !== '');
      if (prefix.length === 2) [region, accountId] = prefix;
      else if (prefix.length === 1) accountId = prefix[0];
      rest = rest.slice(at);
    }
  }
  if (rest.startsWith('function:')) rest = rest.slice('function:'.length);
  const colon = rest.indexOf(':');
  const name = colon < 0 ? rest : rest.slice(0, colon);
  const embedded = colon < 0 ? undefined : rest.slice(colon + 1);
  const ref: FunctionRef = { accountId, region, name };
  const q = qualifier ?? embedded;
  if (q !== undefined) ref.qualifier = q;
  return ref;
}

/** Whether the reference names the function itself ($LATEST) rather than a version or alias Strongroom does not have. */
export function namesLatest(ref: FunctionRef): boolean {
  return ref.qualifier === undefined || ref.qualifier === '$LATEST';
}
