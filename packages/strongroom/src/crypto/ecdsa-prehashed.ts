/**
 * ECDSA over a caller-supplied digest (KMS's MessageType DIGEST). node:crypto
 * only signs messages it hashes itself, so the ECDSA equations are done here
 * with BigInt: signing takes k·G from OpenSSL (ECDH on the nonce, constant
 * time), verifying (public values only) multiplies points here. Signatures
 * are DER-encoded ECDSA-Sig-Value, as KMS returns them.
 */
import * as nodeCrypto from 'node:crypto';
import type { EcCurve } from './asymmetric.ts';

interface Curve {
  p: bigint;
  a: bigint;
  n: bigint;
  g: Point;
  /** Bytes of a field element / scalar. */
  size: number;
}

interface Point {
  x: bigint;
  y: bigint;
}

/** Jacobian coordinates; z = 0 is the point at infinity. */
interface Jacobian {
  x: bigint;
  y: bigint;
  z: bigint;
}

const h = (hex: string) => BigInt(`0x${hex}`);

// Domain parameters (SEC 2 / FIPS 186-4), as `openssl ecparam -param_enc explicit` prints them.
const CURVES: Record<EcCurve, Curve> = {
  prime256v1: {
    p: h('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff'),
    a: h('ffffffff00000001000000000000000000000000fffffffffffffffffffffffc'),
    n: h('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
    g: {
      x: h('6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'),
      y: h('4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5'),
    },
    size: 32,
  },
  secp384r1: {
    p: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff'),
    a: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc'),
    n: h('ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
    g: {
      x: h('aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7'),
      y: h('3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f'),
    },
    size: 48,
  },
  secp521r1: {
    p: (1n << 521n) - 1n,
    a: (1n << 521n) - 4n,
    n: h('01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409'),
    g: {
      x: h('00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66'),
      y: h('011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650'),
    },
    size: 66,
  },
  secp256k1: {
    p: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f'),
    a: 0n,
    n: h('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'),
    g: {
      x: h('79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'),
      y: h('483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8'),
    },
    size: 32,
  },
};

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

/** Inverse modulo a prime. */
function modInverse(a: bigint, m: bigint): bigint {
  return modPow(a, m - 2n, m);
}

function double(c: Curve, P: Jacobian): Jacobian {
  const { p } = c;
  if (P.z === 0n || P.y === 0n) return { x: 0n, y: 1n, z: 0n };
  const y2 = (P.y * P.y) % p;
  const s = (4n * P.x * y2) % p;
  const z2 = (P.z * P.z) % p;
  const m = mod(3n * P.x * P.x + c.a * z2 * z2, p);
  const x = mod(m * m - 2n * s, p);
  const y = mod(m * (s - x) - 8n * y2 * y2, p);
  const z = (2n * P.y * P.z) % p;
  return { x, y, z };
}

function add(c: Curve, P: Jacobian, Q: Jacobian): Jacobian {
  const { p } = c;
  if (P.z === 0n) return Q;
  if (Q.z === 0n) return P;
  const pz2 = (P.z * P.z) % p;
  const qz2 = (Q.z * Q.z) % p;
  const u1 = (P.x * qz2) % p;
  const u2 = (Q.x * pz2) % p;
  const s1 = (P.y * qz2 * Q.z) % p;
  const s2 = (Q.y * pz2 * P.z) % p;
  if (u1 === u2) return s1 === s2 ? double(c, P) : { x: 0n, y: 1n, z: 0n };
  const hh = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const h2 = (hh * hh) % p;
  const h3 = (h2 * hh) % p;
  const u1h2 = (u1 * h2) % p;
  const x = mod(r * r - h3 - 2n * u1h2, p);
  const y = mod(r * (u1h2 - x) - s1 * h3, p);
  const z = (hh * P.z * Q.z) % p;
  return { x, y, z };
}

/** u1·G + u2·Q in one pass (Shamir's trick). Public values only: not constant time. */
function twoMultiples(c: Curve, u1: bigint, G: Point, u2: bigint, Q: Point): Jacobian {
  const g: Jacobian = { ...G, z: 1n };
  const q: Jacobian = { ...Q, z: 1n };
  const gq = add(c, g, q);
  let acc: Jacobian = { x: 0n, y: 1n, z: 0n };
  const bits = Math.max(u1.toString(2).length, u2.toString(2).length);
  for (let i = bits - 1; i >= 0; i--) {
    acc = double(c, acc);
    const b1 = (u1 >> BigInt(i)) & 1n;
    const b2 = (u2 >> BigInt(i)) & 1n;
    if (b1 && b2) acc = add(c, acc, gq);
    else if (b1) acc = add(c, acc, g);
    else if (b2) acc = add(c, acc, q);
  }
  return acc;
}

function affineX(c: Curve, P: Jacobian): bigint {
  const zInv = modInverse(P.z, c.p);
  return (P.x * zInv * zInv) % c.p;
}

function isOnCurve(c: Curve, P: Point): boolean {
  if (P.x < 0n || P.x >= c.p || P.y < 0n || P.y >= c.p) return false;
  // y² = x³ + ax + b, with b taken from the generator (which satisfies it).
  return mod(P.y * P.y - P.x * P.x * P.x - c.a * P.x, c.p) === curveB(c);
}

const bOf = new WeakMap<Curve, bigint>();
function curveB(c: Curve): bigint {
  let b = bOf.get(c);
  if (b === undefined) {
    b = mod(c.g.y * c.g.y - c.g.x * c.g.x * c.g.x - c.a * c.g.x, c.p);
    bOf.set(c, b);
  }
  return b;
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function toBytes(value: bigint, size: number): Buffer {
  return Buffer.from(value.toString(16).padStart(size * 2, '0'), 'hex');
}

/** The digest as an integer, truncated to the order's bit length (SEC 1, 4.1.3 step 5). */
function digestToInt(c: Curve, digest: Uint8Array): bigint {
  const nBits = c.n.toString(2).length;
  const z = toBigInt(digest);
  const excess = digest.length * 8 - nBits;
  return excess > 0 ? z >> BigInt(excess) : z;
}

function jwkScalar(value: string | undefined): bigint {
  if (value === undefined) throw new Error('EC key without coordinates');
  return toBigInt(Buffer.from(value, 'base64url'));
}

/** Signs `digest` with an EC private key; DER ECDSA-Sig-Value. */
export function ecdsaSignDigest(key: nodeCrypto.KeyObject, curveName: EcCurve, digest: Uint8Array): Buffer {
  const c = CURVES[curveName];
  const d = jwkScalar(key.export({ format: 'jwk' }).d);
  const z = digestToInt(c, digest);
  for (;;) {
    // A nonce uniform in [1, n-1]: 64 extra bits make the modulo bias negligible.
    const k = (toBigInt(nodeCrypto.randomBytes(c.size + 8)) % (c.n - 1n)) + 1n;
    const ecdh = nodeCrypto.createECDH(curveName);
    ecdh.setPrivateKey(toBytes(k, c.size));
    const R = ecdh.getPublicKey();
    const r = toBigInt(R.subarray(1, 1 + c.size)) % c.n;
    if (r === 0n) continue;
    const s = (modInverse(k, c.n) * ((z + r * d) % c.n)) % c.n;
    if (s === 0n) continue;
    return encodeDerSignature(r, s);
  }
}

/** Whether `signature` (DER) is a valid ECDSA signature of `digest` under an EC public key. */
export function ecdsaVerifyDigest(key: nodeCrypto.KeyObject, curveName: EcCurve, digest: Uint8Array, signature: Uint8Array): boolean {
  const c = CURVES[curveName];
  const parsed = decodeDerSignature(signature);
  if (!parsed) return false;
  const { r, s } = parsed;
  if (r < 1n || r >= c.n || s < 1n || s >= c.n) return false;
  const jwk = key.export({ format: 'jwk' });
  const Q = { x: jwkScalar(jwk.x), y: jwkScalar(jwk.y) };
  if (!isOnCurve(c, Q)) return false;
  const w = modInverse(s, c.n);
  const z = digestToInt(c, digest);
  const X = twoMultiples(c, (z * w) % c.n, c.g, (r * w) % c.n, Q);
  if (X.z === 0n) return false;
  return affineX(c, X) % c.n === r;
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02]), derLength(bytes.length), bytes]);
}

