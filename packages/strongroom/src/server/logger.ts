/**
 * Structured logs (pino). Request secrets never reach a log line: nothing
 * logs bodies or headers, and the redaction list is a second line of defence.
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/config.ts';

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'strongroom' },
      redact: {
        paths: ['*.secretAccessKey', '*.SecretAccessKey', '*.sessionToken', '*.SessionToken', '*.Plaintext', '*.SecretString', '*.SecretBinary', '*.authorization', '*.rootKey'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ sync: false }),
  );
}
