/** ListSecrets: filtered, sorted, paginated; secrets scheduled for deletion only with IncludePlannedDeletion. */
import type { ListSecretsRequest, ListSecretsResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { invalidNextToken } from '../errors.ts';
import { compileFilters } from '../model/filters.ts';
import { decodeToken, encodeToken } from '../model/inputs.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import type { SecretRecord } from '../model/types.ts';
import { listEntry } from '../views.ts';

const SORT_KEYS: Record<string, (s: SecretRecord) => number | string> = {
  'created-date': (s) => s.createdAt,
  'last-accessed-date': (s) => s.lastAccessedAt ?? 0,
  'last-changed-date': (s) => s.lastChangedAt,
  name: (s) => s.name,
};

export function listSecrets(model: SecretsModel): OperationHandler<ListSecretsRequest, ListSecretsResponse> {
  return async (ctx, input) => {
    const matches = compileFilters(input.Filters);
    const offset = decodeToken(input.NextToken, invalidNextToken);
    const limit = input.MaxResults ?? 100;
    const scope = scopeOf(ctx);
    const sortKey = SORT_KEYS[input.SortBy ?? 'created-date'] ?? SORT_KEYS['created-date']!;
    const direction = input.SortOrder === 'desc' ? -1 : 1;
    const replicated = await model.repo.allReplicas(scope);
    // A primary with replicas shows (and filters by) its own Region as PrimaryRegion, as its replicas show it.
    const secrets = (await model.repo.list(scope))
      .map((s) => (s.primaryRegion === null && replicated.has(s.name) ? { ...s, primaryRegion: s.region } : s))
      .filter((s) => (s.deletedAt === null || input.IncludePlannedDeletion === true) && matches(s))
      .sort((a, b) => {
        const ka = sortKey(a);
        const kb = sortKey(b);
        const order = ka < kb ? -1 : ka > kb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        return order * direction;
      });
    const page = secrets.slice(offset, offset + limit);
    const versions = page.length ? await model.repo.allVersions(scope) : new Map();
    const out: ListSecretsResponse = { SecretList: page.map((s) => listEntry(s, versions.get(s.name) ?? [])) };
    if (offset + limit < secrets.length) out.NextToken = encodeToken(offset + limit);
    return out;
  };
}
