import assert from 'node:assert/strict';
import { captureIo } from '../../test/cli-env';
import { main } from './main';
import { COMMANDS } from './commands';
import { loadConfig } from '../config';

describe('kontakt command line', () => {
  it('lists its commands with --help', async () => {
    const c = captureIo();
    assert.equal(await main(['--help'], c.io), 0);
    for (const cmd of COMMANDS) assert.ok(c.out.join('').includes(cmd.words.join(' ')), cmd.words.join(' '));
  });

  it('gives every command a --help that needs no database', async () => {
    for (const cmd of COMMANDS) {
      const c = captureIo();
      const code = await main([...cmd.words, '--help'], {
        ...c.io,
        config: () => {
          throw new Error('config must not be read for --help');
        },
      });
      assert.equal(code, 0, cmd.words.join(' '));
      assert.match(c.out.join(''), /Usage: kontakt /);
    }
  });

  it('exits non-zero with a clear message on an unknown command or option', async () => {
    let c = captureIo();
    assert.equal(await main(['frobnicate'], c.io), 2);
    assert.match(c.err.join(''), /unknown command "frobnicate"/);
    c = captureIo();
    assert.equal(await main(['apikey', 'create', '--bogus'], { ...c.io, config: () => loadConfig({}) }), 2);
    assert.match(c.err.join(''), /bogus/);
    c = captureIo();
    assert.equal(await main(['apikey', 'create'], { ...c.io, config: () => loadConfig({}) }), 2);
    assert.match(c.err.join(''), /--name is required/);
    c = captureIo();
    assert.equal(await main(['user', 'add', '--email', 'a@b.pl'], { ...c.io, config: () => loadConfig({}) }), 2);
    assert.match(c.err.join(''), /--role is required/);
  });

  it('reports a broken environment as a configuration error', async () => {
    const c = captureIo();
    const code = await main(['migrate'], { ...c.io, config: () => loadConfig({ PORT: 'x' }) });
    assert.equal(code, 1);
    assert.match(c.err.join(''), /invalid configuration/);
  });
});
