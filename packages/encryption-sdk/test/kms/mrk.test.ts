/**
 * Multi-Region key awareness against Strongroom: a message encrypted under a
 * multi-Region key in us-east-1 decrypts in us-west-2 with the replica, by
 * the strict keyring configured with the replica's ARN and by the discovery
 * keyring of the us-west-2 client (which rewrites the EDK's ARN to its region).
 *
 * Skips, saying why, when the server refuses multi-Region keys
 * (CreateKey MultiRegion or ReplicateKey not supported yet).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, DecryptCommand, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { KmsDiscoveryKeyring, KmsKeyring } from '../../src/keyrings/kms/index.ts';
import type { EncryptionMaterials } from '../../src/materials.ts';
import { suiteById } from '../../src/suites.ts';
import { kmsClientFor, startStrongroom, type CountingKmsClient, type TestServer } from '../support/strongroom-kms.ts';

const suite = suiteById(0x0578)!;
const context = { purpose: 'mrk' };

function unsupported(error: unknown): string | undefined {
  const name = (error as { name?: string }).name ?? '';
  if (name === 'UnsupportedOperationException' || name === 'UnknownOperationException') {
    return `${name}: ${(error as Error).message}`;
  }
  return undefined;
}

describe('multi-Region keys (MRK-aware keyrings) against Strongroom', async () => {
  const server: TestServer = await startStrongroom();
  const east: CountingKmsClient = kmsClientFor(server, 'us-east-1');
  const west: CountingKmsClient = kmsClientFor(server, 'us-west-2');
  let skip: string | false = false;
  let eastArn = '';
  let westArn = '';
  try {
    const created = await east.client.send(new CreateKeyCommand({ MultiRegion: true }));
    eastArn = created.KeyMetadata!.Arn!;
    const replica = await east.client.send(new ReplicateKeyCommand({ KeyId: eastArn, ReplicaRegion: 'us-west-2' }));
    westArn = replica.ReplicaKeyMetadata!.Arn!;
  } catch (error) {
    const reason = unsupported(error);
    if (!reason) throw error;
    skip = `Strongroom does not support multi-Region keys yet (${reason})`;
  }

  after(async () => {
    east.client.destroy();
    west.client.destroy();
    await server.stop();
  });

  let materials: EncryptionMaterials;
  before(async () => {
    if (skip) return;
    materials = await new KmsKeyring({ client: east.client, generatorKeyId: eastArn }).onEncrypt({ suite, encryptionContext: context, encryptedDataKeys: [] });
  });

  it('the key and its replica share the key id and differ in region', { skip }, () => {
    assert.match(eastArn, /:us-east-1:.*:key\/mrk-/);
    assert.equal(westArn, eastArn.replace(':us-east-1:', ':us-west-2:'));
    assert.equal(new TextDecoder().decode(materials.encryptedDataKeys[0].providerInfo), eastArn);
  });

  it('the replica decrypts the EDK directly (independent check)', { skip }, async () => {
    const out = await west.client.send(new DecryptCommand({ KeyId: westArn, CiphertextBlob: materials.encryptedDataKeys[0].ciphertext, EncryptionContext: context }));
    assert.deepEqual(Buffer.from(out.Plaintext!), Buffer.from(materials.plaintextDataKey!));
  });

  it('strict keyring configured with the replica ARN decrypts in the other region', { skip }, async () => {
    west.reset();
    const keyring = new KmsKeyring({ client: west.client, generatorKeyId: westArn });
    const out = await keyring.onDecrypt({ suite, encryptionContext: context }, materials.encryptedDataKeys);
    assert.deepEqual(out.plaintextDataKey, materials.plaintextDataKey);
    assert.equal(west.count('Decrypt'), 1);
  });

  it('discovery keyring of the other region rewrites the ARN to its region', { skip }, async () => {
    west.reset();
    const keyring = new KmsDiscoveryKeyring({ client: west.client });
    const out = await keyring.onDecrypt({ suite, encryptionContext: context }, materials.encryptedDataKeys);
    assert.deepEqual(out.plaintextDataKey, materials.plaintextDataKey);
    assert.equal(west.count('Decrypt'), 1);
  });
});
