export {
  accountOfAccessKeyId,
  hashSessionToken,
  newSessionToken,
  newTemporaryAccessKeyId,
  sessionTokenMatches,
  TEMPORARY_ACCESS_KEY_ID_PATTERN,
} from './session-ids.ts';
export {
  EXPIRED_SESSION_RETENTION_MS,
  SessionRepository,
  sessionSecretAad,
  STS_SESSION_TOPIC,
  type IssuedCredentials,
  type NewSession,
  type SessionPrincipal,
  type SessionRepositoryOptions,
  type StsSession,
} from './session-repository.ts';
