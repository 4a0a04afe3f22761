/** A stored Lambda function, as the model and the views see it. */
export interface FunctionScope {
  accountId: string;
  region: string;
}

export interface FunctionRecord extends FunctionScope {
  name: string;
  arn: string;
  /** Stable id of the function (for log stream names and the like). */
  functionId: string;
  runtime: string;
  handler: string;
  role: string;
  description: string;
  timeoutSeconds: number;
  memorySize: number;
  /** Environment.Variables, unsealed; undefined when the function has none. */
  environment: Record<string, string> | undefined;
  /** Base64 SHA-256 of the deployment package. */
  codeSha256: string;
  codeSize: number;
  /** The resource policy (JSON text), when AddPermission has added statements. */
  resourcePolicy: string | null;
  revisionId: string;
  lastModified: number;
}
