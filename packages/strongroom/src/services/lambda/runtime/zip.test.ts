import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZip, safeEntryPath, ZipFormatError } from './zip.ts';

/** Archives made by the system `zip` command: the independent implementation. */
function systemZip(files: Record<string, string>, args: string[] = []): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    execFileSync('zip', ['-q', '-r', ...args, 'out.zip', ...Object.keys(files)], { cwd: dir });
    return readFileSync(join(dir, 'out.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('reads deflated and stored entries written by zip(1), with directories', () => {
  const big = 'exports.handler = async () => 1;\n'.repeat(200);
  for (const args of [[], ['-0']]) {
    const entries = readZip(systemZip({ 'index.js': big, 'lib/util.mjs': 'export const x = 1;\n' }, args));
    const files = Object.fromEntries(entries.filter((e) => !e.directory).map((e) => [e.path, e.data.toString()]));
    assert.deepEqual(files, { 'index.js': big, 'lib/util.mjs': 'export const x = 1;\n' });
    assert.ok(entries.find((e) => e.path === 'index.js')?.mode! & 0o400);
  }
});

test('refuses what is not a zip, corrupted data, and oversized contents', () => {
  assert.throws(() => readZip(Buffer.from('not a zip at all, but long enough to look')), ZipFormatError);
  const zip = systemZip({ 'index.js': 'x'.repeat(1000) }, ['-0']);
  const at = zip.indexOf('xxxx');
  const corrupt = Buffer.from(zip);
  corrupt[at] = 0x79;
  assert.throws(() => readZip(corrupt), /checksum mismatch/);
  assert.throws(() => readZip(zip, 10), /exceeds the limit/);
});

test('entry paths never leave the target directory', () => {
  assert.equal(safeEntryPath('a/./b.js'), 'a/b.js');
  assert.throws(() => safeEntryPath('../evil.js'), ZipFormatError);
  assert.throws(() => safeEntryPath('a/../../evil.js'), ZipFormatError);
  assert.throws(() => safeEntryPath('/etc/passwd'), ZipFormatError);
  assert.throws(() => safeEntryPath('C:\\x'), ZipFormatError);
});
