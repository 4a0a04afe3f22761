/** Fresh key material for a key spec: random bytes, or a new private key as PKCS#8 DER. */
import { generatePrivateKeyDerAsync } from '../../../crypto/asymmetric.ts';
import { randomBytes } from '../../../crypto/primitives.ts';
import type { MaterialSpec } from '../model/key-specs.ts';

export async function generateKeyMaterial(spec: MaterialSpec): Promise<Buffer> {
  switch (spec.kind) {
    case 'symmetric':
    case 'hmac':
      return randomBytes(spec.bytes);
    case 'rsa':
    case 'ec':
      return generatePrivateKeyDerAsync(spec);
  }
}
