/**
 * The shape of the tables scripts/codegen.ts writes into spec/generated/ from
 * the AWS service models (botocore service-2.json, documentation dropped).
 * Hand-written; the generated files are typed against it.
 */

export type Protocol = 'json' | 'query' | 'rest-json' | 'rest-xml';

export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'boolean'
  | 'blob'
  | 'timestamp';

export type TimestampFormat = 'iso8601' | 'unixTimestamp' | 'rfc822';

/** A reference from a structure member, list member or map key/value to a shape, with its serialization traits. */
export interface MemberRef {
  shape: string;
  /** Wire name (JSON key, XML element, query key) when it differs from the member name. */
  locationName?: string;
  /** REST binding: where the member travels. */
  location?: 'header' | 'headers' | 'uri' | 'querystring' | 'statusCode';
  flattened?: boolean;
  xmlName?: string;
  queryName?: string;
  xmlAttribute?: boolean;
  xmlNamespace?: { prefix?: string; uri: string };
  timestampFormat?: TimestampFormat;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  hostLabel?: boolean;
  streaming?: boolean;
}

/** The HTTP status and wire code of an exception shape (defaults applied by the generator). */
export interface ErrorInfo {
  /** The code on the wire: `__type` for JSON, `<Code>` for query. */
  code: string;
  httpStatus: number;
  senderFault: boolean;
}

export interface Shape {
  type: ShapeType;
  members?: Record<string, MemberRef>;
  required?: string[];
  /** Length (string, blob, list, map) or value (numbers) bounds. */
  min?: number;
  max?: number;
  /** A Java regular expression, as in the model; the whole value must match. */
  pattern?: string;
  enum?: string[];
  /** List member. */
  member?: MemberRef;
  /** Map key and value. */
  key?: MemberRef;
  value?: MemberRef;
  flattened?: boolean;
  locationName?: string;
  timestampFormat?: TimestampFormat;
  sensitive?: boolean;
  union?: boolean;
  /** REST: the member that is the whole body. */
  payload?: string;
  xmlNamespace?: { prefix?: string; uri: string };
  streaming?: boolean;
  document?: boolean;
  exception?: boolean;
  /** Server fault (5xx) exception. */
  fault?: boolean;
  error?: ErrorInfo;
}

export interface OperationSpec {
  name: string;
  input?: string;
  output?: string;
  /** awsQuery: the element wrapping the output members, e.g. "GetCallerIdentityResult". */
  resultWrapper?: string;
  errors: string[];
  http: { method: string; requestUri: string; responseCode?: number };
  /** Set when the operation is called without SigV4 (e.g. STS AssumeRoleWithWebIdentity). */
  noAuth?: true;
  idempotent?: true;
}

export interface ServiceSpec {
  /** metadata.signingName ?? endpointPrefix */
  signingName: string;
  endpointPrefix: string;
  protocol: Protocol;
  targetPrefix?: string;
  jsonVersion?: string;
  apiVersion: string;
  xmlNamespace?: string;
  serviceId: string;
  operations: Record<string, OperationSpec>;
  shapes: Record<string, Shape>;
}
