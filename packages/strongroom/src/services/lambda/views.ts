/** Function records → Lambda's FunctionConfiguration. */
import type * as L from '../../protocol/spec/generated/lambda.types.ts';
import { lastModifiedText } from './model/lambda-model.ts';
import type { FunctionRecord } from './model/types.ts';

export function functionConfiguration(fn: FunctionRecord): L.FunctionConfiguration {
  const config: L.FunctionConfiguration = {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime as L.Runtime,
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memorySize,
    LastModified: lastModifiedText(fn.lastModified),
    CodeSha256: fn.codeSha256,
    Version: '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.revisionId,
    // Strongroom unpacks code on first use; a created function is ready at once.
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
  };
  if (fn.environment !== undefined) config.Environment = { Variables: fn.environment };
  return config;
}
