/**
 * SSM LabelParameterVersion: labels move to the given version (the latest by
 * default); labels AWS refuses (prefixed aws/ssm, starting with a digit,
 * other characters than a-zA-Z0-9_.-) come back in InvalidLabels; a version
 * holds at most 10 labels.
 */
import { ParameterVersionLabelLimitExceeded } from '../../../protocol/spec/generated/ssm.errors.ts';
import type { LabelParameterVersionRequest, LabelParameterVersionResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { parameterNotFound, versionNotFound } from '../errors.ts';
import { nameFromReference } from '../model/names.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf } from '../views.ts';

export const MAX_LABELS_PER_VERSION = 10;

export function isValidLabel(label: string): boolean {
  return /^[a-zA-Z0-9_.-]{1,100}$/.test(label) && !/^(aws|ssm)/i.test(label) && !/^[0-9]/.test(label);
}

export function labelParameterVersion(model: SsmModel): OperationHandler<LabelParameterVersionRequest, LabelParameterVersionResult> {
  return (ctx, input) =>
    model.store.transaction(async () => {
      const scope = scopeOf(ctx);
      const name = nameFromReference(input.Name);
      const parameter = await model.repo.get(scope, name, true);
      if (!parameter) throw parameterNotFound(name);
      const version = input.ParameterVersion ?? parameter.version;
      if (!(await model.repo.getVersion(scope, name, version))) throw versionNotFound(name, version);
      const invalid = input.Labels.filter((label) => !isValidLabel(label));
      const valid = [...new Set(input.Labels.filter(isValidLabel))];
      const current = (await model.repo.labels(scope, name, [version])).get(version) ?? [];
      if (new Set([...current, ...valid]).size > MAX_LABELS_PER_VERSION) {
        throw new ParameterVersionLabelLimitExceeded('A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.');
      }
      for (const label of valid) if (!current.includes(label)) await model.repo.setLabel(scope, name, label, version);
      return { InvalidLabels: invalid, ParameterVersion: version };
    });
}
