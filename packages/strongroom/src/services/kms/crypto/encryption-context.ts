/**
 * The canonical byte form of a KMS encryption context, bound into every
 * ciphertext as AES-GCM additional authenticated data:
 *
 *   u32 pair count
 *   per pair, sorted by the key's UTF-8 bytes:
 *     u32 key length ‖ key UTF-8 ‖ u32 value length ‖ value UTF-8
 *
 * All integers big-endian. Every string is length-prefixed, so no two
 * different contexts share an encoding ({"ab":"c"} vs {"a":"bc"} differ).
 * An absent context and an empty one are the same context (count 0).
 */

export type EncryptionContext = Readonly<Record<string, string>>;

/** Thrown for a context that has no canonical form (a string with lone UTF-16 surrogates). */
export class EncryptionContextError extends Error {}

export function canonicalEncryptionContext(context: EncryptionContext | undefined): Buffer {
  const pairs: Array<[Buffer, Buffer]> = [];
  for (const [key, value] of Object.entries(context ?? {})) {
    pairs.push([utf8(key), utf8(value)]);
  }
  pairs.sort((a, b) => Buffer.compare(a[0], b[0]));

  let size = 4;
  for (const [key, value] of pairs) size += 8 + key.length + value.length;
  const out = Buffer.allocUnsafe(size);
  let offset = out.writeUInt32BE(pairs.length, 0);
  for (const [key, value] of pairs) {
    offset = out.writeUInt32BE(key.length, offset);
    offset += key.copy(out, offset);
    offset = out.writeUInt32BE(value.length, offset);
    offset += value.copy(out, offset);
  }
  return out;
}

/** UTF-8 of a well-formed string; lone surrogates would all encode to U+FFFD and collide. */
function utf8(s: string): Buffer {
  if (!isWellFormed(s)) throw new EncryptionContextError('encryption context strings must be valid Unicode');
  return Buffer.from(s, 'utf8');
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}
