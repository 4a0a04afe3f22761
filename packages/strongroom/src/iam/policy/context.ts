/**
 * Looks up request context keys for conditions and variables. Key names are
 * case-insensitive ("Key names are case-insensitive. For example,
 * aws:CurrentTime is equivalent to AWS:currenttime", IAM User Guide); the
 * caller's keys are compared in place, so a lookup allocates nothing.
 * Principal keys and the time keys are derived from the request when the
 * caller did not pass them.
 */
import type { AuthorizationRequest, RequestPrincipal } from './types.ts';
import type { VariableSource } from './template.ts';

/** A key's values: one string, or several. */
export type ContextValue = string | readonly string[];

export class ContextResolver implements VariableSource {
  #request!: AuthorizationRequest;
  #nowMs: number | undefined;

  reset(request: AuthorizationRequest): this {
    this.#request = request;
    this.#nowMs = undefined;
    return this;
  }

  /** The key's value(s) (lowercased name), or undefined when the key is absent. */
  get(lowerKey: string): ContextValue | undefined {
    const context = this.#request.context;
    if (context) {
      // Caller keys may use any case; compare in place rather than building an index per request.
      for (const key in context) {
        if (key.length === lowerKey.length && equalsIgnoringCase(key, lowerKey)) {
          const value = context[key];
          if (value !== undefined) return value;
        }
      }
    }
    return this.#derived(lowerKey);
  }

  /** The key's value when it has exactly one (policy variables cannot use multivalued keys). */
  single(lowerKey: string): string | undefined {
    const value = this.get(lowerKey);
    if (value === undefined || typeof value === 'string') return value;
    return value.length === 1 ? value[0] : undefined;
  }

  #derived(lowerKey: string): ContextValue | undefined {
    if (!lowerKey.startsWith('aws:')) return undefined;
    const principal = this.#request.principal;
    switch (lowerKey) {
      case 'aws:principalarn':
        return principal.type === 'service' || principal.type === 'anonymous' ? undefined : principalArnKey(principal);
      case 'aws:principalaccount':
        return principal.type === 'service' || principal.type === 'anonymous' ? undefined : principal.accountId;
      case 'aws:principaltype':
        return principalType(principal);
      case 'aws:username':
        return principal.type === 'user' ? principal.userName : undefined;
      case 'aws:userid':
        return principal.userId;
      case 'aws:principalisawsservice':
        return principal.type === 'service' ? 'true' : 'false';
      case 'aws:principalservicename':
        return principal.type === 'service' ? principal.service : undefined;
      case 'aws:currenttime':
        return new Date(this.#now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      case 'aws:epochtime':
        return String(Math.floor(this.#now() / 1000));
      default:
        if (lowerKey.startsWith('aws:principaltag/')) return principalTag(principal, lowerKey.slice(17));
        return undefined;
    }
  }

  #now(): number {
    if (this.#nowMs === undefined) {
      const time = this.#request.time;
      this.#nowMs = time === undefined ? Date.now() : typeof time === 'number' ? time : time.getTime();
    }
    return this.#nowMs;
  }
}

/** `a` in any case against `lower` (already lowercased), without allocating for ASCII. */
function equalsIgnoringCase(a: string, lower: string): boolean {
  for (let i = 0; i < a.length; i++) {
    let c = a.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c > 0x7f) return a.toLowerCase() === lower;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** aws:PrincipalArn: for a role session it is the role's ARN, not the session's. */
export function principalArnKey(principal: RequestPrincipal): string {
  return principal.type === 'assumed-role' && principal.roleArn ? principal.roleArn : principal.arn;
}

function principalType(principal: RequestPrincipal): string {
  switch (principal.type) {
    case 'root':
      return 'Account';
    case 'user':
      return 'User';
    case 'assumed-role':
    case 'web-identity':
      return 'AssumedRole';
    case 'federated-user':
      return 'FederatedUser';
    case 'service':
      return 'Service';
    default:
      return 'Anonymous';
  }
}

function principalTag(principal: RequestPrincipal, lowerTagKey: string): string | undefined {
  const tags = principal.tags;
  if (!tags) return undefined;
  for (const key in tags) if (key.length === lowerTagKey.length && equalsIgnoringCase(key, lowerTagKey)) return tags[key];
  return undefined;
}
