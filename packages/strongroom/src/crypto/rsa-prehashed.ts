/**
 * RSA signatures over a caller-supplied digest (KMS's MessageType DIGEST):
 * EMSA-PKCS1-v1_5 and EMSA-PSS encodings (RFC 8017 §9) done here, the RSA
 * operation itself by OpenSSL. node:crypto only signs messages it hashes
 * itself. PSS uses MGF1 with the same hash and a salt as long as the
 * digest, as KMS does.
 */
import * as nodeCrypto from 'node:crypto';
import type { HashName } from './asymmetric.ts';

// DER DigestInfo prefixes (RFC 8017 §9.2, note 1).
const DIGEST_INFO: Partial<Record<HashName, Buffer>> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

function digestInfo(hash: HashName, digest: Uint8Array): Buffer {
  const prefix = DIGEST_INFO[hash];
  if (!prefix) throw new Error(`no DigestInfo for ${hash}`);
  return Buffer.concat([prefix, digest]);
}

function modulusBits(key: nodeCrypto.KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new Error('not an RSA key');
  return bits;
}

export function pkcs1SignDigest(key: nodeCrypto.KeyObject, hash: HashName, digest: Uint8Array): Buffer {
  return nodeCrypto.privateEncrypt({ key, padding: nodeCrypto.constants.RSA_PKCS1_PADDING }, digestInfo(hash, digest));
}

export function pkcs1VerifyDigest(key: nodeCrypto.KeyObject, hash: HashName, digest: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== modulusBits(key) / 8) return false;
  let recovered: Buffer;
  try {
    recovered = nodeCrypto.publicDecrypt({ key, padding: nodeCrypto.constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
  const expected = digestInfo(hash, digest);
  return recovered.length === expected.length && nodeCrypto.timingSafeEqual(recovered, expected);
}

function mgf1(hash: HashName, seed: Uint8Array, length: number): Buffer {
  const out: Buffer[] = [];
  let produced = 0;
  for (let counter = 0; produced < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = nodeCrypto.createHash(hash).update(seed).update(c).digest();
    out.push(block);
    produced += block.length;
  }
  return Buffer.concat(out).subarray(0, length);
}

function pssHash(hash: HashName, digest: Uint8Array, salt: Uint8Array): Buffer {
  return nodeCrypto.createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest();
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with sLen = hLen, as a k-byte block. */
function pssEncode(hash: HashName, digest: Uint8Array, modBits: number): Buffer {
  const hLen = digest.length;
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const salt = nodeCrypto.randomBytes(hLen);
  const H = pssHash(hash, digest, salt);
  const db = Buffer.alloc(emLen - hLen - 1);
  db[emLen - 2 * hLen - 2] = 0x01;
  salt.copy(db, emLen - 2 * hLen - 1);
  const mask = mgf1(hash, H, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([db, H, Buffer.from([0xbc])]);
  const k = Math.ceil(modBits / 8);
  return em.length === k ? em : Buffer.concat([Buffer.alloc(k - em.length), em]);
}

export function pssSignDigest(key: nodeCrypto.KeyObject, hash: HashName, digest: Uint8Array): Buffer {
  const block = pssEncode(hash, digest, modulusBits(key));
  return nodeCrypto.privateEncrypt({ key, padding: nodeCrypto.constants.RSA_NO_PADDING }, block);
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with sLen = hLen. */
export function pssVerifyDigest(key: nodeCrypto.KeyObject, hash: HashName, digest: Uint8Array, signature: Uint8Array): boolean {
  const modBits = modulusBits(key);
  const k = Math.ceil(modBits / 8);
  if (signature.length !== k) return false;
  let block: Buffer;
  try {
    block = nodeCrypto.publicDecrypt({ key, padding: nodeCrypto.constants.RSA_NO_PADDING }, signature);
  } catch {
    return false;
  }
  const hLen = digest.length;
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (block.length !== k || (k > emLen && block[0] !== 0)) return false;
  const em = block.subarray(k - emLen);
  if (emLen < 2 * hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const topMask = 0xff >> (8 * emLen - emBits);
  const db = Buffer.from(em.subarray(0, emLen - hLen - 1));
  const H = em.subarray(emLen - hLen - 1, emLen - 1);
  if ((db[0]! & ~topMask) !== 0) return false;
  const mask = mgf1(hash, H, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= topMask;
  const separator = emLen - 2 * hLen - 2;
  for (let i = 0; i < separator; i++) if (db[i] !== 0) return false;
  if (db[separator] !== 0x01) return false;
  const salt = db.subarray(separator + 1);
  return nodeCrypto.timingSafeEqual(pssHash(hash, digest, salt), H);
}
