/**
 * IAM listings filter by path prefix ("/division_abc/subdivision_xyz/").
 * A prefix comparison with substr(), not LIKE, so '%' and '_' in a prefix
 * match only themselves on both engines.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

export function pathStartsWith(column: string, prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`substr(${sql.ref(column)}, 1, ${sql.lit(prefix.length)}) = ${prefix}`;
}
