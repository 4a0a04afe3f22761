/**
 * First start: create the account, the IAM user `admin` with the AWS managed
 * policy AdministratorAccess attached (data dirs created before IAM stored
 * policies get it from migration 003), and an access key,
 * and write the key to <dataDir>/credentials. Later starts do nothing, even
 * when the credentials file has since been deleted (no new key is minted
 * behind the operator's back).
 *
 * A marker row in strongroom_meta, inserted first in the transaction, makes
 * concurrent first starts against one PostgreSQL bootstrap exactly once: the
 * second insert waits for the first transaction and then finds the row.
 */
import type { Barrier } from '../crypto/barrier/barrier.ts';
import type { Store } from '../storage/store.ts';
import { ADMINISTRATOR_ACCESS_ARN } from './aws-managed-policies.ts';
import { writeCredentialsFile } from './credentials-file.ts';
import { IdentityRepository } from './identity-repository.ts';

export const BOOTSTRAP_META_KEY = 'bootstrap.completed_at';
export const DEFAULT_ACCOUNT_ID = '000000000000';
export const BOOTSTRAP_USER = 'admin';

export interface BootstrapOptions {
  store: Store;
  barrier: Barrier;
  dataDir: string;
  /** Default 000000000000. */
  accountId?: string;
  /** Written into the credentials profile. */
  region: string;
  /** Written into the credentials profile as endpoint_url when given. */
  endpointUrl?: string;
  /** Reuse the server's repository (and its cache); a private one otherwise. */
  identity?: IdentityRepository;
}

export interface BootstrapResult {
  created: boolean;
  accountId: string;
  accessKeyId?: string;
  /** The credentials file written (only when created). */
  credentialsFile?: string;
}

export async function bootstrap(options: BootstrapOptions): Promise<BootstrapResult> {
  const { store, barrier, dataDir, region, endpointUrl } = options;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const identity = options.identity ?? new IdentityRepository(store, barrier);

  return store.transaction(async (trx) => {
    const marker = await trx
      .insertInto('strongroom_meta')
      .values({ key: BOOTSTRAP_META_KEY, value: String(Date.now()) })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(marker.numInsertedOrUpdatedRows ?? 0) === 0) return { created: false, accountId };
    if (await identity.hasAccounts()) return { created: false, accountId };

    await identity.ensureAccount(accountId);
    await identity.createUser(accountId, BOOTSTRAP_USER);
    await trx
      .insertInto('iam_policy_attachments')
      .values({ account_id: accountId, owner_type: 'user', owner_name: BOOTSTRAP_USER, policy_arn: ADMINISTRATOR_ACCESS_ARN, attached_at: Date.now() })
      .execute();
    const key = await identity.createAccessKey(accountId, BOOTSTRAP_USER);
    // Inside the transaction: if the file cannot be written, nothing is committed and the next start retries.
    const credentialsFile = writeCredentialsFile(dataDir, {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      accountId,
      userName: BOOTSTRAP_USER,
      region,
      endpointUrl,
    });
    return { created: true, accountId, accessKeyId: key.accessKeyId, credentialsFile };
  });
}
