/** Help texts for the strongroom command and each subcommand. */

const SERVER_FLAGS = `  --host HOST          address to listen on (default 127.0.0.1; STRONGROOM_HOST)
  --port PORT          port to listen on (default 4566; STRONGROOM_PORT)
  --data DIR           data directory: SQLite store, root key, credentials (default ./.strongroom; STRONGROOM_DATA)
  --database URL       postgres://… to use PostgreSQL instead of the embedded SQLite store (STRONGROOM_DATABASE_URL)
  --region REGION      default region (default us-east-1; STRONGROOM_REGION)
  --account-id ID      the account created on first start (default 000000000000; STRONGROOM_ACCOUNT_ID)`;

export const HELP: Record<string, string> = {
  main: `Usage: strongroom <command> [flags]

The AWS security stack on your own machine: KMS, SSM Parameter Store,
Secrets Manager, IAM and STS behind one AWS-compatible endpoint.

Commands:
  start     run the server
  init      create the data directory, root key and administrator credentials
  env       print the export lines that point the AWS CLI and SDKs at the server
  version   print the version

Run "strongroom <command> --help" for a command's flags.`,
  start: `Usage: strongroom start [flags]

Runs the server. On first start with an empty data directory it creates the
account, an administrator access key in <data>/credentials and the root key.

${SERVER_FLAGS}
  --auth MODE          sigv4 (default) or off — off accepts ANY well-formed signature as the
                       account root: unsafe, for throwaway emulator use only (STRONGROOM_AUTH)
  --log-level LEVEL    trace|debug|info|warn|error|fatal|silent (default info; STRONGROOM_LOG_LEVEL)

Root key: <data>/root.key (generated, mode 0600) unless STRONGROOM_ROOT_KEY (base64, 32 bytes)
or STRONGROOM_ROOT_PASSPHRASE (scrypt-derived) is set.`,
  init: `Usage: strongroom init [flags]

Creates the data directory, the root key, the store and the administrator
credentials (<data>/credentials, profile "strongroom"), then exits.

${SERVER_FLAGS}`,
  env: `Usage: strongroom env [flags]

Prints shell export lines for the AWS CLI and SDKs:
  eval "$(strongroom env)"

${SERVER_FLAGS}`,
  version: `Usage: strongroom version

Prints the version.`,
};
