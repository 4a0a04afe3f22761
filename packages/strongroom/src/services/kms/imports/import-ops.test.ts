/**
 * Imported key material on both storage engines, at the model level so the
 * clock can move: import, re-import, deletion, expiry on use and by the
 * sweep (also from a second process), token validity, sealing at rest.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import { testStoreEngines } from '../../../testing/test-stores.ts';
import { openKmsTestBed, TEST_SCOPE, type KmsTestBed } from '../kms-test-support.ts';
import { cancelKeyDeletion, createKey, scheduleKeyDeletion, setKeyEnabled } from '../model/key-lifecycle.ts';
import { resolveKeySpec } from '../model/key-specs.ts';
import { decryptOpened, encryptUnder, keyForBlob, keyForEncryption } from '../model/key-usage.ts';
import type { Caller } from '../model/kms-model.ts';
import { enableKeyRotation } from '../model/rotation.ts';
import { decryptBlobLocally, wrapForImport } from './import-test-support.ts';
import { deleteImportedKeyMaterial, getParametersForImport, importedMaterialId, importKeyMaterial } from './import-ops.ts';
import { parametersAad, parseImportToken } from './import-parameters.ts';

const DAY = 86_400_000;
const caller: Caller = { scope: TEST_SCOPE, principalArn: 'arn:aws:iam::000000000000:user/admin' };

async function rejects(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(promise, (e: Error) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

for (const engine of testStoreEngines()) {
  describe(`KMS imported key material [${engine.engine}]`, { skip: engine.skip }, () => {
    let bed: KmsTestBed;
    before(async () => {
      bed = await openKmsTestBed(engine);
    });
    after(() => bed?.close());

    const externalKey = async () => (await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}), origin: 'EXTERNAL' })).record;

    /** Gets fresh parameters and imports `material` wrapped with `algorithm`. */
    async function importMaterial(keyId: string, material: Buffer, options: { algorithm?: 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1'; validTo?: Date; expires?: boolean } = {}) {
      const algorithm = options.algorithm ?? 'RSAES_OAEP_SHA_256';
      const parameters = await getParametersForImport(bed.kms, caller, keyId, algorithm, 'RSA_2048');
      return importKeyMaterial(bed.kms, caller, {
        keyIdParam: keyId,
        importToken: parameters.importToken,
        encryptedKeyMaterial: wrapForImport(algorithm, parameters.publicKey, material),
        expirationModel: options.expires === false ? 'KEY_MATERIAL_DOES_NOT_EXPIRE' : undefined,
        validTo: options.expires === false ? undefined : (options.validTo ?? new Date(bed.clock.now + DAY)),
      });
    }

    const encryptWith = async (keyId: string, text: string) => encryptUnder(await keyForEncryption(bed.kms, TEST_SCOPE, keyId, { operation: 'Encrypt' }), Buffer.from(text), undefined).blob;
    const decrypt = async (blob: Buffer) => decryptOpened(await keyForBlob(bed.kms, TEST_SCOPE, blob, undefined, { operation: 'Decrypt' }), undefined).toString();

    it('creates EXTERNAL keys PendingImport and without material', async () => {
      const record = await externalKey();
      assert.equal(record.keyState, 'PendingImport');
      const key = await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
      assert.equal(key.materials.size, 0);
      await rejects(keyForEncryption(bed.kms, TEST_SCOPE, record.keyId, { operation: 'Encrypt' }), 'KMSInvalidStateException', `${record.arn} is pending import.`);
      await rejects(setKeyEnabled(bed.kms, caller, record.keyId, true), 'KMSInvalidStateException', `${record.arn} is pending import.`);
      await rejects(enableKeyRotation(bed.kms, caller, record.keyId), 'KMSInvalidStateException');
    });

    it('imports material that encrypts exactly as AES-256-GCM under it, seals it and the wrapping key at rest', async () => {
      const record = await externalKey();
      const material = nodeCrypto.randomBytes(32);
      const parameters = await getParametersForImport(bed.kms, caller, record.keyId, 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_3072');
      assert.equal(parameters.keyArn, record.arn);
      assert.equal(parameters.validTo, bed.clock.now + DAY);
      assert.equal(nodeCrypto.createPublicKey({ key: parameters.publicKey, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength, 3072);
      const tokenId = parseImportToken(parameters.importToken)!;
      const row = await bed.store.db.selectFrom('kms_import_parameters').selectAll().where('token_id', '=', tokenId).executeTakeFirstOrThrow();
      const privateKey = bed.barrier.open(row.private_key_sealed, parametersAad(TEST_SCOPE, tokenId));
      assert.ok(nodeCrypto.createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' }).asymmetricKeyDetails?.modulusLength === 3072, 'sealed PKCS#8 private key');
      assert.ok(!row.private_key_sealed.includes(privateKey.subarray(40, 72)), 'private key is not stored in the clear');

      const result = await importKeyMaterial(bed.kms, caller, {
        keyIdParam: record.arn,
        importToken: parameters.importToken,
        encryptedKeyMaterial: wrapForImport('RSA_AES_KEY_WRAP_SHA_256', parameters.publicKey, material),
        expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      });
      assert.equal(result.keyMaterialId, importedMaterialId(record.keyId, material));
      const key = await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
      assert.equal(key.record.keyState, 'Enabled');
      assert.equal(key.record.expirationModel, 'KEY_MATERIAL_DOES_NOT_EXPIRE');
      assert.deepEqual(key.materials.get(1)?.key, material);
      const materialRow = await bed.store.db.selectFrom('kms_key_materials').selectAll().where('key_id', '=', record.keyId).executeTakeFirstOrThrow();
      assert.ok(!materialRow.material_sealed.includes(material), 'material is stored sealed');

      // The blob's payload is AES-256-GCM under the imported material: check with node:crypto.
      const blob = await encryptWith(record.keyId, 'under imported material');
      assert.equal(decryptBlobLocally(material, blob), 'under imported material');
      assert.equal(await decrypt(blob), 'under imported material');
    });

    it('refuses other material, foreign and expired tokens, and undecryptable wrapping', async () => {
      const record = await externalKey();
      const material = nodeCrypto.randomBytes(32);
      await importMaterial(record.keyId, material);
      await rejects(importMaterial(record.keyId, nodeCrypto.randomBytes(32)), 'IncorrectKeyMaterialException');
      await rejects(importMaterial(record.keyId, nodeCrypto.randomBytes(16)), 'IncorrectKeyMaterialException');

      const other = await externalKey();
      const foreign = await getParametersForImport(bed.kms, caller, other.keyId, 'RSAES_OAEP_SHA_256', 'RSA_2048');
      const request = { keyIdParam: record.keyId, importToken: foreign.importToken, encryptedKeyMaterial: wrapForImport('RSAES_OAEP_SHA_256', foreign.publicKey, material), expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' as const };
      await rejects(importKeyMaterial(bed.kms, caller, request), 'InvalidImportTokenException');
      await rejects(importKeyMaterial(bed.kms, caller, { ...request, importToken: Buffer.from('not a token') }), 'InvalidImportTokenException');

      const own = await getParametersForImport(bed.kms, caller, record.keyId, 'RSAES_OAEP_SHA_256', 'RSA_2048');
      const wrapped = wrapForImport('RSAES_OAEP_SHA_1', own.publicKey, material);
      await rejects(importKeyMaterial(bed.kms, caller, { ...request, importToken: own.importToken, encryptedKeyMaterial: wrapped }), 'InvalidCiphertextException');
      await rejects(importKeyMaterial(bed.kms, caller, { ...request, importToken: own.importToken, encryptedKeyMaterial: wrapped.subarray(8) }), 'ValidationException', 'Invalid encrypted key size.');

      bed.clock.now += DAY;
      const good = { ...request, importToken: own.importToken, encryptedKeyMaterial: wrapForImport('RSAES_OAEP_SHA_256', own.publicKey, material) };
      await rejects(importKeyMaterial(bed.kms, caller, good), 'ExpiredImportTokenException');
      bed.clock.now -= 1;
      await importKeyMaterial(bed.kms, caller, good);
    });

    it('validates ExpirationModel and ValidTo as AWS does', async () => {
      const record = await externalKey();
      const parameters = await getParametersForImport(bed.kms, caller, record.keyId, 'RSAES_OAEP_SHA_1', 'RSA_2048');
      const base = { keyIdParam: record.keyId, importToken: parameters.importToken, encryptedKeyMaterial: wrapForImport('RSAES_OAEP_SHA_1', parameters.publicKey, nodeCrypto.randomBytes(32)) };
      await rejects(importKeyMaterial(bed.kms, caller, base), 'ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
      await rejects(importKeyMaterial(bed.kms, caller, { ...base, expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', validTo: new Date(bed.clock.now + DAY) }), 'ValidationException',
        'The parameter ValidTo cannot be specified for a key with an expiration model of KEY_MATERIAL_DOES_NOT_EXPIRE');
      await rejects(importKeyMaterial(bed.kms, caller, { ...base, validTo: new Date(bed.clock.now) }), 'ValidationException');
      await rejects(importKeyMaterial(bed.kms, caller, { ...base, validTo: new Date(bed.clock.now + 366 * DAY) }), 'ValidationException');
      await importKeyMaterial(bed.kms, caller, { ...base, validTo: new Date(bed.clock.now + 365 * DAY) });
    });

    it('refuses import operations on AWS_KMS keys and wrapping algorithms AWS no longer accepts', async () => {
      const { record } = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) });
      const refused = `${record.arn} origin is AWS_KMS which is not valid for this operation.`;
      await rejects(getParametersForImport(bed.kms, caller, record.keyId, 'RSAES_OAEP_SHA_256', 'RSA_2048'), 'UnsupportedOperationException', refused);
      await rejects(deleteImportedKeyMaterial(bed.kms, caller, record.keyId), 'UnsupportedOperationException', refused);
      const external = await externalKey();
      await rejects(getParametersForImport(bed.kms, caller, external.keyId, 'RSAES_PKCS1_V1_5', 'RSA_2048'), 'ValidationException');
      await rejects(getParametersForImport(bed.kms, caller, external.keyId, 'SM2PKE', 'SM2'), 'ValidationException');
    });

    it('deletes material (PendingImport, ciphertexts stop decrypting) and re-imports only the same material', async () => {
      const record = await externalKey();
      const material = nodeCrypto.randomBytes(32);
      await importMaterial(record.keyId, material, { algorithm: 'RSA_AES_KEY_WRAP_SHA_1' });
      const blob = await encryptWith(record.keyId, 'before deletion');
      const deleted = await deleteImportedKeyMaterial(bed.kms, caller, record.keyId);
      assert.equal(deleted.keyMaterialId, importedMaterialId(record.keyId, material));
      const key = await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
      assert.equal(key.record.keyState, 'PendingImport');
      assert.equal(key.record.expirationModel, null);
      assert.equal(key.materials.size, 0);
      assert.equal((await bed.store.db.selectFrom('kms_key_materials').select('version').where('key_id', '=', record.keyId).execute()).length, 0);
      await rejects(decrypt(blob), 'KMSInvalidStateException', `${record.arn} is pending import.`);
      // Deleting again changes nothing.
      await deleteImportedKeyMaterial(bed.kms, caller, record.keyId);

      await rejects(importMaterial(record.keyId, nodeCrypto.randomBytes(32)), 'IncorrectKeyMaterialException');
      await importMaterial(record.keyId, material, { expires: false });
      assert.equal(await decrypt(blob), 'before deletion');
    });

    it('keeps a Disabled key Disabled on re-import, and cancelling deletion of a key without material gives PendingImport', async () => {
      const record = await externalKey();
      const material = nodeCrypto.randomBytes(32);
      await importMaterial(record.keyId, material);
      await setKeyEnabled(bed.kms, caller, record.keyId, false);
      await importMaterial(record.keyId, material, { expires: false });
      assert.equal((await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false })).record.keyState, 'Disabled');

      await scheduleKeyDeletion(bed.kms, caller, record.keyId, 7);
      await deleteImportedKeyMaterial(bed.kms, caller, record.keyId);
      assert.equal((await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false })).record.keyState, 'PendingDeletion');
      await rejects(importMaterial(record.keyId, material), 'KMSInvalidStateException', `${record.arn} is pending deletion.`);
      await cancelKeyDeletion(bed.kms, caller, record.keyId);
      assert.equal((await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false })).record.keyState, 'PendingImport');
    });

    it('expires material at ValidTo: unusable at once, removed by the sweep from another process, restored by re-import', async () => {
      const record = await externalKey();
      const keeper = await externalKey();
      const material = nodeCrypto.randomBytes(32);
      await importMaterial(record.keyId, material, { validTo: new Date(bed.clock.now + 2 * DAY) });
      await importMaterial(keeper.keyId, nodeCrypto.randomBytes(32), { validTo: new Date(bed.clock.now + 3 * DAY) });
      const blob = await encryptWith(record.keyId, 'before expiry');
      const described = await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
      assert.equal(described.record.validTo, bed.clock.now + 2 * DAY);

      bed.clock.now += 2 * DAY;
      // Before any sweep: the key is seen without its material.
      const expired = await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false });
      assert.equal(expired.record.keyState, 'PendingImport');
      assert.equal(expired.materials.size, 0);
      await rejects(decrypt(blob), 'KMSInvalidStateException', `${record.arn} is pending import.`);
      await rejects(setKeyEnabled(bed.kms, caller, record.keyId, true), 'KMSInvalidStateException', `${record.arn} is pending import.`);

      // A second process (a restarted server) sweeps; the row changes for everyone.
      const other = await bed.secondModel();
      assert.equal(await other.expireImportedMaterial(), 1);
      assert.equal(await bed.kms.expireImportedMaterial(), 0);
      const row = await bed.store.db.selectFrom('kms_keys').selectAll().where('key_id', '=', record.keyId).executeTakeFirstOrThrow();
      assert.equal(row.key_state, 'PendingImport');
      assert.equal(row.valid_to, null);
      assert.equal((await bed.store.db.selectFrom('kms_key_materials').select('version').where('key_id', '=', record.keyId).execute()).length, 0);
      assert.equal((await bed.kms.findKey(TEST_SCOPE, keeper.keyId, { aliases: false })).record.keyState, 'Enabled', 'other keys keep their material');
      // Parameters past their 24 hours went too.
      assert.equal((await bed.store.db.selectFrom('kms_import_parameters').select('token_id').where('key_id', '=', record.keyId).execute()).length, 0);

      await importMaterial(record.keyId, material, { expires: false });
      assert.equal(await decrypt(blob), 'before expiry');
    });

    it('re-imports expired material the sweep has not removed yet', async () => {
      const record = await externalKey();
      const material = nodeCrypto.randomBytes(32);
      await importMaterial(record.keyId, material, { validTo: new Date(bed.clock.now + DAY) });
      const blob = await encryptWith(record.keyId, 'expired, not swept');
      bed.clock.now += DAY;
      await importMaterial(record.keyId, material, { validTo: new Date(bed.clock.now + DAY) });
      assert.equal(await decrypt(blob), 'expired, not swept');
      // The sweep leaves the re-imported material alone.
      await bed.kms.expireImportedMaterial();
      assert.equal(await decrypt(blob), 'expired, not swept');
      assert.equal((await bed.kms.findKey(TEST_SCOPE, record.keyId, { aliases: false })).record.validTo, bed.clock.now + DAY);
    });
  });
}
