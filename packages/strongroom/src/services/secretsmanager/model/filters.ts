/**
 * ListSecrets filters as AWS documents them: values are prefix matches
 * (description and "all" case-insensitive, the others case-sensitive); a
 * value starting with "!" negates; values of one filter are ORed, filters
 * ANDed. "all" splits the value into words and matches any attribute.
 */
import type { Filter } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import { invalidParameter } from '../errors.ts';
import type { SecretRecord } from './types.ts';

type Attribute = (secret: SecretRecord) => string[];

const ATTRIBUTES: Record<string, { of: Attribute; caseInsensitive: boolean }> = {
  name: { of: (s) => [s.name], caseInsensitive: false },
  description: { of: (s) => (s.description === null ? [] : [s.description]), caseInsensitive: true },
  'tag-key': { of: (s) => s.tags.map((t) => t.Key), caseInsensitive: false },
  'tag-value': { of: (s) => s.tags.map((t) => t.Value), caseInsensitive: false },
  'primary-region': { of: (s) => (s.primaryRegion === null ? [] : [s.primaryRegion]), caseInsensitive: false },
  'owning-service': { of: () => [], caseInsensitive: false },
  all: { of: (s) => [s.name, ...(s.description === null ? [] : [s.description]), ...s.tags.flatMap((t) => [t.Key, t.Value])], caseInsensitive: true },
};

export function compileFilters(filters: readonly Filter[] | undefined): (secret: SecretRecord) => boolean {
  const tests = (filters ?? []).map((filter) => {
    const attribute = filter.Key === undefined ? undefined : ATTRIBUTES[filter.Key];
    if (!attribute) throw invalidParameter('Invalid filter key');
    const values = filter.Values ?? [];
    if (values.length === 0) throw invalidParameter(`Filter values for ${filter.Key} must not be empty.`);
    const fold = (s: string) => (attribute.caseInsensitive ? s.toLowerCase() : s);
    const matchers = values.map((raw) => {
      const negate = raw.startsWith('!');
      const value = fold(negate ? raw.slice(1) : raw);
      const words = filter.Key === 'all' ? value.split(/\s+/).filter(Boolean) : [value];
      return (secret: SecretRecord) => {
        const attrs = attribute.of(secret).map(fold);
        const hit = words.some((w) => attrs.some((a) => a.startsWith(w)));
        return negate ? !hit : hit;
      };
    });
    return (secret: SecretRecord) => matchers.some((m) => m(secret));
  });
  return (secret) => tests.every((t) => t(secret));
}
