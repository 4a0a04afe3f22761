/**
 * Parameter Store's model: the repository, the barrier that seals every
 * value, KMS for SecureString values, and the lookups every read shares
 * (a parameter by name or `name:selector`, its value opened and, on request,
 * decrypted).
 */
import type { Barrier } from '../../../crypto/barrier/barrier.ts';
import { rowAad } from '../../../crypto/barrier/aad.ts';
import type { RequestContext } from '../../../server/context.ts';
import type { Store } from '../../../storage/store.ts';
import { parameterNotFound, versionNotFound } from '../errors.ts';
import { isPlausibleName, parameterArn, parseSelector, type Selector } from './names.ts';
import type { ParameterKms } from './parameter-kms.ts';
import type { SecretReader } from './secrets-reference.ts';
import { ParameterRepository } from './parameter-repository.ts';
import type { ParameterRow, ParameterScope, VersionRow } from './types.ts';

export interface SsmModelOptions {
  store: Store;
  barrier: Barrier;
  kms: ParameterKms;
  /** Answers /aws/reference/secretsmanager/… names (absent: they are not found). */
  secrets?: SecretReader;
  /** Epoch ms; tests move time with it. */
  now?: () => number;
  /** Parameters per account and region and tier (AWS: 10,000 Standard, 100,000 Advanced). */
  limits?: ParameterLimits;
}

export interface ParameterLimits {
  Standard: number;
  Advanced: number;
}

export const DEFAULT_PARAMETER_LIMITS: ParameterLimits = { Standard: 10_000, Advanced: 100_000 };

/** A version of a parameter, found by a reference (name or name:selector). */
export interface Resolved {
  parameter: ParameterRow;
  version: VersionRow;
  selector?: string;
}

export class SsmModel {
  readonly store: Store;
  readonly repo: ParameterRepository;
  readonly kms: ParameterKms;
  readonly secrets: SecretReader | undefined;
  readonly #barrier: Barrier;
  readonly now: () => number;
  readonly limits: ParameterLimits;

  constructor(options: SsmModelOptions) {
    this.store = options.store;
    this.repo = new ParameterRepository(options.store);
    this.kms = options.kms;
    this.secrets = options.secrets;
    this.#barrier = options.barrier;
    this.now = options.now ?? Date.now;
    this.limits = options.limits ?? DEFAULT_PARAMETER_LIMITS;
  }

  seal(scope: ParameterScope, name: string, version: number, value: string): Buffer {
    return this.#barrier.seal(Buffer.from(value, 'utf8'), valueAad(scope, name, version));
  }

  /** The stored value: plaintext for String/StringList, the base64 KMS ciphertext for SecureString. */
  open(version: VersionRow): string {
    const scope = { accountId: version.account_id, region: version.region };
    return this.#barrier.open(version.value_sealed, valueAad(scope, version.name, version.version)).toString('utf8');
  }

  /** The value as the caller gets it: SecureString decrypted only when asked. */
  async valueFor(ctx: RequestContext, version: VersionRow, withDecryption: boolean | undefined): Promise<string> {
    const stored = this.open(version);
    if (version.type !== 'SecureString' || withDecryption !== true) return stored;
    return this.kms.decrypt(ctx, stored, parameterArn({ accountId: version.account_id, region: version.region }, version.name));
  }

  /** A parameter version by "name", "name:<version>" or "name:<label>"; undefined when the parameter does not exist. */
  async resolve(scope: ParameterScope, reference: string): Promise<Resolved | undefined> {
    const { name, selector } = parseSelector(reference);
    if (!isPlausibleName(name)) return undefined;
    if (selector.kind === 'latest') {
      const found = await this.repo.getWithCurrent(scope, name);
      return found && !isExpired(found.parameter, this.now()) ? found : undefined;
    }
    const parameter = await this.repo.get(scope, name);
    if (!parameter || isExpired(parameter, this.now())) return undefined;
    const version = await this.#versionOf(scope, parameter, selector);
    return { parameter, version, selector: selector.text };
  }

  /** As resolve, but a missing parameter is ParameterNotFound. */
  async resolveOrThrow(scope: ParameterScope, reference: string): Promise<Resolved> {
    const resolved = await this.resolve(scope, reference);
    if (!resolved) throw parameterNotFound();
    return resolved;
  }

  /** Deletes parameters whose Expiration policy is due, in batches; resolves with how many. */
  async deleteExpired(now: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const due = await this.repo.dueForExpiry(now, 100);
      for (const row of due) if (await this.repo.deleteIfExpired(row, now)) deleted++;
      if (due.length < 100) return deleted;
    }
  }

  async #versionOf(scope: ParameterScope, parameter: ParameterRow, selector: Selector): Promise<VersionRow> {
    let number = parameter.version;
    if (selector.kind === 'version') number = selector.version;
    if (selector.kind === 'label') {
      const labelled = await this.repo.versionOfLabel(scope, parameter.name, selector.label);
      if (labelled === undefined) throw versionNotFound(parameter.name, selector.label);
      number = labelled;
    }
    const version = await this.repo.getVersion(scope, parameter.name, number);
    if (!version) throw versionNotFound(parameter.name, number);
    return version;
  }
}

/** An Expiration policy that is due: gone for readers even before the sweep deletes it. */
export function isExpired(parameter: ParameterRow, now: number): boolean {
  return parameter.expires_at !== null && parameter.expires_at <= now;
}

function valueAad(scope: ParameterScope, name: string, version: number): string {
  return rowAad('ssm_parameter_versions', [scope.accountId, scope.region, name, String(version)], 'value_sealed');
}
