/** The paginated KMS listings: keys, aliases, tags, rotations. */
import type { RotationType } from '../../../protocol/spec/generated/kms.types.ts';
import { decodeMarker, toPage } from './pagination.ts';
import type { KmsModel } from './kms-model.ts';
import type { KeyTag } from './tags.ts';
import type { AliasRecord, KeyScope, Page } from './types.ts';

export async function listKeys(model: KmsModel, scope: KeyScope, limit = 100, marker?: string): Promise<Page<{ keyId: string; arn: string }>> {
  const after = decodeMarker(marker);
  const rows = await model.keys.listKeys(scope, model.now(), after, limit + 1);
  return toPage(rows, limit, (k) => k.keyId);
}

/** Aliases in name order; with a KeyId (key id or ARN), only that key's. */
export async function listAliases(model: KmsModel, scope: KeyScope, options: { keyIdParam?: string; limit?: number; marker?: string }): Promise<Page<AliasRecord>> {
  const limit = options.limit ?? 50;
  const after = decodeMarker(options.marker);
  const targetKeyId = options.keyIdParam === undefined ? undefined : (await model.findKey(scope, options.keyIdParam, { aliases: false })).record.keyId;
  const rows = await model.aliases.list(scope, model.now(), { targetKeyId, afterAliasName: after, limit: limit + 1 });
  return toPage(rows, limit, (a) => a.aliasName);
}

export async function listTags(model: KmsModel, scope: KeyScope, keyIdParam: string, limit = 50, marker?: string): Promise<Page<KeyTag>> {
  const after = decodeMarker(marker);
  const key = await model.findKey(scope, keyIdParam, { aliases: false });
  const rows = await model.tags.list(scope, key.record.keyId, after, limit + 1);
  return toPage(rows, limit, (t) => t.key);
}

export interface RotationEntry {
  keyId: string;
  materialId: string;
  current: boolean;
  rotationDate?: number;
  rotationType?: RotationType;
}

/** Completed rotations, oldest first; with `includeInitial`, the key's first material too. */
export async function listRotations(
  model: KmsModel,
  scope: KeyScope,
  keyIdParam: string,
  options: { includeInitial: boolean; limit?: number; marker?: string },
): Promise<Page<RotationEntry>> {
  const limit = options.limit ?? 100;
  const after = decodeMarker(options.marker);
  const afterVersion = after === undefined ? 0 : Number.parseInt(after, 10) || 0;
  const key = await model.findKey(scope, keyIdParam, { aliases: false });
  const materials = (await model.keys.listMaterials(scope, key.record.keyId)).filter(
    (m) => m.version > afterVersion && (options.includeInitial || m.rotationType !== null),
  );
  const entries = materials.map((m) => ({
    version: m.version,
    entry: {
      keyId: key.record.keyId,
      materialId: m.materialId,
      current: m.version === key.record.currentMaterialVersion,
      ...(m.rotationType !== null ? { rotationDate: m.createdAt, rotationType: m.rotationType } : {}),
    } satisfies RotationEntry,
  }));
  const page = toPage(entries.slice(0, limit + 1), limit, (e) => String(e.version));
  return { items: page.items.map((e) => e.entry), nextMarker: page.nextMarker };
}
