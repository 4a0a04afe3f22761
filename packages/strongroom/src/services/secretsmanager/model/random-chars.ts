/**
 * Uniform random characters from an alphabet, from the CSPRNG, by rejection
 * sampling (a byte is used only below the largest multiple of the alphabet
 * size, so no character is favoured as `byte % n` would favour some).
 */
import { randomBytes } from '../../../crypto/primitives.ts';

export function randomIndex(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 65536) throw new RangeError(`alphabet size ${n} out of range`);
  const wide = n > 256;
  const span = wide ? 65536 : 256;
  const limit = span - (span % n);
  for (;;) {
    const bytes = randomBytes(wide ? 64 : 32);
    for (let i = 0; i < bytes.length; i += wide ? 2 : 1) {
      const value = wide ? bytes.readUInt16BE(i) : bytes[i]!;
      if (value < limit) return value % n;
    }
  }
}

export function randomChars(alphabet: readonly string[] | string, length: number): string {
  const chars = typeof alphabet === 'string' ? [...alphabet] : alphabet;
  let out = '';
  for (let i = 0; i < length; i++) out += chars[randomIndex(chars.length)];
  return out;
}
