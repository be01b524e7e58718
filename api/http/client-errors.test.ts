import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from './client-errors';

describe('HTTP server errors after listening (issue #11 item 1)', () => {
  it('an accept error (EMFILE) is logged, not thrown: the process and the server keep going', async () => {
    const server = createHttpServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      // Without a listener, emit('error') throws: in production that is an uncaught exception.
      assert.doesNotThrow(() => server.emit('error', Object.assign(new Error('accept EMFILE'), { code: 'EMFILE' })));
    } finally {
      process.stderr.write = write;
    }
    assert.match(written.join(''), /accept EMFILE/);
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    assert.equal(await res.text(), 'ok');
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('before listening, a listen error still reaches the caller (EADDRINUSE is not swallowed)', async () => {
    const first = createHttpServer((_req, res) => res.end());
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', () => resolve()));
    const second = createHttpServer((_req, res) => res.end());
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      second.once('error', resolve);
      second.listen((first.address() as AddressInfo).port, '127.0.0.1');
    });
    assert.equal(err.code, 'EADDRINUSE');
    await new Promise<void>((resolve) => first.close(() => resolve()));
  });
});
