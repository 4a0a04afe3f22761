/**
 * Command line of `strongroom-encrypt`, close to aws-encryption-cli:
 *
 *   strongroom-encrypt --encrypt -i plain.txt -o plain.txt.encrypted \
 *     --wrapping-keys key=alias/app region=us-east-1 --encryption-context purpose=test
 *   strongroom-encrypt --decrypt -i plain.txt.encrypted -o - \
 *     --wrapping-keys key=arn:aws:kms:us-east-1:111122223333:key/… --encryption-context purpose=test
 *
 * Like aws-encryption-cli, --wrapping-keys and --encryption-context take
 * several space-separated values after one flag, and --wrapping-keys may be
 * repeated (one group per region/set of keys). node:util parseArgs reads the
 * flags; the values that follow such a flag are collected from its tokens.
 */
import { parseArgs } from 'node:util';
import type { CommitmentPolicy } from '../materials.ts';

export class UsageError extends Error {}

export interface WrappingKeyGroup {
  /** key=… values, in order (the first of the first group generates the data key). */
  readonly keys: readonly string[];
  readonly region?: string;
  readonly discovery: boolean;
  readonly discoveryPartition?: string;
  readonly discoveryAccounts: readonly string[];
}

export interface CliOptions {
  readonly mode: 'encrypt' | 'decrypt';
  /** A path, or "-" for stdin. */
  readonly input: string;
  /** A path, or "-" for stdout. */
  readonly output: string;
  readonly wrappingKeys: readonly WrappingKeyGroup[];
  readonly encryptionContext: Readonly<Record<string, string>>;
  readonly commitmentPolicy?: CommitmentPolicy;
  readonly maxEncryptedDataKeys?: number;
  readonly endpointUrl?: string;
  readonly suiteId?: number;
  readonly frameLength?: number;
  /** Where to write the message header as JSON ("-" = stderr is not allowed; a path, or "-" for stdout when output is a file). */
  readonly metadataOutput?: string;
  readonly quiet: boolean;
  /** Force (true) or forbid (false) the progress line; default: only when stderr is a terminal. */
  readonly progress?: boolean;
}

export type ParsedCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

export const HELP = `strongroom-encrypt — encrypt and decrypt files with the AWS Encryption SDK message format

Usage:
  strongroom-encrypt --encrypt -i <file|-> -o <file|-> --wrapping-keys key=<KMS key> [key=…] [region=…] [options]
  strongroom-encrypt --decrypt -i <file|-> -o <file|-> --wrapping-keys key=<KMS key ARN> [options]
  strongroom-encrypt --decrypt -i <file|-> -o <file|-> --wrapping-keys discovery=true [discovery-partition=aws discovery-account=<id> …]

Options:
  -e, --encrypt                     encrypt the input
  -d, --decrypt                     decrypt the input
  -i, --input <file|->              input file, or - for stdin
  -o, --output <file|->             output file, or - for stdout
  -w, --wrapping-keys <k=v …>       KMS wrapping keys; repeatable. Attributes:
                                      key=<key id, key ARN, alias name or alias ARN> (repeatable;
                                          the first key of the first group generates the data key;
                                          to decrypt, give key ARNs)
                                      region=<region> for keys that are not ARNs
                                      discovery=true (decrypt only: any KMS key the caller may use)
                                      discovery-partition=<partition> discovery-account=<id> (repeatable)
  -c, --encryption-context <k=v …>  encrypt: the encryption context; decrypt: pairs the message must contain
      --commitment-policy <policy>  forbid-encrypt-allow-decrypt | require-encrypt-allow-decrypt |
                                    require-encrypt-require-decrypt (default)
      --max-encrypted-data-keys <n> refuse messages with more encrypted data keys
      --algorithm <name|0xID>       encrypt: algorithm suite (default 0x0578,
                                    AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384)
      --frame-length <bytes>        encrypt: frame length (default 4096)
      --endpoint-url <url>          KMS endpoint (e.g. Strongroom's); also AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL
      --metadata-output <file|->    write the message header (JSON) there
  -S, --suppress-metadata           accepted for aws-encryption-cli compatibility (metadata is off by default)
      --progress / --no-progress    progress on stderr (default: for large files when stderr is a terminal)
  -q, --quiet                       no warnings (also the AWS SDK's Node-version notice)
  -h, --help                        this text
      --version                     the version

Credentials and region come from the usual AWS sources (environment, shared config/credentials files).
Exit status: 0 success, 1 failure (nothing is left at the output path), 2 usage error.
`;

