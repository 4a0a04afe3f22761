/**
 * Which KMSClient a KMS keyring calls: one client, or a supplier that gives
 * the client for a region (keys of several regions, discovery across regions).
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { InvalidArgumentError } from '../../errors.ts';
import { parseKmsArn } from './arn.ts';

/**
 * The client for `region` (a key ARN's region), or for the default region
 * when `region` is undefined (a key id or alias). Undefined: this region is
 * not to be used; the keyring skips those keys.
 */
export type KmsClientSupplier = (region: string | undefined) => KMSClient | undefined;

export interface KmsClientOptions {
  /** One client for every call (its region is the one used for key ids and aliases). */
  readonly client?: KMSClient;
  /** Or: a client per region, e.g. from kmsClientSupplier(). */
  readonly clientSupplier?: KmsClientSupplier;
}

export function clientSource(options: KmsClientOptions, keyring: string): KmsClientSupplier {
  const { client, clientSupplier } = options;
  if (client && clientSupplier) throw new InvalidArgumentError(`${keyring}: give either client or clientSupplier, not both`);
  if (clientSupplier) {
    if (typeof clientSupplier !== 'function') throw new InvalidArgumentError(`${keyring}: clientSupplier must be a function`);
    return clientSupplier;
  }
  if (!client || typeof (client as { send?: unknown }).send !== 'function') {
    throw new InvalidArgumentError(`${keyring}: a KMS client (an @aws-sdk/client-kms KMSClient) is required`);
  }
  return () => client;
}

/** The region a key identifier pins, if it is an ARN. */
export function regionOfIdentifier(identifier: string): string | undefined {
  return parseKmsArn(identifier)?.region;
}

/**
 * A supplier that builds one client per region with `factory` and reuses it.
 * `regions`, when given, limits the regions the keyrings may call.
 */
export function kmsClientSupplier(factory: (region: string | undefined) => KMSClient, options: { regions?: readonly string[] } = {}): KmsClientSupplier {
  const clients = new Map<string | undefined, KMSClient>();
  const allowed = options.regions ? new Set(options.regions) : undefined;
  return (region) => {
    if (allowed && region !== undefined && !allowed.has(region)) return undefined;
    let client = clients.get(region);
    if (!client) {
      client = factory(region);
      clients.set(region, client);
    }
    return client;
  };
}
