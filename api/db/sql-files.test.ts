import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SQL_DIR, splitStatements } from '../../migrations/lib/sql-files';
import { SQL_FILES } from '../../migrations/20261205000600_sql_functions';

describe('versioned SQL function files', () => {
  it('split at top-level semicolons only', () => {
    const text = `-- a comment; not a statement
CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$ BEGIN RETURN 'a;b' || $$;$$; END $fn$;
COMMENT ON FUNCTION f() IS 'it''s; fine';
SELECT "odd;name" FROM t -- trailing; comment
;`;
    assert.deepEqual(splitStatements(text), [
      `-- a comment; not a statement\nCREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$ BEGIN RETURN 'a;b' || $$;$$; END $fn$`,
      `COMMENT ON FUNCTION f() IS 'it''s; fine'`,
      `SELECT "odd;name" FROM t -- trailing; comment`,
    ]);
    assert.throws(() => splitStatements(`SELECT $x$ never closed`), /unterminated/);
  });

  it('the reload migration lists every file once', () => {
    const files = fs
      .readdirSync(SQL_DIR)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.slice(0, -4))
      .sort();
    assert.deepEqual([...SQL_FILES].sort(), files);
    assert.equal(new Set(SQL_FILES).size, SQL_FILES.length);
    assert.ok(fs.existsSync(path.join(SQL_DIR, '..', 'README.md')));
  });
});
