/**
 * The PostgreSQL change feed: `pg_notify` inside the publishing transaction
 * (PostgreSQL delivers NOTIFY only on commit, so a rolled-back change is
 * never announced), and one dedicated LISTEN connection per store, outside
 * the pool, with the pool's connection settings (schema included).
 *
 * Local delivery: the payload names the publishing store, which ignores its
 * own echo and instead delivers through `afterCommit`. That makes its own
 * caches consistent before `store.transaction()` resolves (read-your-writes
 * for the next request) and keeps local invalidation working while the
 * LISTEN connection is down.
 *
 * If the LISTEN connection drops (or stops answering pings), it is
 * re-established with backoff and the reset listeners run: notifications
 * sent in between are lost, so caches must clear everything.
 */
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { randomBytes, sha256Hex } from '../../crypto/primitives.ts';
import { StoreError } from '../errors.ts';
import type { Database } from '../types.ts';
import { ChangeFanout, checkTopic, type ChangeFeed, type TransactionHooks } from './change-feed.ts';

/** PostgreSQL rejects NOTIFY payloads of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;
/** PostgreSQL identifiers (channel names) are at most NAMEDATALEN - 1 bytes. */
const MAX_CHANNEL_BYTES = 63;
const CHANNEL_PREFIX = 'strongroom_changes:';

export interface PostgresChangeFeedOptions {
  /** The pool's connection string (its `options` carry the search_path). */
  connectionString: string;
  /** From `changeChannel(schema)`: stores on different schemas never see each other's changes. */
  channel: string;
  /** The store's root query builder, for publishes outside a transaction. */
  db: Kysely<Database>;
  hooks: TransactionHooks;
  onError: (error: Error) => void;
  /** Reconnect backoff (default 100 ms doubling to 10 s, with jitter). */
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** How often the LISTEN connection is checked with a query (default 30 s), and how long the answer may take (default 10 s). */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
}

/** The NOTIFY channel of a schema: readable where it fits in an identifier, hashed where it does not. */
export function changeChannel(schema: string): string {
  const plain = `${CHANNEL_PREFIX}${schema}`;
  if (Buffer.byteLength(plain) <= MAX_CHANNEL_BYTES) return plain;
  return `${CHANNEL_PREFIX}${schema.slice(0, 20)}:${sha256Hex(schema).slice(0, 16)}`;
}

export async function openPostgresChangeFeed(options: PostgresChangeFeedOptions): Promise<PostgresChangeFeed> {
  const feed = new PostgresChangeFeed(options);
  await feed.start();
  return feed;
}

export class PostgresChangeFeed implements ChangeFeed {
  readonly #options: PostgresChangeFeedOptions;
  readonly #fanout: ChangeFanout;
  /** Identifies this store in payloads, so it can skip its own echo. */
  readonly #sender = randomBytes(9).toString('base64url');
  /** Payloads queued per open transaction, sent in one statement just before COMMIT. */
  readonly #pending = new WeakMap<object, Set<string>>();
  readonly #sending = new Set<Promise<void>>();
  #client: pg.Client | undefined;
  #backendPid: number | undefined;
  #closed = false;
  #failures = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;

  constructor(options: PostgresChangeFeedOptions) {
    this.#options = options;
    this.#fanout = new ChangeFanout(options.onError);
  }

  get channel(): string {
    return this.#options.channel;
  }

  /** The server process id of the LISTEN connection, while it is up (for tests and diagnostics). */
  get listenerPid(): number | undefined {
    return this.#backendPid;
  }

  async start(): Promise<void> {
    await this.#connect();
  }

