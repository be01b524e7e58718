/**
 * Media files: stored under `${dataDir}/media/<2 chars>/<public_id>.<ext>` after cleaning, one row
 * in `media` each. Rows start unattached (request_id null) and the intake pipeline links them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { Errors } from '../errors';
import { cleanImage, EXTENSIONS, ImageType } from './image';

export interface StoredMedia {
  id: number;
  publicId: string;
}

export const mediaDir = (dataDir: string) => path.join(dataDir, 'media');

function newPublicId(): string {
  return crypto.randomBytes(12).toString('base64url');
}

/** Cleans and stores one uploaded image; 400 naming the field when the bytes are not an image. */
export async function storeUpload(knex: Knex, dataDir: string, jurisdictionId: string, field: string, data: Buffer): Promise<StoredMedia> {
  const clean = cleanImage(data);
  if (!clean) throw Errors.badRequest(field, `${field} is not a JPEG or PNG image (the content was checked, not the declared type)`);
  const publicId = newPublicId();
  const relative = path.join(publicId.slice(0, 2), `${publicId}.${EXTENSIONS[clean.type]}`);
  const file = path.join(mediaDir(dataDir), relative);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, clean.data);
  const [row] = await knex('media')
    .insert({
      public_id: publicId,
      jurisdiction_id: jurisdictionId,
      content_type: clean.type,
      bytes: clean.data.length,
      sha256: crypto.createHash('sha256').update(clean.data).digest('hex'),
      storage_path: relative,
    })
    .returning('id');
  return { id: row.id, publicId };
}

/** A client-given `media_url` (Open311 POST field): kept as a link, never fetched. */
export async function storeExternalUrl(knex: Knex, jurisdictionId: string, url: string): Promise<StoredMedia> {
  const publicId = newPublicId();
  const [row] = await knex('media')
    .insert({
      public_id: publicId,
      jurisdiction_id: jurisdictionId,
      content_type: 'text/uri-list',
      bytes: 0,
      sha256: crypto.createHash('sha256').update(url).digest('hex'),
      external_url: url,
    })
    .returning('id');
  return { id: row.id, publicId };
}

/** Links unattached media rows to a request (used when the pipeline does not link them itself). */
export async function attachMedia(knex: Knex, mediaIds: number[], requestId: number): Promise<void> {
  if (mediaIds.length) await knex('media').whereIn('id', mediaIds).whereNull('request_id').update({ request_id: requestId });
}

/** A stored file that may be shown publicly: public, attached, and not of a private service. */
export async function findPublicFile(knex: Knex, dataDir: string, publicId: string): Promise<{ file: string; type: ImageType } | undefined> {
  const row = await knex('media as m')
    .join('requests as r', 'r.id', 'm.request_id')
    .join('services as s', 's.id', 'r.service_id')
    .where('m.public_id', publicId)
    .andWhere('m.public', true)
    .whereNotNull('m.storage_path')
    .andWhereNot('s.privacy', 'private')
    .first('m.storage_path', 'm.content_type');
  if (!row) return undefined;
  return { file: path.join(mediaDir(dataDir), row.storage_path), type: row.content_type };
}

/**
 * Removes media that never reached a request: rows still unattached and their files. Open311
 * stores uploads before the pipeline runs (a bad file must be refused before a report exists);
 * when the pipeline then refuses the report, the files it would have linked are discarded here.
 */
export async function discardUnattachedMedia(knex: Knex, dataDir: string, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const rows: Array<{ storage_path: string | null }> = await knex('media').whereIn('id', ids).whereNull('request_id').del().returning('storage_path');
  await removeFiles(dataDir, rows);
  return rows.length;
}

/**
 * The sweep for what a crash between storing and filing left behind: unattached media older than
 * `olderThan` (the pipeline links within the same call, so an hour-old orphan is never in flight).
 */
export async function pruneOrphanMedia(knex: Knex, dataDir: string, olderThan: Date): Promise<number> {
  const rows: Array<{ storage_path: string | null }> = await knex('media')
    .whereNull('request_id')
    .where('created_at', '<', olderThan)
    .del()
    .returning('storage_path');
  await removeFiles(dataDir, rows);
  return rows.length;
}

async function removeFiles(dataDir: string, rows: Array<{ storage_path: string | null }>): Promise<void> {
  for (const r of rows) if (r.storage_path) await fs.rm(path.join(mediaDir(dataDir), r.storage_path), { force: true });
}
