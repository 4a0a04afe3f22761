/** Secret tags: at most 50, keys unique, the aws: prefix reserved; TagResource overwrites values of existing keys. */
import type { Tag } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import { invalidParameter, invalidRequest } from '../errors.ts';
import type { SecretTag } from './types.ts';

export const MAX_TAGS = 50;

export function validateTags(tags: readonly Tag[]): SecretTag[] {
  const out: SecretTag[] = [];
  for (const t of tags) {
    if (t.Key === undefined || t.Value === undefined) throw invalidParameter('A tag must have both a key and a value.');
    if (t.Key.toLowerCase().startsWith('aws:')) throw invalidParameter('Invalid tag key: the aws: prefix is reserved for AWS use.');
    const at = out.findIndex((o) => o.Key === t.Key);
    if (at >= 0) out[at] = { Key: t.Key, Value: t.Value };
    else out.push({ Key: t.Key, Value: t.Value });
  }
  if (out.length > MAX_TAGS) throw invalidRequest(`A secret can have at most ${MAX_TAGS} tags.`);
  return out;
}

export function mergeTags(current: readonly SecretTag[], added: readonly SecretTag[]): SecretTag[] {
  const merged = [...current];
  for (const t of added) {
    const at = merged.findIndex((m) => m.Key === t.Key);
    if (at >= 0) merged[at] = t;
    else merged.push(t);
  }
  if (merged.length > MAX_TAGS) throw invalidRequest(`A secret can have at most ${MAX_TAGS} tags.`);
  return merged;
}
