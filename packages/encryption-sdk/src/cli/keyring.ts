/**
 * The keyring the CLI uses, built from its --wrapping-keys groups. This is
 * the one place that constructs KMS clients, so it loads @aws-sdk/client-kms
 * at run time; credentials and default region come from the SDK's usual
 * sources (environment, shared config files).
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { KmsDiscoveryKeyring, KmsKeyring, kmsClientSupplier, type KmsClientSupplier } from '../keyrings/kms/index.ts';
import { MultiKeyring } from '../keyrings/multi.ts';
import type { Keyring } from '../materials.ts';
import type { WrappingKeyGroup } from './args.ts';

export interface KmsEndpoint {
  /** KMS endpoint URL (Strongroom's, or a VPC endpoint); undefined: the SDK's default. */
  readonly endpointUrl?: string;
}

export function kmsEndpointFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return flag ?? env.AWS_ENDPOINT_URL_KMS ?? env.AWS_ENDPOINT_URL ?? undefined;
}

async function clientFactory(endpoint: KmsEndpoint, created: KMSClient[]): Promise<(region: string | undefined) => KMSClient> {
  // An optional peer dependency of the package: say so when it is missing.
  const { KMSClient: Client } = await import('@aws-sdk/client-kms').catch((error: unknown) => {
    throw new Error('strongroom-encrypt needs the @aws-sdk/client-kms package; install it next to @strongroom/encryption-sdk', { cause: error });
  });
  return (region) => {
    const client = new Client({ ...(region ? { region } : {}), ...(endpoint.endpointUrl ? { endpoint: endpoint.endpointUrl } : {}) });
    created.push(client);
    return client;
  };
}

/** A supplier for one group: key ARNs pick their own region, other identifiers the group's region=. */
function groupSupplier(shared: KmsClientSupplier, group: WrappingKeyGroup): KmsClientSupplier {
  return (region) => shared(region ?? group.region);
}

export interface CliKeyring {
  readonly keyring: Keyring;
  /** Closes the KMS clients' connections. */
  close(): void;
}

export async function buildKeyring(mode: 'encrypt' | 'decrypt', groups: readonly WrappingKeyGroup[], endpoint: KmsEndpoint): Promise<CliKeyring> {
  const created: KMSClient[] = [];
  const close = () => {
    for (const client of created.splice(0)) client.destroy();
  };
  const shared = kmsClientSupplier(await clientFactory(endpoint, created));
  const keyrings: Keyring[] = groups.map((group, index) => {
    const clientSupplier = groupSupplier(shared, group);
    if (group.discovery) {
      const discoveryFilter = group.discoveryPartition ? { partition: group.discoveryPartition, accountIDs: group.discoveryAccounts } : undefined;
      return new KmsDiscoveryKeyring({ clientSupplier, discoveryFilter });
    }
    // The first key of the first group generates the data key; every other key wraps it.
    if (mode === 'encrypt' && index === 0) return new KmsKeyring({ clientSupplier, generatorKeyId: group.keys[0], keyIds: group.keys.slice(1) });
    return new KmsKeyring({ clientSupplier, keyIds: group.keys });
  });
  if (keyrings.length === 1) return { keyring: keyrings[0], close };
  return {
    keyring: mode === 'encrypt' ? new MultiKeyring({ generator: keyrings[0], children: keyrings.slice(1) }) : new MultiKeyring({ children: keyrings }),
    close,
  };
}
