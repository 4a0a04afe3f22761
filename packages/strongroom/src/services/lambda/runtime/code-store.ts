/**
 * Where function code runs from: a private working directory per server
 * process (removed at close) holding the bootstrap, each deployment package
 * unpacked once by its SHA-256 (`code/<sha>/`), and `node_modules/@aws-sdk`
 * linked to the server's own AWS SDK for JavaScript v3. Node resolves bare
 * imports by walking up from the importing file, so a function that does not
 * bundle the SDK finds it there — from CommonJS and ESM alike — and one that
 * bundles its own uses that, as on AWS's Node.js runtimes.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { BOOTSTRAP_SOURCE } from './bootstrap-source.ts';
import { readZip } from './zip.ts';

/** The node_modules directory that holds the server's @aws-sdk packages, or undefined when none is installed. */
export function serverSdkModules(): string | undefined {
  try {
    const resolved = createRequire(import.meta.url).resolve('@aws-sdk/client-sts');
    const marker = `${sep}node_modules${sep}@aws-sdk${sep}`;
    const at = resolved.lastIndexOf(marker);
    return at < 0 ? undefined : resolved.slice(0, at + marker.length - '@aws-sdk/'.length);
  } catch {
    return undefined;
  }
}

export class CodeStore {
  readonly root: string;
  readonly bootstrapPath: string;
  readonly modulesPath: string;
  readonly #unpacking = new Map<string, Promise<string>>();

  private constructor(root: string) {
    this.root = root;
    this.bootstrapPath = join(root, 'bootstrap.mjs');
    this.modulesPath = join(root, 'node_modules');
  }

  static async create(parent = tmpdir()): Promise<CodeStore> {
    const store = new CodeStore(await mkdtemp(join(parent, 'strongroom-lambda-')));
    await writeFile(store.bootstrapPath, BOOTSTRAP_SOURCE, { mode: 0o600 });
    await mkdir(join(store.root, 'code'), { recursive: true });
    await mkdir(store.modulesPath, { recursive: true });
    const sdk = serverSdkModules();
    if (sdk) await symlink(join(sdk, '@aws-sdk'), join(store.modulesPath, '@aws-sdk'), 'dir');
    return store;
  }

  /** The unpacked directory for a package; unpacked on first use. `sha256` is the package's base64 CodeSha256. */
  directoryFor(sha256: string, zip: () => Promise<Buffer>): Promise<string> {
    const name = Buffer.from(sha256, 'base64').toString('hex');
    let pending = this.#unpacking.get(name);
    if (!pending) {
      pending = this.#unpack(name, zip);
      this.#unpacking.set(name, pending);
      pending.catch(() => this.#unpacking.delete(name));
    }
    return pending;
  }

  async #unpack(name: string, zip: () => Promise<Buffer>): Promise<string> {
    const target = join(this.root, 'code', name);
    if (existsSync(target)) return target;
    const staging = `${target}.partial`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    for (const entry of readZip(await zip())) {
      const path = join(staging, ...entry.path.split('/'));
      if (entry.directory) {
        await mkdir(path, { recursive: true });
        continue;
      }
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, entry.data);
      if (entry.mode !== undefined) await chmod(path, (entry.mode & 0o777) | 0o400);
    }
    await rename(staging, target);
    return target;
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
