/**
 * A pass-through stream that reports how far the input has been read, on
 * stderr, on one line rewritten in place — only for large inputs and only
 * when stderr is a terminal (or --progress forces it).
 */
import { Transform, type TransformCallback } from 'node:stream';

export const PROGRESS_THRESHOLD_BYTES = 8 * 1024 * 1024;
const INTERVAL_MS = 200;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export class ProgressStream extends Transform {
  #done = 0;
  #lastDraw = 0;
  #drawn = false;
  readonly #started = performance.now();

  constructor(
    private readonly label: string,
    private readonly total: number | undefined,
    private readonly report: (text: string) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#done += chunk.length;
    const now = performance.now();
    if (this.#done >= PROGRESS_THRESHOLD_BYTES && now - this.#lastDraw >= INTERVAL_MS) {
      this.#lastDraw = now;
      this.#draw(now);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.#drawn) {
      this.#draw(performance.now());
      this.report('\n');
    }
    callback();
  }

  #draw(now: number): void {
    this.#drawn = true;
    const seconds = Math.max((now - this.#started) / 1000, 0.001);
    const rate = `${(this.#done / 1024 / 1024 / seconds).toFixed(0)} MiB/s`;
    const of = this.total === undefined ? '' : ` / ${mib(this.total)} (${Math.floor((this.#done / Math.max(this.total, 1)) * 100)}%)`;
    this.report(`\r${this.label} ${mib(this.#done)}${of}  ${rate}\x1b[K`);
  }
}

/** Whether to show progress: forced by the flag, else for large or unknown-size inputs on a terminal. */
export function wantProgress(flag: boolean | undefined, stderrIsTty: boolean, inputSize: number | undefined): boolean {
  if (flag !== undefined) return flag;
  return stderrIsTty && (inputSize === undefined || inputSize >= PROGRESS_THRESHOLD_BYTES);
}
