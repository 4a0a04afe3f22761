/**
 * Where the CLI writes: stdout, or a file that only appears when the whole
 * operation succeeded. The file is written under a temporary name in the same
 * directory (mode 0600) and renamed into place at the end; on any failure the
 * temporary file is removed, so a failed decrypt never leaves partial
 * plaintext behind.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';

export interface Output {
  readonly stream: Writable;
  /** Whether the pipeline should end the stream (not for stdout). */
  readonly endStream: boolean;
  /** Makes the output visible under its final name. */
  commit(): Promise<void>;
  /** Removes whatever was written. */
  discard(): Promise<void>;
}

export function stdoutOutput(stdout: Writable): Output {
  return { stream: stdout, endStream: false, commit: async () => undefined, discard: async () => undefined };
}

export function fileOutput(target: string): Output {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  stream.on('error', () => undefined); // reported through the pipeline
  return {
    stream,
    endStream: true,
    async commit() {
      await closed;
      await rename(temp, target);
    },
    async discard() {
      if (!stream.destroyed) stream.destroy();
      await closed;
      await unlink(temp).catch(() => undefined);
    },
  };
}
