import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DefaultCryptographicMaterialsManager } from './default-cmm.ts';
import { RequiredEncryptionContextCmm } from './required-encryption-context-cmm.ts';
import { RawAesKeyring } from '../keyrings/raw-aes.ts';
import { suiteById } from '../suites.ts';
import { buildClient } from '../client.ts';
import { parseHeader } from '../format/header.ts';
import { CommitmentPolicyViolationError, EncryptionContextMismatchError, InvalidArgumentError, MalformedMessageError, NoKeyringCouldDecryptError } from '../errors.ts';

const keyring = new RawAesKeyring({ keyNamespace: 'ns', keyName: 'k', wrappingKey: randomBytes(32) });
const cmm = new DefaultCryptographicMaterialsManager(keyring);
const policy = 'REQUIRE_ENCRYPT_ALLOW_DECRYPT' as const;

describe('default CMM', () => {
  it('signed suites: a fresh signing key and its compressed public key in the context', async () => {
    const a = await cmm.getEncryptionMaterials({ encryptionContext: { x: 'y' }, commitmentPolicy: policy });
    const b = await cmm.getEncryptionMaterials({ encryptionContext: { x: 'y' }, commitmentPolicy: policy });
    assert.equal(a.suite.id, 0x0578);
    assert.equal(a.encryptionContext['aws-crypto-public-key'].length, 68); // 49 bytes, base64
    assert.notEqual(a.encryptionContext['aws-crypto-public-key'], b.encryptionContext['aws-crypto-public-key']);
    assert.equal(a.signingKey!.asymmetricKeyDetails!.namedCurve, 'secp384r1');
    const p256 = await cmm.getEncryptionMaterials({ encryptionContext: {}, commitmentPolicy: 'FORBID_ENCRYPT_ALLOW_DECRYPT', suite: suiteById(0x0214) });
    assert.equal(p256.encryptionContext['aws-crypto-public-key'].length, 44);
    const unsigned = await cmm.getEncryptionMaterials({ encryptionContext: {}, commitmentPolicy: policy, suite: suiteById(0x0478) });
    assert.equal(unsigned.signingKey, undefined);
    assert.deepEqual(unsigned.encryptionContext, {});
  });

  it('refuses a suite outside the policy and a caller-supplied public key', async () => {
    await assert.rejects(cmm.getEncryptionMaterials({ encryptionContext: {}, commitmentPolicy: policy, suite: suiteById(0x0178) }), CommitmentPolicyViolationError);
    await assert.rejects(cmm.getEncryptionMaterials({ encryptionContext: { 'aws-crypto-public-key': 'x' }, commitmentPolicy: policy }), InvalidArgumentError);
  });

  it('decrypt: requires the public key for signed suites and refuses it for unsigned ones', async () => {
    const materials = await cmm.getEncryptionMaterials({ encryptionContext: {}, commitmentPolicy: policy, suite: suiteById(0x0478) });
    const request = { suite: suiteById(0x0578)!, encryptedDataKeys: materials.encryptedDataKeys, encryptionContext: {}, commitmentPolicy: policy };
    await assert.rejects(cmm.decryptMaterials(request), MalformedMessageError);
    await assert.rejects(cmm.decryptMaterials({ ...request, suite: suiteById(0x0478)!, encryptionContext: { 'aws-crypto-public-key': 'x' } }), MalformedMessageError);
    const ok = await cmm.decryptMaterials({ ...request, suite: suiteById(0x0478)! });
    assert.ok(Buffer.from(ok.plaintextDataKey!).equals(Buffer.from(materials.plaintextDataKey!)));
    const other = new DefaultCryptographicMaterialsManager(new RawAesKeyring({ keyNamespace: 'ns', keyName: 'k', wrappingKey: randomBytes(32) }));
    await assert.rejects(other.decryptMaterials({ ...request, suite: suiteById(0x0478)! }), NoKeyringCouldDecryptError);
  });
});

describe('required encryption context CMM', () => {
  it('keeps the required pairs out of the header but authenticated; decrypt needs them back', async () => {
    const required = new RequiredEncryptionContextCmm({ keyring, requiredEncryptionContextKeys: ['tenant'] });
    const client = buildClient();
    const plaintext = randomBytes(2000);
    const { result, messageHeader } = await client.encrypt(required, plaintext, { encryptionContext: { tenant: 'acme', kept: 'yes' } });
    assert.deepEqual(Object.keys(messageHeader.encryptionContext).sort(), ['aws-crypto-public-key', 'kept']);
    assert.equal(parseHeader(result)!.header.encryptionContext.tenant, undefined);
    // With the default CMM and the pair supplied again:
    assert.ok((await client.decrypt(keyring, result, { encryptionContext: { tenant: 'acme' } })).plaintext.equals(plaintext));
    assert.ok((await client.decrypt(required, result, { encryptionContext: { tenant: 'acme', kept: 'yes' } })).plaintext.equals(plaintext));
    // Missing or wrong:
    await assert.rejects(client.decrypt(keyring, result), /Header authentication failed|no keyring/i);
    await assert.rejects(client.decrypt(required, result), EncryptionContextMismatchError);
    await assert.rejects(client.decrypt(keyring, result, { encryptionContext: { tenant: 'other' } }), EncryptionContextMismatchError);
    await assert.rejects(client.encrypt(required, plaintext, { encryptionContext: { kept: 'yes' } }), EncryptionContextMismatchError);
  });
});
