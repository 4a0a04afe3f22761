/**
 * The AAD convention: a sealed column's AAD names its row and column, so a
 * ciphertext copied into another row, account or column fails to open.
 *
 *   rowAad('access_keys', ['AKIA…'], 'secret_sealed')  → "access_keys/AKIA…/secret_sealed"
 *   rowAad('secrets', [account, region, name], 'value_sealed')
 *
 * Each key part is percent-encoded (encodeURIComponent), so parts containing
 * "/" (secret names, parameter paths) cannot collide with other part splits.
 */
export function rowAad(table: string, key: readonly string[], column: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || !/^[a-z_][a-z0-9_]*$/.test(column)) {
    throw new Error(`rowAad: table and column must be lowercase SQL identifiers (got "${table}", "${column}")`);
  }
  if (key.length === 0) throw new Error('rowAad: a row needs at least one key part');
  return [table, ...key.map((part) => encodeURIComponent(part)), column].join('/');
}
