/**
 * The SSM service definition (Parameter Store operations): the generated
 * model plus one handler per implemented operation, sharing one SsmModel.
 * SecureString values go through KMS in-process (ParameterKms).
 */
import type { Barrier } from '../../crypto/barrier/barrier.ts';
import { ssmSpec } from '../../protocol/spec/generated/ssm.spec.ts';
import type { ServiceDefinition } from '../../protocol/types.ts';
import type { InternalClient } from '../../server/internal-client.ts';
import type { Store } from '../../storage/store.ts';
import { ssmAuthz } from './authz.ts';
import { internalParameterKms, type EnsureManagedKey } from './model/parameter-kms.ts';
import { internalSecretReader } from './model/secrets-reference.ts';
import { SsmModel, type ParameterLimits } from './model/ssm-model.ts';
import { deleteParameter } from './operations/delete-parameter.ts';
import { deleteParameters } from './operations/delete-parameters.ts';
import { describeParameters } from './operations/describe-parameters.ts';
import { getParameterHistory } from './operations/get-parameter-history.ts';
import { getParameter } from './operations/get-parameter.ts';
import { getParametersByPath } from './operations/get-parameters-by-path.ts';
import { getParameters } from './operations/get-parameters.ts';
import { labelParameterVersion } from './operations/label-parameter-version.ts';
import { putParameter } from './operations/put-parameter.ts';
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './operations/tags.ts';
import { unlabelParameterVersion } from './operations/unlabel-parameter-version.ts';

export { DEFAULT_PARAMETER_LIMITS, SsmModel, type ParameterLimits, type SsmModelOptions } from './model/ssm-model.ts';
export { internalParameterKms, type EnsureManagedKey, type ParameterKms } from './model/parameter-kms.ts';

export interface SsmServiceDeps {
  ssm: SsmModel;
}

/** Builds the model from the store, the barrier, the in-process client and the AWS-managed-key hook. */
export function createSsmModel(options: { store: Store; barrier: Barrier; internal: InternalClient; ensureManagedKey: EnsureManagedKey; now?: () => number; limits?: ParameterLimits }): SsmModel {
  return new SsmModel({
    store: options.store,
    barrier: options.barrier,
    kms: internalParameterKms(options.internal, options.ensureManagedKey),
    secrets: internalSecretReader(options.internal),
    now: options.now,
    limits: options.limits,
  });
}

export function ssmService({ ssm }: SsmServiceDeps): ServiceDefinition {
  return {
    spec: ssmSpec,
    handlers: {
      PutParameter: putParameter(ssm),
      GetParameter: getParameter(ssm),
      GetParameters: getParameters(ssm),
      GetParametersByPath: getParametersByPath(ssm),
      GetParameterHistory: getParameterHistory(ssm),
      DeleteParameter: deleteParameter(ssm),
      DeleteParameters: deleteParameters(ssm),
      DescribeParameters: describeParameters(ssm),
      LabelParameterVersion: labelParameterVersion(ssm),
      UnlabelParameterVersion: unlabelParameterVersion(ssm),
      AddTagsToResource: addTagsToResource(ssm),
      RemoveTagsFromResource: removeTagsFromResource(ssm),
      ListTagsForResource: listTagsForResource(ssm),
    },
    authz: ssmAuthz(),
  };
}