function derLength(length: number): Buffer {
  return length < 0x80 ? Buffer.from([length]) : Buffer.from([0x81, length]);
}

export function encodeDerSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

/** r and s of a DER ECDSA-Sig-Value; undefined unless it is exactly one well-formed SEQUENCE of two positive INTEGERs. */
export function decodeDerSignature(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  let offset = 0;
  const readLength = (): number | undefined => {
    const first = der[offset++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    if (first !== 0x81) return undefined;
    const length = der[offset++];
    return length !== undefined && length >= 0x80 ? length : undefined;
  };
  const readInteger = (): bigint | undefined => {
    if (der[offset++] !== 0x02) return undefined;
    const length = readLength();
    if (length === undefined || length === 0 || offset + length > der.length) return undefined;
    const bytes = der.subarray(offset, offset + length);
    offset += length;
    if (bytes[0]! & 0x80) return undefined; // negative
    if (bytes.length > 1 && bytes[0] === 0 && !(bytes[1]! & 0x80)) return undefined; // not minimal
    return toBigInt(bytes);
  };
  if (der[offset++] !== 0x30) return undefined;
  const length = readLength();
  if (length === undefined || offset + length !== der.length) return undefined;
  const r = readInteger();
  const s = r === undefined ? undefined : readInteger();
  if (r === undefined || s === undefined || offset !== der.length) return undefined;
  return { r, s };
}
