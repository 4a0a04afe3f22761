/** Multi-Region key ids: "mrk-" and 32 lowercase hex digits, the same in every region of the key. */
import { randomBytes } from '../../../crypto/primitives.ts';

export const MULTI_REGION_KEY_ID_PATTERN = /^mrk-[0-9a-f]{32}$/;

export function newMultiRegionKeyId(): string {
  return `mrk-${randomBytes(16).toString('hex')}`;
}

export function isMultiRegionKeyId(keyId: string): boolean {
  return MULTI_REGION_KEY_ID_PATTERN.test(keyId);
}
