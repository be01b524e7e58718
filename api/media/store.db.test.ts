/** Media files on disk and their rows: what is discarded and swept, and what must stay. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { createFixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { discardUnattachedMedia, mediaDir, pruneOrphanMedia, storeUpload } from './store';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 4, 1, 1, 0xff, 0xda, 0, 4, 2, 2, 9, 9, 0xff, 0xd9]);

describe('media store (database)', function () {
  this.timeout(120_000);
  let db: Database;
  let dataDir: string;
  let jurisdictionId: string;
  before(async () => {
    db = await openTestDatabase('media-store');
    jurisdictionId = (await createFixtureCity(db)).jurisdictionId;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-media-'));
  });
  after(async () => {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const fileOf = async (id: number) => path.join(mediaDir(dataDir), (await db.knex('media').where({ id }).first('storage_path')).storage_path);

  it('discards unattached uploads with their files, and never an attached one', async () => {
    const loose = await storeUpload(db.knex, dataDir, jurisdictionId, 'media', JPEG);
    const kept = await storeUpload(db.knex, dataDir, jurisdictionId, 'media', JPEG);
    const report = await submitReport(db, {
      jurisdictionId,
      serviceCode: 'pothole',
      location: { kind: 'wgs84', lat: 52.22, long: 21.005 },
      attributes: { size: 'large' },
      channel: 'open311',
      mediaIds: [kept.id],
    });
    assert.ok(report.publicId);
    const [looseFile, keptFile] = [await fileOf(loose.id), await fileOf(kept.id)];
    assert.equal(await discardUnattachedMedia(db.knex, dataDir, [loose.id, kept.id]), 1);
    assert.equal(fs.existsSync(looseFile), false);
    assert.equal(fs.existsSync(keptFile), true);
    assert.ok(await db.knex('media').where({ id: kept.id }).first());
  });

  it('sweeps only orphans older than the cut-off', async () => {
    const old = await storeUpload(db.knex, dataDir, jurisdictionId, 'media', JPEG);
    const fresh = await storeUpload(db.knex, dataDir, jurisdictionId, 'media', JPEG);
    await db
      .knex('media')
      .where({ id: old.id })
      .update({ created_at: new Date(Date.now() - 3 * 86_400_000) });
    const oldFile = await fileOf(old.id);
    assert.equal(await pruneOrphanMedia(db.knex, dataDir, new Date(Date.now() - 86_400_000)), 1);
    assert.equal(fs.existsSync(oldFile), false);
    assert.ok(await db.knex('media').where({ id: fresh.id }).first(), 'a fresh upload may belong to a report being filed');
  });
});
