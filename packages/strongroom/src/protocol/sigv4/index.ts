export type { ParsedSigV4, SigV4Request } from './types.ts';
export { SigV4Error, type SigV4ErrorDetails, type SigV4ErrorKind } from './sigv4-error.ts';
export { parseSigV4 } from './parse.ts';
export { prevalidateSigV4, verifySigV4, type VerifyOptions } from './verify.ts';
export { SigningKeyCache, defaultSigningKeyCache, deriveSigningKey } from './signing-key.ts';
export { toAwsError, type AuthProtocol } from './auth-errors.ts';
export { signRequest, type SignOptions, type SignedRequest, type SigningCredentials } from './sign.ts';