const POLICIES: Record<string, CommitmentPolicy> = {
  'forbid-encrypt-allow-decrypt': 'FORBID_ENCRYPT_ALLOW_DECRYPT',
  'require-encrypt-allow-decrypt': 'REQUIRE_ENCRYPT_ALLOW_DECRYPT',
  'require-encrypt-require-decrypt': 'REQUIRE_ENCRYPT_REQUIRE_DECRYPT',
};

/** Suite names as aws-encryption-cli spells them (--algorithm). */
export const ALGORITHM_NAMES: Record<string, number> = {
  AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384: 0x0578,
  AES_256_GCM_HKDF_SHA512_COMMIT_KEY: 0x0478,
  AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384: 0x0378,
  AES_192_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384: 0x0346,
  AES_128_GCM_IV12_TAG16_HKDF_SHA256_ECDSA_P256: 0x0214,
  AES_256_GCM_IV12_TAG16_HKDF_SHA256: 0x0178,
  AES_192_GCM_IV12_TAG16_HKDF_SHA256: 0x0146,
  AES_128_GCM_IV12_TAG16_HKDF_SHA256: 0x0114,
  AES_256_GCM_IV12_TAG16: 0x0078,
  AES_192_GCM_IV12_TAG16: 0x0046,
  AES_128_GCM_IV12_TAG16: 0x0014,
};

const MULTI_VALUE = new Set(['wrapping-keys', 'encryption-context']);

function pair(value: string, flag: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`${flag}: expected name=value, got "${value}"`);
  return [value.slice(0, eq), value.slice(eq + 1)];
}

function wrappingKeyGroup(values: readonly string[]): WrappingKeyGroup {
  if (values.length === 0) throw new UsageError('--wrapping-keys needs at least one attribute, e.g. key=alias/my-key');
  const keys: string[] = [];
  const accounts: string[] = [];
  let region: string | undefined;
  let discovery: boolean | undefined;
  let partition: string | undefined;
  for (const value of values) {
    const [name, v] = pair(value, '--wrapping-keys');
    if (!v) throw new UsageError(`--wrapping-keys: ${name}= needs a value`);
    switch (name) {
      case 'key':
        keys.push(v);
        break;
      case 'region':
        if (region !== undefined) throw new UsageError('--wrapping-keys: region= may be given once per group');
        region = v;
        break;
      case 'discovery':
        if (v !== 'true' && v !== 'false') throw new UsageError('--wrapping-keys: discovery= must be true or false');
        discovery = v === 'true';
        break;
      case 'discovery-partition':
        partition = v;
        break;
      case 'discovery-account':
        accounts.push(v);
        break;
      case 'profile':
        throw new UsageError('--wrapping-keys: profile= is not supported; set AWS_PROFILE instead');
      default:
        throw new UsageError(`--wrapping-keys: unknown attribute "${name}" (key, region, discovery, discovery-partition, discovery-account)`);
    }
  }
  if (discovery && keys.length > 0) throw new UsageError('--wrapping-keys: discovery=true cannot be combined with key=');
  if (!discovery && keys.length === 0) throw new UsageError('--wrapping-keys: give key=<KMS key> (or discovery=true to decrypt)');
  if (!discovery && (partition !== undefined || accounts.length > 0)) throw new UsageError('--wrapping-keys: discovery-partition / discovery-account need discovery=true');
  if ((partition === undefined) !== (accounts.length === 0)) throw new UsageError('--wrapping-keys: a discovery filter needs both discovery-partition and discovery-account');
  return { keys, region, discovery: discovery ?? false, discoveryPartition: partition, discoveryAccounts: accounts };
}

