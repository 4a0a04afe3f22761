/**
 * Reads a deployment package (.zip): the central directory names the
 * entries, each entry's data is stored (method 0) or deflated (method 8,
 * inflated with node:zlib) and checked against its CRC-32. Entries that
 * would land outside the target directory (absolute paths, `..`) and
 * archives larger than the limits are refused. No ZIP64, no encryption:
 * neither occurs in a function package within Lambda's own size limits.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, never absolute or escaping. */
  path: string;
  directory: boolean;
  /** Unix permission bits when the archive recorded them (made by Unix), else undefined. */
  mode?: number;
  data: Buffer;
}

export class ZipFormatError extends Error {}

/** Lambda's limit for an unzipped deployment package. */
export const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;
const MAX_ENTRIES = 65_535;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= stop; i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  throw new ZipFormatError('no end of central directory record');
}

export function safeEntryPath(name: string): string {
  const normalized = name.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)) throw new ZipFormatError(`absolute entry path ${JSON.stringify(name)}`);
  const parts = normalized.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) throw new ZipFormatError(`entry path ${JSON.stringify(name)} leaves the archive`);
  return parts.join('/');
}

export function readZip(zip: Buffer, maxUnzippedBytes = MAX_UNZIPPED_BYTES): ZipEntry[] {
  if (zip.length < 22) throw new ZipFormatError('too short to be a zip archive');
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const centralSize = zip.readUInt32LE(eocd + 12);
  let offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported');
  if (count > MAX_ENTRIES || offset + centralSize > eocd) throw new ZipFormatError('central directory out of bounds');
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new ZipFormatError('corrupt central directory');
    const madeBy = zip.readUInt16LE(offset + 4) >> 8;
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const externalAttributes = zip.readUInt32LE(offset + 38);
    const localOffset = zip.readUInt32LE(offset + 42);
    const rawName = zip.subarray(offset + 46, offset + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    offset += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw new ZipFormatError('encrypted entries are not supported');
    total += size;
    if (total > maxUnzippedBytes) throw new ZipFormatError('unzipped size exceeds the limit');
    const directory = rawName.endsWith('/') || rawName.endsWith('\\');
    const path = safeEntryPath(rawName);
    const unixMode = madeBy === 3 ? (externalAttributes >>> 16) & 0o7777 : undefined;
    if (directory) {
      if (path !== '') entries.push({ path, directory: true, mode: unixMode, data: Buffer.alloc(0) });
      continue;
    }
    if (path === '') throw new ZipFormatError('entry without a name');

    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw new ZipFormatError('corrupt local header');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > zip.length) throw new ZipFormatError('entry data out of bounds');
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch {
        throw new ZipFormatError(`cannot inflate ${path}`);
      }
    } else throw new ZipFormatError(`compression method ${method} is not supported`);
    if (data.length !== size || crc32(data) !== crc) throw new ZipFormatError(`checksum mismatch for ${path}`);
    entries.push({ path, directory: false, mode: unixMode, data });
  }
  return entries;
}