  publish(topic: string, id: string): void {
    checkTopic(topic);
    if (typeof id !== 'string') throw new TypeError('a change id must be a string');
    const payload = JSON.stringify([this.#sender, topic, id]);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      throw new RangeError(`a change notification must stay under 8000 bytes; "${topic}" ids should be short keys`);
    }

    const trx = this.#hooks.transaction();
    if (!trx) {
      this.#fanout.deliver(topic, id);
      if (this.#closed) return;
      const db = this.#options.db;
      const sending: Promise<void> = this.#hooks
        .outsideTransaction(() => this.#notify(db, [payload]))
        .catch((error: Error) => this.#options.onError(new StoreError(`a change notification could not be sent: ${error.message}`, { cause: error })))
        .finally(() => this.#sending.delete(sending));
      this.#sending.add(sending);
      return;
    }

    let batch = this.#pending.get(trx);
    if (!batch) {
      const fresh = new Set<string>();
      batch = fresh;
      this.#pending.set(trx, fresh);
      this.#hooks.beforeCommit(async () => {
        this.#pending.delete(trx);
        await this.#notify(trx, [...fresh]);
      });
    }
    if (batch.has(payload)) return;
    batch.add(payload);
    this.#hooks.afterCommit(() => this.#fanout.deliver(topic, id));
  }

  subscribe(topic: string, listener: (id: string) => void): () => void {
    return this.#fanout.subscribe(topic, listener);
  }

  onReset(listener: () => void): () => void {
    return this.#fanout.onReset(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#pingTimer);
    const client = this.#client;
    this.#client = undefined;
    this.#backendPid = undefined;
    await Promise.allSettled([...this.#sending]);
    if (client) await client.end().catch(() => undefined);
  }

  get #hooks(): TransactionHooks {
    return this.#options.hooks;
  }

  async #notify(db: Kysely<Database>, payloads: string[]): Promise<void> {
    const channel = this.#options.channel;
    if (payloads.length === 1) await sql`select pg_notify(${channel}, ${payloads[0]})`.execute(db);
    else await sql`select pg_notify(${channel}, p) from unnest(cast(${payloads} as text[])) as p`.execute(db);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: 'strongroom-listen',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('the connection ended')));
    client.on('notification', (message) => {
      if (client === this.#client && message.channel === this.#options.channel) this.#receive(message.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${quoteIdent(this.#options.channel)}`);
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      if (this.#closed) throw new StoreError('the store was closed');
      this.#client = client;
      this.#backendPid = rows[0]?.pid;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.#startPings(client);
  }

  #receive(payload: string | undefined): void {
    let sender: unknown, topic: unknown, id: unknown;
    try {
      [sender, topic, id] = JSON.parse(payload ?? '') as unknown[];
    } catch {
      sender = undefined;
    }
    if (typeof sender !== 'string' || typeof topic !== 'string' || typeof id !== 'string') {
      this.#options.onError(new StoreError(`ignored a malformed change notification on ${this.#options.channel}`));
      return;
    }
    if (sender === this.#sender) return; // delivered locally after commit already
    this.#fanout.deliver(topic, id);
  }

  #lost(client: pg.Client, error: Error): void {
    if (client !== this.#client || this.#closed) return;
    this.#client = undefined;
    this.#backendPid = undefined;
    clearInterval(this.#pingTimer);
    client.end().catch(() => undefined);
    this.#options.onError(new StoreError(`the PostgreSQL change-notification connection was lost (${error.message}); reconnecting`, { cause: error }));
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const min = this.#options.minReconnectDelayMs ?? 100;
    const max = this.#options.maxReconnectDelayMs ?? 10_000;
    const delay = Math.min(max, min * 2 ** Math.min(this.#failures, 20)) * (0.5 + Math.random() / 2);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#closed) return;
      this.#connect().then(
        () => {
          this.#failures = 0;
          this.#fanout.reset();
        },
        (error: Error) => {
          if (this.#closed) return;
          this.#failures += 1;
          this.#options.onError(new StoreError(`reconnecting the PostgreSQL change-notification connection failed: ${error.message}`, { cause: error }));
          this.#scheduleReconnect();
        },
      );
    }, delay);
    this.#reconnectTimer.unref();
  }

  /** A silently dead TCP connection (NAT, failover) raises no event: ask it something now and then. */
  #startPings(client: pg.Client): void {
    const interval = this.#options.pingIntervalMs ?? 30_000;
    const timeout = this.#options.pingTimeoutMs ?? 10_000;
    this.#pingTimer = setInterval(() => {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to a ping within ${timeout} ms`)), timeout);
        timer.unref();
      });
      Promise.race([client.query('select 1'), expired])
        .catch((error: Error) => this.#lost(client, error))
        .finally(() => clearTimeout(timer));
    }, interval);
    this.#pingTimer.unref();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
