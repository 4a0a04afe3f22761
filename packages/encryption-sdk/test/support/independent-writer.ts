/**
 * A deliberately separate, minimal writer of Encryption SDK messages, built
 * with node:crypto straight from the specification (not from the package's
 * serializers). It writes what the SDK never writes — non-framed bodies —
 * so the decryptors (ours and client-node's) can be checked against it.
 * Raw AES EDK, encryption context of ASCII pairs.
 */
import { createCipheriv, createECDH, createHmac, createPrivateKey, createSign, randomBytes, type KeyObject } from 'node:crypto';

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

function ec(pairs: Record<string, string>): Buffer {
  const keys = Object.keys(pairs).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (keys.length === 0) return Buffer.alloc(0);
  return Buffer.concat([u16(keys.length), ...keys.flatMap((k) => [u16(Buffer.byteLength(k)), Buffer.from(k), u16(Buffer.byteLength(pairs[k])), Buffer.from(pairs[k])])]);
}

function hkdf(hash: string, salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  const prk = createHmac(hash, salt).update(ikm).digest();
  return createHmac(hash, prk).update(Buffer.concat([info, Buffer.of(1)])).digest().subarray(0, length);
}

function gcm(key: Buffer, iv: Buffer, aad: Buffer, plaintext: Buffer): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv(`aes-${key.length * 8}-gcm` as 'aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

export interface NonFramedOptions {
  /** 0x0178, 0x0378 (v1, AES-256) or 0x0478, 0x0578 (v2). */
  suiteId: 0x0178 | 0x0378 | 0x0478 | 0x0578;
  plaintext: Buffer;
  wrappingKey: Buffer; // AES-256
  keyNamespace: string;
  keyName: string;
  context: Record<string, string>;
}

export function writeNonFramedMessage(o: NonFramedOptions): Buffer {
  const v2 = o.suiteId >= 0x0478;
  const signed = o.suiteId === 0x0378 || o.suiteId === 0x0578;
  const pdk = randomBytes(32);
  const messageId = randomBytes(v2 ? 32 : 16);
  const context = { ...o.context };
  let signer: ReturnType<typeof createSign> | undefined;
  let signingKey: KeyObject | undefined;
  if (signed) {
    const ecdh = createECDH('secp384r1');
    ecdh.generateKeys();
    context['aws-crypto-public-key'] = ecdh.getPublicKey(null, 'compressed').toString('base64');
    const jwk = {
      kty: 'EC',
      crv: 'P-384',
      d: Buffer.concat([Buffer.alloc(48), ecdh.getPrivateKey()]).subarray(-48).toString('base64url'),
      x: ecdh.getPublicKey().subarray(1, 49).toString('base64url'),
      y: ecdh.getPublicKey().subarray(49).toString('base64url'),
    };
    signer = createSign('sha384');
    signingKey = createPrivateKey({ key: jwk, format: 'jwk' });
  }
  const serializedContext = ec(context);
  // raw AES EDK
  const wrapIv = randomBytes(12);
  const wrapped = gcm(o.wrappingKey, wrapIv, serializedContext, pdk);
  const providerInfo = Buffer.concat([Buffer.from(o.keyName), u32(128), u32(12), wrapIv]);
  const edkCiphertext = Buffer.concat([wrapped.ciphertext, wrapped.tag]);
  const edks = Buffer.concat([u16(1), u16(Buffer.byteLength(o.keyNamespace)), Buffer.from(o.keyNamespace), u16(providerInfo.length), providerInfo, u16(edkCiphertext.length), edkCiphertext]);
  // keys
  const suiteId = u16(o.suiteId);
  let dataKey: Buffer;
  let commitKey: Buffer | undefined;
  if (!v2) dataKey = hkdf(o.suiteId === 0x0178 ? 'sha256' : 'sha384', Buffer.alloc(o.suiteId === 0x0178 ? 32 : 48), pdk, Buffer.concat([suiteId, messageId]), 32);
  else {
    dataKey = hkdf('sha512', messageId, pdk, Buffer.concat([suiteId, Buffer.from('DERIVEKEY')]), 32);
    commitKey = hkdf('sha512', messageId, pdk, Buffer.from('COMMITKEY'), 32);
  }
  const body = v2
    ? Buffer.concat([Buffer.of(2), suiteId, messageId, u16(serializedContext.length), serializedContext, edks, Buffer.of(1), u32(0), commitKey!])
    : Buffer.concat([Buffer.of(1, 0x80), suiteId, messageId, u16(serializedContext.length), serializedContext, edks, Buffer.of(1), u32(0), Buffer.of(12), u32(0)]);
  const headerAuth = gcm(dataKey, Buffer.alloc(12), body, Buffer.alloc(0));
  const header = v2 ? Buffer.concat([body, headerAuth.tag]) : Buffer.concat([body, Buffer.alloc(12), headerAuth.tag]);
  const iv = Buffer.concat([Buffer.alloc(8), u32(1)]);
  const aad = Buffer.concat([messageId, Buffer.from('AWSKMSEncryptionClient Single Block'), u32(1), u64(o.plaintext.length)]);
  const sealed = gcm(dataKey, iv, aad, o.plaintext);
  const message = Buffer.concat([header, iv, u64(o.plaintext.length), sealed.ciphertext, sealed.tag]);
  if (!signer) return message;
  signer.update(message);
  const signature = signer.sign({ key: signingKey!, dsaEncoding: 'der' });
  return Buffer.concat([message, u16(signature.length), signature]);
}
