/**
 * Streaming encrypt/decrypt: any chunking, plaintext released frame by frame
 * for unsigned suites, nothing released before the signature verifies for
 * signed suites, decryptUnsignedMessageStream refusing signed messages.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { buildClient, type DecryptOptions } from '../src/client.ts';
import { RawAesKeyring } from '../src/keyrings/raw-aes.ts';
import { SignatureInvalidError, SignedMessageNotAllowedError } from '../src/errors.ts';
import { parseHeader, type MessageHeader } from '../src/format/header.ts';
import type { Transform } from 'node:stream';
import { ReadableStream } from 'node:stream/web';

const keyring = new RawAesKeyring({ keyNamespace: 'stream', keyName: 'key', wrappingKey: randomBytes(32) });
const client = buildClient();

async function run(stream: Transform, input: Buffer, chunkSize: number): Promise<Buffer> {
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  for (let at = 0; at < input.length; at += chunkSize) {
    if (!stream.write(input.subarray(at, at + chunkSize))) await once(stream, 'drain');
  }
  stream.end();
  await ended;
  return Buffer.concat(out);
}

/** Resolves once the stream emitted some data, or rejects if it ends or errors first. */
function firstData(stream: Transform): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('data', () => resolve());
    stream.once('error', reject);
  });
}

