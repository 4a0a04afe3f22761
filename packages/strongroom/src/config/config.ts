/**
 * Server configuration: command-line flags win over STRONGROOM_* environment
 * variables, which win over the defaults.
 */
import path from 'node:path';

export type AuthMode = 'sigv4' | 'off';
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… selects PostgreSQL; undefined means the embedded SQLite file in dataDir. */
  databaseUrl?: string;
  auth: AuthMode;
  region: string;
  accountId: string;
  logLevel: LogLevel;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
}

export type ConfigFlags = Partial<Record<'host' | 'port' | 'data' | 'database' | 'auth' | 'region' | 'log-level' | 'account-id', string>>;

export const DEFAULT_PORT = 4566;
export const DEFAULT_ACCOUNT_ID = '000000000000';
const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export class ConfigError extends Error {}

export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const pick = (flag: keyof ConfigFlags, envName: string): string | undefined => flags[flag] ?? env[envName];

  const port = Number(pick('port', 'STRONGROOM_PORT') ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`invalid port: ${pick('port', 'STRONGROOM_PORT')}`);

  const auth = pick('auth', 'STRONGROOM_AUTH') ?? 'sigv4';
  if (auth !== 'sigv4' && auth !== 'off') throw new ConfigError(`invalid --auth "${auth}": expected sigv4 or off`);

  const logLevel = (pick('log-level', 'STRONGROOM_LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`invalid --log-level "${logLevel}": expected one of ${LOG_LEVELS.join(', ')}`);

  const accountId = pick('account-id', 'STRONGROOM_ACCOUNT_ID') ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new ConfigError(`invalid account id "${accountId}": expected 12 digits`);

  const region = pick('region', 'STRONGROOM_REGION') ?? env.AWS_REGION ?? 'us-east-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new ConfigError(`invalid region "${region}"`);

  const databaseUrl = pick('database', 'STRONGROOM_DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('--database must be a postgres:// URL (omit it for the embedded SQLite store)');
  }

  return {
    host: pick('host', 'STRONGROOM_HOST') ?? '127.0.0.1',
    port,
    dataDir: path.resolve(pick('data', 'STRONGROOM_DATA') ?? '.strongroom'),
    databaseUrl,
    auth,
    region,
    accountId,
    logLevel,
    maxBodyBytes: 2 * 1024 * 1024,
  };
}
