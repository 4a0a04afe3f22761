import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package directory (packages/encryption-sdk). */
export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The repository (or worktree) root. */
export const REPO_ROOT = path.resolve(PACKAGE_DIR, '..', '..');
/** The shared decrypt test vectors: <repo>/../shared/esdk-vectors. */
export const VECTORS_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'esdk-vectors');
export const VECTORS_PRESENT = existsSync(path.join(VECTORS_DIR, 'README.md'));
export const VECTORS_SKIP = VECTORS_PRESENT ? false : `test vectors not found at ${VECTORS_DIR} (../shared/esdk-vectors beside the repository); skipped`;