describe('streaming', () => {
  it('encryptStream and decryptStream round-trip with any chunk size, and match one-shot framing', async () => {
    for (const suiteId of [0x0578, 0x0478]) {
      for (const size of [0, 1, 511, 512, 513, 4096, 10_000]) {
        const plaintext = randomBytes(size);
        for (const chunkSize of [1, 100, 512, 70_000]) {
          const message = await run(client.encryptStream(keyring, { suiteId, frameLength: 512 }), plaintext, chunkSize);
          // Same size as the one-shot encoding (the signature length varies by a few bytes).
          const oneShot = (await client.encrypt(keyring, plaintext, { suiteId, frameLength: 512 })).result;
          assert.ok(Math.abs(message.length - oneShot.length) <= 4, `${size} B in ${chunkSize} B chunks`);
          assert.ok((await run(client.decryptStream(keyring), message, chunkSize)).equals(plaintext));
          assert.ok((await client.decrypt(keyring, message)).plaintext.equals(plaintext));
        }
      }
    }
  });

  it('an exact multiple of the frame length ends with a full final frame', async () => {
    const plaintext = randomBytes(1024);
    for (const message of [
      await run(client.encryptStream(keyring, { suiteId: 0x0478, frameLength: 512 }), plaintext, 512),
      (await client.encrypt(keyring, plaintext, { suiteId: 0x0478, frameLength: 512 })).result,
    ]) {
      const headerLength = parseHeader(message)!.length;
      // one regular frame (4 + 12 + 512 + 16) then the final frame (4 + 4 + 12 + 4 + 512 + 16)
      assert.equal(message.length, headerLength + 544 + 552);
      assert.equal(message.readUInt32BE(headerLength + 544), 0xffffffff);
      assert.equal(message.readUInt32BE(headerLength + 544 + 20), 512);
    }
  });

  it('unsigned suites: plaintext comes out before the whole message went in (no whole-message buffering)', async () => {
    const plaintext = randomBytes(1024 * 1024);
    const message = (await client.encrypt(keyring, plaintext, { suiteId: 0x0478 })).result;
    const stream = client.decryptStream(keyring);
    const gotData = firstData(stream);
    stream.write(message.subarray(0, message.length / 2));
    await gotData; // resolved while half the message is still unwritten
    const rest: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => rest.push(chunk));
    stream.end(message.subarray(message.length / 2));
    await once(stream, 'end');

    const encryptor = client.encryptStream(keyring, { suiteId: 0x0478 });
    const encrypted = firstData(encryptor);
    encryptor.write(plaintext.subarray(0, 100_000));
    await encrypted;
    encryptor.end();
    encryptor.resume();
    await once(encryptor, 'end');
  });

  it('signed suites: no plaintext before the footer signature verified', async () => {
    const plaintext = randomBytes(100_000);
    const message = (await client.encrypt(keyring, plaintext, { suiteId: 0x0578, frameLength: 1024 })).result;
    const stream = client.decryptStream(keyring);
    const out: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => out.push(chunk));
    let header: MessageHeader | undefined;
    stream.on('MessageHeader', (h: MessageHeader) => (header = h));
    // everything but the last byte of the signature: nothing may come out
    for (let at = 0; at < message.length - 1; at += 4096) stream.write(message.subarray(at, Math.min(at + 4096, message.length - 1)));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(out.length, 0);
    assert.equal(header?.suiteId, 0x0578);
    stream.end(message.subarray(message.length - 1));
    await once(stream, 'end');
    assert.ok(Buffer.concat(out).equals(plaintext));
  });

  it('releaseBeforeSignature (the CLI option): signed frames come out as they authenticate; a bad signature still fails the stream', async () => {
    const plaintext = randomBytes(100_000);
    const message = (await client.encrypt(keyring, plaintext, { suiteId: 0x0578, frameLength: 1024 })).result;
    // Released early: most of the plaintext is out before the footer went in.
    const stream = client.decryptStream(keyring, { releaseBeforeSignature: true });
    const out: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => out.push(chunk));
    for (let at = 0; at < message.length - 1; at += 4096) stream.write(message.subarray(at, Math.min(at + 4096, message.length - 1)));
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(Buffer.concat(out).length >= plaintext.length - 4096, 'frames were released before the signature arrived');
    stream.end(message.subarray(message.length - 1));
    await once(stream, 'end');
    assert.ok(Buffer.concat(out).equals(plaintext));

    // The last byte of the message is the signature's last byte: the stream errors at the end.
    const forged = Buffer.from(message);
    forged[forged.length - 1] ^= 1;
    await assert.rejects(run(client.decryptStream(keyring, { releaseBeforeSignature: true }), forged, 4096), SignatureInvalidError);
    // Default and the web-stream variant (which ignores the option): nothing before the signature, same error.
    const held = client.decryptStream(keyring);
    const heldOut: Buffer[] = [];
    held.on('data', (chunk: Buffer) => heldOut.push(chunk));
    await assert.rejects(run(held, forged, 4096), SignatureInvalidError);
    assert.equal(heldOut.length, 0);
    const web = client.decryptWebStream(keyring, { releaseBeforeSignature: true } as DecryptOptions);
    const chunks: Uint8Array[] = [];
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(forged);
        controller.close();
      },
    });
    await assert.rejects(
      (async () => {
        for await (const chunk of source.pipeThrough(web)) chunks.push(chunk);
      })(),
      SignatureInvalidError,
    );
    assert.equal(chunks.length, 0);
  });

  it('decryptUnsignedMessageStream refuses signed messages right after the header and accepts unsigned ones', async () => {
    const signed = (await client.encrypt(keyring, randomBytes(10), { suiteId: 0x0578 })).result;
    await assert.rejects(run(client.decryptUnsignedMessageStream(keyring), signed, 64), SignedMessageNotAllowedError);
    const plaintext = randomBytes(5000);
    const unsigned = (await client.encrypt(keyring, plaintext, { suiteId: 0x0478 })).result;
    assert.ok((await run(client.decryptUnsignedMessageStream(keyring), unsigned, 1000)).equals(plaintext));
  });

  it('encryptStream emits the MessageHeader event and reports materials errors as stream errors', async () => {
    const stream = client.encryptStream(keyring, { encryptionContext: { a: 'b' } });
    const header = once(stream, 'MessageHeader');
    const message = await run(stream, Buffer.from('hello'), 2);
    const [messageHeader] = (await header) as [MessageHeader];
    assert.equal(messageHeader.encryptionContext.a, 'b');
    assert.equal((await client.decrypt(keyring, message)).plaintext.toString(), 'hello');
    await assert.rejects(run(client.encryptStream(keyring, { encryptionContext: { 'aws-crypto-x': 'y' } }), Buffer.from('x'), 1), /reserved/);
    // A declared plaintextLength (the caching CMM relies on it) must be the truth.
    await assert.rejects(run(client.encryptStream(keyring, { plaintextLength: 3 }), Buffer.from('four'), 1), /plaintextLength/);
    await assert.rejects(run(client.encryptStream(keyring, { plaintextLength: 5 }), Buffer.from('four'), 1), /plaintextLength/);
    assert.equal((await client.decrypt(keyring, await run(client.encryptStream(keyring, { plaintextLength: 4 }), Buffer.from('four'), 1))).plaintext.toString(), 'four');
  });

  it('web streams: encryptWebStream / decryptWebStream with pipeThrough', async () => {
    const plaintext = randomBytes(50_000);
    const source = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < plaintext.length; at += 7000) controller.enqueue(plaintext.subarray(at, at + 7000));
          controller.close();
        },
      });
    const collect = async (stream: ReadableStream<Uint8Array>) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      return Buffer.concat(chunks);
    };
    const message = await collect(source().pipeThrough(client.encryptWebStream(keyring, { suiteId: 0x0478 })));
    assert.ok((await client.decrypt(keyring, message)).plaintext.equals(plaintext));
    const again = await collect(source().pipeThrough(client.encryptWebStream(keyring)));
    const messageStream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(again);
        controller.close();
      },
    });
    assert.ok((await collect(messageStream.pipeThrough(client.decryptWebStream(keyring)))).equals(plaintext));
  });

  it('a header larger than 1 MiB (many EDKs) arriving in small chunks still decrypts', async () => {
    const { MultiKeyring } = await import('../src/keyrings/multi.ts');
    const children = Array.from({ length: 60 }, (_, i) => new RawAesKeyring({ keyNamespace: 'stream', keyName: `k${i}-${'x'.repeat(20_000)}`, wrappingKey: randomBytes(16) }));
    const multi = new MultiKeyring({ generator: keyring, children });
    const plaintext = randomBytes(3000);
    const message = (await client.encrypt(multi, plaintext, { suiteId: 0x0478, encryptionContext: { big: 'y'.repeat(60_000) } })).result;
    assert.ok(parseHeader(message)!.length > 1024 * 1024);
    for (const chunkSize of [64 * 1024, 1_000_000]) {
      assert.ok((await run(client.decryptStream(keyring), message, chunkSize)).equals(plaintext));
    }
  });

  it('one-shot encrypt/decrypt also take Readables, and strings with an encoding', async () => {
    const { Readable } = await import('node:stream');
    const plaintext = randomBytes(9000);
    const pieces = () => Readable.from([plaintext.subarray(0, 100), plaintext.subarray(100, 5000), plaintext.subarray(5000)]);
    const { result, messageHeader } = await client.encrypt(keyring, pieces(), { encryptionContext: { via: 'readable' } });
    assert.equal(messageHeader.encryptionContext.via, 'readable');
    const message = Readable.from([result.subarray(0, 10), result.subarray(10, 4000), result.subarray(4000)]);
    assert.ok((await client.decrypt(keyring, message)).plaintext.equals(plaintext));
    assert.ok((await client.decrypt(keyring, result.toString('base64'), { encoding: 'base64' })).plaintext.equals(plaintext));
    assert.equal((await client.decrypt(keyring, (await client.encrypt(keyring, 'aGk=', { encoding: 'base64' })).result)).plaintext.toString(), 'hi');
  });
});
