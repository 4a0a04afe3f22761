/**
 * Bytes received but not yet consumed, kept as the chunks they arrived in.
 * `contiguous(n)` returns the first n bytes as one Buffer, copying only when
 * they straddle chunks (and then only those n bytes), so a message that
 * arrives in one piece is parsed without any copy.
 */
export class ChunkQueue {
  private chunks: Buffer[] = [];
  private head = 0;
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The first n bytes (n ≤ length) without consuming them. */
  contiguous(n: number): Buffer {
    const first = this.chunks[this.head];
    if (first && first.length >= n) return first.subarray(0, n);
    const merged = Buffer.allocUnsafe(n);
    let filled = 0;
    let index = this.head;
    while (filled < n) {
      const chunk = this.chunks[index];
      const take = Math.min(chunk.length, n - filled);
      chunk.copy(merged, filled, 0, take);
      filled += take;
      if (take === chunk.length) index++;
      else this.chunks[index] = chunk.subarray(take);
    }
    // Replace the merged chunks with the merged copy.
    this.chunks.splice(this.head, index - this.head, merged);
    return merged;
  }

  /** Everything pending, as one Buffer. */
  all(): Buffer {
    return this.length === 0 ? Buffer.alloc(0) : this.contiguous(this.length);
  }

  consume(n: number): void {
    this.length -= n;
    while (n > 0) {
      const chunk = this.chunks[this.head];
      if (chunk.length <= n) {
        n -= chunk.length;
        this.head++;
      } else {
        this.chunks[this.head] = chunk.subarray(n);
        n = 0;
      }
    }
    if (this.head > 64 || this.head === this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }
}
