/**
 * Where the root key comes from, in order of precedence:
 *   1. STRONGROOM_ROOT_KEY: base64 of exactly 32 bytes;
 *   2. STRONGROOM_ROOT_PASSPHRASE: scrypt (N=2^15, r=8, p=1) over a random
 *      salt kept in strongroom_meta (the salt is not secret; the key is never stored);
 *   3. the file <dataDir>/root.key (base64, 32 bytes), generated with mode 0600
 *      on first start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../storage/store.ts';
import { getMeta, putMetaIfAbsent } from '../storage/meta.ts';
import { AES_256_KEY_BYTES, randomBytes, scryptKey, type ScryptParams } from './primitives.ts';

export type RootKeySource = 'env' | 'passphrase' | 'file';

export interface RootKey {
  key: Buffer;
  source: RootKeySource;
  /** The environment variable or file the key came from (never the key). */
  origin: string;
  /** True when this call generated a new root.key file. */
  created: boolean;
  /** Things worth logging at warn level (e.g. a root.key readable by others). */
  warnings: string[];
}

export class RootKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RootKeyError';
  }
}

export const ROOT_KEY_ENV = 'STRONGROOM_ROOT_KEY';
export const ROOT_PASSPHRASE_ENV = 'STRONGROOM_ROOT_PASSPHRASE';
export const ROOT_KEY_FILE = 'root.key';
export const SCRYPT_META_KEY = 'root_key.scrypt';
/** Present once the barrier has been initialised; see barrier/canary.ts. */
export const CANARY_META_KEY = 'barrier.canary';
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

export interface LoadRootKeyOptions {
  dataDir: string;
  store: Store;
  env?: NodeJS.ProcessEnv;
}

export async function loadRootKey({ dataDir, store, env = process.env }: LoadRootKeyOptions): Promise<RootKey> {
  const warnings: string[] = [];
  const envKey = env[ROOT_KEY_ENV];
  const passphrase = env[ROOT_PASSPHRASE_ENV];
  if (envKey !== undefined && envKey !== '') {
    if (passphrase) warnings.push(`both ${ROOT_KEY_ENV} and ${ROOT_PASSPHRASE_ENV} are set; using ${ROOT_KEY_ENV}`);
    return { key: parseRootKey(envKey, ROOT_KEY_ENV), source: 'env', origin: ROOT_KEY_ENV, created: false, warnings };
  }
  if (passphrase !== undefined && passphrase !== '') {
    return { key: await passphraseKey(passphrase, store), source: 'passphrase', origin: ROOT_PASSPHRASE_ENV, created: false, warnings };
  }
  return fileKey(dataDir, store, warnings);
}

/** Decodes base64 of exactly 32 bytes; the error never echoes the value. */
export function parseRootKey(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new RootKeyError(`${origin} is not valid base64: it must be the base64 encoding of exactly ${AES_256_KEY_BYTES} bytes`);
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== AES_256_KEY_BYTES) {
    throw new RootKeyError(`${origin} decodes to ${key.length} bytes; the root key must be exactly ${AES_256_KEY_BYTES} bytes (base64 of 32 random bytes, e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

interface StoredScrypt extends ScryptParams {
  salt: string;
}

async function passphraseKey(passphrase: string, store: Store): Promise<Buffer> {
  const fresh: StoredScrypt = { salt: randomBytes(16).toString('base64'), ...DEFAULT_SCRYPT };
  const stored = JSON.parse(await putMetaIfAbsent(store.db, SCRYPT_META_KEY, JSON.stringify(fresh))) as StoredScrypt;
  const salt = Buffer.from(stored.salt, 'base64');
  if (salt.length < 16 || !Number.isInteger(stored.N) || !Number.isInteger(stored.r) || !Number.isInteger(stored.p)) {
    throw new RootKeyError(`strongroom_meta "${SCRYPT_META_KEY}" is damaged; cannot derive the root key from the passphrase`);
  }
  return scryptKey(passphrase.normalize('NFC'), salt, { N: stored.N, r: stored.r, p: stored.p });
}

async function fileKey(dataDir: string, store: Store, warnings: string[]): Promise<RootKey> {
  const file = path.join(dataDir, ROOT_KEY_FILE);
  const existing = readKeyFile(file, warnings);
  if (existing) return { key: existing, source: 'file', origin: file, created: false, warnings };

  if ((await getMeta(store.db, CANARY_META_KEY)) !== undefined) {
    throw new RootKeyError(
      `${file} does not exist, but this data store was initialised with a root key: restore that file, or set ${ROOT_KEY_ENV} or ${ROOT_PASSPHRASE_ENV} to the key it was created with`,
    );
  }
  const key = randomBytes(AES_256_KEY_BYTES);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeDurably(file, `${key.toString('base64')}\n`);
  } catch (error) {
    // Another process starting at the same moment won the race: use its key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return { key: readKeyFile(file, warnings)!, source: 'file', origin: file, created: false, warnings };
    }
    throw error;
  }
  return { key, source: 'file', origin: file, created: true, warnings };
}

function readKeyFile(file: string, warnings: string[]): Buffer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RootKeyError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) warnings.push(`${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  return parseRootKey(text, file);
}

/**
 * Creates the file atomically and exclusively (a complete temp file, then
 * link(), which fails if the name exists) with mode 0600, and fsyncs it and
 * its directory: losing a generated root key loses the data.
 */
function writeDurably(file: string, content: string): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } finally {
    fs.unlinkSync(temp);
  }
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
