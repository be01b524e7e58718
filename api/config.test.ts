import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from './config';

describe('config', () => {
  it('defaults to the embedded engine under ./data on port 3000', () => {
    const c = loadConfig({}, '/srv/kontakt');
    assert.equal(c.engine, 'embedded');
    assert.equal(c.dataDir, '/srv/kontakt/data');
    assert.equal(c.port, 3000);
    assert.equal(c.demoOnEmpty, false, 'no demo accounts unless demo mode is asked for (npm start asks)');
    assert.equal(c.passwordCost, 17);
    assert.equal(c.publicUrl, 'http://localhost:3000');
  });

  it('selects the server engine when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', KONTAKT_DATA_DIR: '/var/k' });
    assert.equal(c.engine, 'server');
    assert.equal(c.dataDir, '/var/k');
  });

  it('lists every problem at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', KONTAKT_DEMO: 'maybe', KONTAKT_TILE_URL: 'http://tiles/x.png' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.problems.length, 5);
        assert.match(err.message, /PORT="eighty" is not a whole number/);
        assert.match(err.message, /DATABASE_URL must start with postgres/);
        assert.match(err.message, /KONTAKT_TILE_URL/);
        return true;
      },
    );
  });

  it('refuses a schema name that is not a plain identifier', () => {
    assert.throws(() => loadConfig({ KONTAKT_DB_SCHEMA: 'x; drop table' }), /KONTAKT_DB_SCHEMA/);
  });

  it('reads the origins that may frame the public map, and refuses anything that is not an origin', () => {
    assert.deepEqual(loadConfig({}).embedOrigins, []);
    assert.deepEqual(loadConfig({ KONTAKT_EMBED_ORIGINS: 'https://www.Miasto.pl/, https://*.bip.miasto.pl  http://localhost:8080' }).embedOrigins, [
      'https://www.miasto.pl',
      'https://*.bip.miasto.pl',
      'http://localhost:8080',
    ]);
    assert.throws(
      () => loadConfig({ KONTAKT_EMBED_ORIGINS: "https://ok.pl,https://x.pl/path,'none',https://a.pl;script-src *" }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.problems.length, 4);
        for (const bad of ['https://x.pl/path', "'none'", 'https://a.pl;script-src', '*'])
          assert.ok(
            err.problems.some((p) => p.includes(JSON.stringify(bad))),
            bad,
          );
        assert.match(err.message, /KONTAKT_EMBED_ORIGINS: .* is not an origin like https:\/\/www\.example\.org/);
        return true;
      },
    );
  });
});