function positiveInteger(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got "${value}"`);
  return Number(value);
}

function suiteFromAlgorithm(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^0x[0-9a-f]{4}$/i.test(value)) return Number.parseInt(value.slice(2), 16);
  const id = ALGORITHM_NAMES[value.toUpperCase()];
  if (id === undefined) throw new UsageError(`--algorithm: unknown algorithm "${value}" (one of ${Object.keys(ALGORITHM_NAMES).join(', ')}, or a suite id like 0x0478)`);
  return id;
}

export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      tokens: true,
      options: {
        encrypt: { type: 'boolean', short: 'e' },
        decrypt: { type: 'boolean', short: 'd' },
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        'wrapping-keys': { type: 'string', short: 'w', multiple: true },
        'encryption-context': { type: 'string', short: 'c', multiple: true },
        'commitment-policy': { type: 'string' },
        'max-encrypted-data-keys': { type: 'string' },
        algorithm: { type: 'string' },
        'frame-length': { type: 'string' },
        'endpoint-url': { type: 'string' },
        'metadata-output': { type: 'string' },
        'suppress-metadata': { type: 'boolean', short: 'S' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, tokens } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  // Values after a multi-value flag (until the next flag) belong to it.
  const groups: { name: string; values: string[] }[] = [];
  let current: { name: string; values: string[] } | undefined;
  for (const token of tokens) {
    if (token.kind === 'option') {
      current = MULTI_VALUE.has(token.name) ? { name: token.name, values: token.value === undefined ? [] : [token.value] } : undefined;
      if (current) groups.push(current);
    } else if (token.kind === 'positional') {
      if (!current) throw new UsageError(`unexpected argument "${token.value}"`);
      current.values.push(token.value);
    } else {
      current = undefined; // "--" ends a list
    }
  }

  if (values.encrypt === values.decrypt) throw new UsageError('give exactly one of --encrypt or --decrypt');
  const mode = values.encrypt ? 'encrypt' : 'decrypt';
  if (values.input === undefined) throw new UsageError('--input is required (a file, or - for stdin)');
  if (values.output === undefined) throw new UsageError('--output is required (a file, or - for stdout)');
  if (values.input !== '-' && values.input === values.output) throw new UsageError('--input and --output must differ');

  const wrappingKeys = groups.filter((g) => g.name === 'wrapping-keys').map((g) => wrappingKeyGroup(g.values));
  if (wrappingKeys.length === 0) throw new UsageError('--wrapping-keys is required, e.g. --wrapping-keys key=alias/my-key');
  if (mode === 'encrypt' && wrappingKeys.some((g) => g.discovery)) throw new UsageError('discovery=true can only decrypt');
  if (mode === 'decrypt' && wrappingKeys.length > 1 && wrappingKeys.some((g) => g.discovery)) throw new UsageError('discovery=true cannot be combined with other --wrapping-keys groups');

  const encryptionContext: Record<string, string> = {};
  for (const group of groups.filter((g) => g.name === 'encryption-context')) {
    if (group.values.length === 0) throw new UsageError('--encryption-context needs at least one name=value pair');
    for (const value of group.values) {
      const [k, v] = pair(value, '--encryption-context');
      if (Object.hasOwn(encryptionContext, k) && encryptionContext[k] !== v) throw new UsageError(`--encryption-context: "${k}" is given twice`);
      Object.defineProperty(encryptionContext, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }

  let commitmentPolicy: CommitmentPolicy | undefined;
  if (values['commitment-policy'] !== undefined) {
    commitmentPolicy = POLICIES[values['commitment-policy'].toLowerCase().replaceAll('_', '-')];
    if (!commitmentPolicy) throw new UsageError(`--commitment-policy must be one of ${Object.keys(POLICIES).join(', ')}`);
  }
  if (mode === 'decrypt' && (values.algorithm !== undefined || values['frame-length'] !== undefined)) {
    throw new UsageError('--algorithm and --frame-length apply to --encrypt only (the message says how it was written)');
  }
  if (values.progress && values['no-progress']) throw new UsageError('give --progress or --no-progress, not both');
  const metadataOutput = values['metadata-output'];
  if (metadataOutput === '-' && values.output === '-') throw new UsageError('--metadata-output - and --output - cannot both use stdout');

  return {
    kind: 'run',
    options: {
      mode,
      input: values.input,
      output: values.output,
      wrappingKeys,
      encryptionContext,
      commitmentPolicy,
      maxEncryptedDataKeys: positiveInteger('--max-encrypted-data-keys', values['max-encrypted-data-keys'], 65535),
      endpointUrl: values['endpoint-url'],
      suiteId: suiteFromAlgorithm(values.algorithm),
      frameLength: positiveInteger('--frame-length', values['frame-length'], 2 ** 32 - 1),
      metadataOutput,
      quiet: values.quiet ?? false,
      progress: values.progress ? true : values['no-progress'] ? false : undefined,
    },
  };
}
