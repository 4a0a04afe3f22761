/**
 * The strongroom command line: start, init, env, version.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { resolveConfig, type Config, type ConfigFlags } from '../config/config.ts';
import { VERSION } from '../version.ts';
import { HELP } from './help.ts';
import { initDataDir, startStrongroom } from '../main.ts';
import { createLogger } from '../server/logger.ts';

const FLAG_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  data: { type: 'string' },
  database: { type: 'string' },
  auth: { type: 'string' },
  region: { type: 'string' },
  'log-level': { type: 'string' },
  'account-id': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP.main);
    return 0;
  }
  if (command === 'version' || command === '--version') {
    console.log(VERSION);
    return 0;
  }
  if (!(command in HELP)) {
    console.error(`strongroom: unknown command "${command}"\n\n${HELP.main}`);
    return 2;
  }

  let config: Config;
  try {
    const { values } = parseArgs({ args: rest, options: FLAG_OPTIONS, strict: true });
    if (values.help) {
      console.log(HELP[command]);
      return 0;
    }
    const { help: _help, ...flags } = values;
    config = resolveConfig(flags as ConfigFlags);
  } catch (error) {
    console.error(`strongroom ${command}: ${(error as Error).message}\n\n${HELP[command]}`);
    return 2;
  }

  switch (command) {
    case 'env':
      console.log(envLines(config).join('\n'));
      return 0;
    case 'init':
      return init(config);
    default:
      return start(config);
  }
}

/** The export lines that make the AWS CLI and SDKs talk to this server. */
export function envLines(config: Config): string[] {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
  return [
    `export AWS_ENDPOINT_URL=${endpoint}`,
    `export AWS_SHARED_CREDENTIALS_FILE=${shellQuote(path.join(config.dataDir, 'credentials'))}`,
    `export AWS_PROFILE=strongroom`,
    `export AWS_REGION=${config.region}`,
  ];
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

async function init(config: Config): Promise<number> {
  const log = createLogger(config.logLevel);
  try {
    const result = await initDataDir(config, log);
    console.log(result.created ? `initialised ${config.dataDir}; credentials in ${result.credentialsFile}` : `${config.dataDir} is already initialised`);
    return 0;
  } catch (error) {
    console.error(`strongroom init: ${(error as Error).message}`);
    return 1;
  } finally {
    log.flush();
  }
}

async function start(config: Config): Promise<number> {
  const log = createLogger(config.logLevel);
  let running;
  try {
    running = await startStrongroom(config, log);
  } catch (error) {
    log.fatal({ err: error }, 'failed to start');
    log.flush();
    console.error(`strongroom start: ${(error as Error).message}`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'draining in-flight requests');
      void running.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  log.info('stopped');
  log.flush();
  return 0;
}

