export { rowAad } from './aad.ts';
export { AesGcmBarrier, type Barrier, type RootKeyTerm } from './barrier.ts';
export { CANARY_AAD, CANARY_PLAINTEXT, verifyCanary } from './canary.ts';
export { ENVELOPE_OVERHEAD, ENVELOPE_VERSION } from './envelope.ts';
export { BarrierError, RootKeyMismatchError, type BarrierFailure } from './errors.ts';
export { openBarrier, type OpenBarrierOptions, type OpenedBarrier } from './open-barrier.ts';
