/**
 * Staging labels, as AWS documents them: a label is on at most one version;
 * when AWSCURRENT moves to another version, the version that had it gets
 * AWSPREVIOUS (taken from wherever it was). A version left with no label is
 * deprecated.
 */
export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
export const AWSPENDING = 'AWSPENDING';

/** version id → labels. */
export type StageMap = Map<string, string[]>;

export function versionWithStage(stages: StageMap, label: string): string | undefined {
  for (const [id, labels] of stages) if (labels.includes(label)) return id;
  return undefined;
}

/** Puts `label` on `versionId` (taking it off any other); returns the version ids whose labels changed. */
export function attachStage(stages: StageMap, label: string, versionId: string): Set<string> {
  const changed = new Set<string>();
  const from = versionWithStage(stages, label);
  if (from === versionId) return changed;
  if (from !== undefined) {
    stages.set(from, stages.get(from)!.filter((l) => l !== label));
    changed.add(from);
  }
  if (label === AWSCURRENT && from !== undefined) {
    const previous = versionWithStage(stages, AWSPREVIOUS);
    if (previous !== undefined && previous !== from) {
      stages.set(previous, stages.get(previous)!.filter((l) => l !== AWSPREVIOUS));
      changed.add(previous);
    }
    const fromLabels = stages.get(from)!;
    if (!fromLabels.includes(AWSPREVIOUS)) stages.set(from, [...fromLabels, AWSPREVIOUS]);
  }
  const labels = (stages.get(versionId) ?? []).filter((l) => !(label === AWSCURRENT && l === AWSPREVIOUS));
  stages.set(versionId, [...labels, label]);
  changed.add(versionId);
  return changed;
}

export function detachStage(stages: StageMap, label: string, versionId: string): boolean {
  const labels = stages.get(versionId);
  if (!labels?.includes(label)) return false;
  stages.set(versionId, labels.filter((l) => l !== label));
  return true;
}
