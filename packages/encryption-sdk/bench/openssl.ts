/**
 * The physical reference: `openssl speed -evp aes-256-gcm -bytes 4096`
 * (one EVP context, 4 KiB blocks — AES-GCM as fast as this CPU does it).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * MiB/s from openssl speed's output. The table's figures are "in 1000s of
 * bytes per second processed", e.g. "AES-256-GCM    2248940.31k".
 */
export function parseOpensslSpeed(output: string, cipher = 'AES-256-GCM'): number | undefined {
  if (!/in 1000s of bytes per second/.test(output)) return undefined;
  const row = output.split('\n').find((line) => line.trim().toUpperCase().startsWith(cipher.toUpperCase()));
  const match = row && /([\d.]+)k\s*$/.exec(row.trim());
  if (!match) return undefined;
  return (Number(match[1]) * 1000) / 2 ** 20;
}

export interface OpensslResult {
  readonly mibPerSecond: number | null;
  readonly version: string | null;
  readonly error?: string;
}

export async function opensslSpeed(seconds: number): Promise<OpensslResult> {
  try {
    const [{ stdout: version }, { stdout, stderr }] = await Promise.all([
      run('openssl', ['version']),
      run('openssl', ['speed', '-evp', 'aes-256-gcm', '-bytes', '4096', '-seconds', String(seconds)], { maxBuffer: 1 << 20 }),
    ]);
    const mib = parseOpensslSpeed(`${stdout}\n${stderr}`);
    return { mibPerSecond: mib ?? null, version: version.trim(), ...(mib === undefined ? { error: 'could not parse openssl speed output' } : {}) };
  } catch (error) {
    return { mibPerSecond: null, version: null, error: (error as Error).message.split('\n')[0] };
  }
}
