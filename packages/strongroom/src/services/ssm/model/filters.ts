/**
 * ParameterFilters (and the older Filters) → SQL conditions on
 * ssm_parameters, so filtered listings stay index scans with LIMIT, never
 * loading every parameter. Keys and options are checked as AWS checks them.
 */
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { InvalidFilterKey, InvalidFilterOption, InvalidFilterValue } from '../../../protocol/spec/generated/ssm.errors.ts';
import type { ParametersFilter, ParameterStringFilter } from '../../../protocol/spec/generated/ssm.types.ts';
import type { Database, Engine } from '../../../storage/types.ts';
import { validation } from '../errors.ts';
import { normalizePath, prefixUpperBound } from './names.ts';

type EB = ExpressionBuilder<Database, 'ssm_parameters'>;
export type Condition = (eb: EB) => Expression<SqlBool>;

const TYPES = ['String', 'StringList', 'SecureString'];
const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'];

/** Which keys an operation accepts. */
const DESCRIBE_KEYS = ['Path', 'Name', 'Type', 'KeyId', 'Tier', 'DataType'];
const BY_PATH_KEYS = ['Type', 'KeyId', 'Label', 'DataType'];

export function compileStringFilters(filters: readonly ParameterStringFilter[] | undefined, operation: 'describe' | 'by-path', engine: Engine): Condition[] {
  const seen = new Set<string>();
  const allowed = operation === 'describe' ? DESCRIBE_KEYS : BY_PATH_KEYS;
  return (filters ?? []).map((filter) => {
    const key = filter.Key;
    if (!key.startsWith('tag:') && !allowed.includes(key)) {
      throw new InvalidFilterKey(`The following filter key is not valid: ${key}. Valid filter keys include: [${allowed.join(', ')}].`);
    }
    if (seen.has(key)) throw new InvalidFilterKey(`The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`);
    seen.add(key);
    const values = filter.Values ?? [];
    if (values.length === 0 && !key.startsWith('tag:')) throw new InvalidFilterValue(`The following filter values are missing : null for filter key ${key}.`);
    const option = filter.Option ?? (key === 'Path' ? 'OneLevel' : 'Equals');
    return condition(key, option, values, engine);
  });
}

function options(key: string, option: string, valid: string[]): void {
  if (!valid.includes(option)) throw new InvalidFilterOption(`The following filter option is not valid: ${option}. Valid options include: [${valid.join(', ')}].`);
}

function enumValues(values: readonly string[], valid: string[]): void {
  for (const value of values) {
    if (!valid.includes(value)) throw new InvalidFilterValue(`The following filter value is not valid: ${value}. Valid values include: [${valid.join(', ')}].`);
  }
}

function condition(key: string, option: string, values: readonly string[], engine: Engine): Condition {
  if (key.startsWith('tag:')) {
    options(key, option, ['Equals']);
    const tagKey = key.slice(4);
    return (eb) =>
      eb.exists(
        eb
          .selectFrom('ssm_parameter_tags as t')
          .select(sql.lit(1).as('one'))
          .whereRef('t.account_id', '=', 'ssm_parameters.account_id')
          .whereRef('t.region', '=', 'ssm_parameters.region')
          .whereRef('t.name', '=', 'ssm_parameters.name')
          .where('t.tag_key', '=', tagKey)
          .$if(values.length > 0, (qb) => qb.where('t.tag_value', 'in', values)),
      );
  }
  switch (key) {
    case 'Name':
      options(key, option, ['Equals', 'BeginsWith', 'Contains']);
      return textCondition('name', option, values, engine);
    case 'Type':
      options(key, option, ['Equals', 'BeginsWith']);
      if (option === 'Equals') enumValues(values, TYPES);
      return textCondition('type', option, values, engine);
    case 'Tier':
      options(key, option, ['Equals', 'BeginsWith']);
      if (option === 'Equals') enumValues(values, TIERS);
      return textCondition('tier', option, values, engine);
    case 'KeyId':
    case 'DataType':
      options(key, option, ['Equals', 'BeginsWith']);
      return textCondition(key === 'KeyId' ? 'key_id' : 'data_type', option, values, engine);
    case 'Label':
      options(key, option, ['Equals']);
      return (eb) =>
        eb.exists(
          eb
            .selectFrom('ssm_parameter_labels as l')
            .select(sql.lit(1).as('one'))
            .whereRef('l.account_id', '=', 'ssm_parameters.account_id')
            .whereRef('l.region', '=', 'ssm_parameters.region')
            .whereRef('l.name', '=', 'ssm_parameters.name')
            .where('l.label', 'in', values),
        );
    case 'Path': {
      options(key, option, ['Recursive', 'OneLevel']);
      const paths = values.map((value) => {
        if (/^\/(aws|ssm)/i.test(value)) {
          throw validation('Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). When using global parameters, please specify within a global namespace.');
        }
        return normalizePath(value);
      });
      return (eb) => eb.or(paths.map((path) => pathCondition(path, option === 'Recursive')(eb)));
    }
    default:
      throw new InvalidFilterKey(`The following filter key is not valid: ${key}.`);
  }
}

type TextColumn = 'name' | 'type' | 'tier' | 'key_id' | 'data_type';

function textCondition(column: TextColumn, option: string, values: readonly string[], engine: Engine): Condition {
  if (option === 'Equals') return (eb) => eb(column, 'in', values);
  if (option === 'BeginsWith') {
    return (eb) => eb.or(values.map((v) => eb.and([eb(column, '>=', v), eb(column, '<', prefixUpperBound(v))])));
  }
  // Contains: case-sensitive on both engines (LIKE is not, on SQLite).
  const fn = engine === 'sqlite' ? 'instr' : 'strpos';
  return (eb) => eb.or(values.map((v) => eb(sql<number>`${sql.raw(fn)}(${sql.ref(`ssm_parameters.${column}`)}, ${v})`, '>', 0)));
}

/** Leaves out parameters whose Expiration policy is due but not yet swept. */
export function notExpired(now: number): Condition {
  return (eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]);
}

/** Parameters directly under `path` (one level) or anywhere below it (recursive). */
export function pathCondition(path: string, recursive: boolean): Condition {
  if (!recursive) return (eb) => eb('parent_path', '=', path);
  if (path === '/') return () => sql<SqlBool>`1 = 1`;
  // "/a/" ≤ name < "/a0": '0' is the character right after '/'.
  return (eb) => eb.and([eb('name', '>=', `${path}/`), eb('name', '<', `${path}0`)]);
}

/** The older DescribeParameters Filters: Name, Type, KeyId, each matching any of its values. */
export function compileLegacyFilters(filters: readonly ParametersFilter[] | undefined): Condition[] {
  return (filters ?? []).map((filter) => {
    const column: TextColumn = filter.Key === 'Name' ? 'name' : filter.Key === 'Type' ? 'type' : 'key_id';
    if (filter.Key === 'Type') enumValues(filter.Values, TYPES);
    return (eb) => eb(column, 'in', filter.Values);
  });
}
