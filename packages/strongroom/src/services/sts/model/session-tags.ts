/**
 * Session tags of AssumeRole: the requested tags, checked as AWS checks them,
 * plus the transitive tags of the calling session (role chaining), which
 * pass on unchanged and may not be overridden. Keys are compared regardless
 * of case; transitive keys are kept lower-cased.
 */
import type { Tag } from '../../../protocol/spec/generated/sts.types.ts';
import { invalidParameterValue, STS_MESSAGES } from '../errors.ts';

export interface InheritedTags {
  tags: Readonly<Record<string, string>>;
  /** Lower-cased. */
  transitiveTagKeys: readonly string[];
}

export interface SessionTagPlan {
  /** The new session's tags (requested and inherited), keys as given. */
  tags: Record<string, string>;
  /** The new session's transitive keys, lower-cased. */
  transitiveTagKeys: string[];
  /** Only what this request passed (for aws:RequestTag/… and aws:TagKeys). */
  requested: readonly Tag[];
}

export function planSessionTags(requested: readonly Tag[] = [], transitive: readonly string[] = [], inherited?: InheritedTags): SessionTagPlan {
  const requestedKeys = new Set<string>();
  for (const tag of requested) {
    const lower = tag.Key.toLowerCase();
    if (requestedKeys.has(lower)) throw invalidParameterValue(STS_MESSAGES.duplicateTagKeys);
    requestedKeys.add(lower);
  }
  const inheritedKeys = new Set(inherited?.transitiveTagKeys ?? []);
  for (const key of requestedKeys) if (inheritedKeys.has(key)) throw invalidParameterValue(STS_MESSAGES.transitiveKeyConflict);
  const transitiveKeys = new Set<string>();
  for (const key of transitive) {
    const lower = key.toLowerCase();
    if (!requestedKeys.has(lower)) throw invalidParameterValue(STS_MESSAGES.transitiveKeyNotInTags);
    transitiveKeys.add(lower);
  }

  const tags: Record<string, string> = {};
  for (const tag of requested) tags[tag.Key] = tag.Value;
  if (inherited) {
    for (const [key, value] of Object.entries(inherited.tags)) {
      if (inheritedKeys.has(key.toLowerCase())) tags[key] = value;
    }
    for (const key of inheritedKeys) transitiveKeys.add(key);
  }
  return { tags, transitiveTagKeys: [...transitiveKeys], requested };
}

/** aws:RequestTag/<key> for each requested tag, aws:TagKeys, sts:TransitiveTagKeys. */
export function tagContextKeys(plan: SessionTagPlan, transitive: readonly string[] = []): Record<string, string | readonly string[]> {
  const keys: Record<string, string | readonly string[]> = {};
  if (plan.requested.length === 0) return keys;
  for (const tag of plan.requested) keys[`aws:RequestTag/${tag.Key}`] = tag.Value;
  keys['aws:TagKeys'] = plan.requested.map((t) => t.Key);
  if (transitive.length > 0) keys['sts:TransitiveTagKeys'] = transitive;
  return keys;
}
