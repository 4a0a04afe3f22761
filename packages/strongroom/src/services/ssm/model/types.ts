/** Parameter Store records, as the model hands them to operations. */
import type { SsmParametersTable, SsmParameterVersionsTable } from '../../../storage/types.ts';
import type { ParameterScope } from './names.ts';

export type ParameterRow = SsmParametersTable;
export type VersionRow = SsmParameterVersionsTable;
export type { ParameterScope };

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type Tier = 'Standard' | 'Advanced';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}
