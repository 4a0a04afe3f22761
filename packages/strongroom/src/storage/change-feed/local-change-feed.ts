/**
 * The SQLite change feed. One process per database file is the supported
 * mode, so delivery is in-process only, through `afterCommit`. Stores opened
 * on the same file within one process (tests, the CLI beside a server in
 * one process) share a bus, so each sees the others' changes.
 */
import { ChangeFanout, checkTopic, type ChangeFeed, type TransactionHooks } from './change-feed.ts';

const buses = new Map<string, Set<LocalChangeFeed>>();

export class LocalChangeFeed implements ChangeFeed {
  readonly #key: string;
  readonly #hooks: TransactionHooks;
  readonly #fanout: ChangeFanout;
  readonly #published = new WeakMap<object, Set<string>>();
  #closed = false;

  /** `key` identifies the database (the SQLite file's canonical path). */
  constructor(key: string, hooks: TransactionHooks, onError: (error: Error) => void) {
    this.#key = key;
    this.#hooks = hooks;
    this.#fanout = new ChangeFanout(onError);
    let bus = buses.get(key);
    if (!bus) {
      bus = new Set();
      buses.set(key, bus);
    }
    bus.add(this);
  }

  publish(topic: string, id: string): void {
    checkTopic(topic);
    if (typeof id !== 'string') throw new TypeError('a change id must be a string');
    const trx = this.#hooks.transaction();
    if (trx) {
      // Like PostgreSQL's NOTIFY: one transaction announces each change once.
      let seen = this.#published.get(trx);
      if (!seen) this.#published.set(trx, (seen = new Set()));
      const key = JSON.stringify([topic, id]);
      if (seen.has(key)) return;
      seen.add(key);
    }
    this.#hooks.afterCommit(() => {
      const bus = this.#closed ? undefined : buses.get(this.#key);
      for (const feed of bus ? [...bus] : [this]) feed.#fanout.deliver(topic, id);
    });
  }

  subscribe(topic: string, listener: (id: string) => void): () => void {
    return this.#fanout.subscribe(topic, listener);
  }

  onReset(listener: () => void): () => void {
    // Nothing is ever missed in-process.
    return this.#fanout.onReset(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const bus = buses.get(this.#key);
    bus?.delete(this);
    if (bus?.size === 0) buses.delete(this.#key);
  }
}
