/**
 * Functions and triggers from versioned files (migrations/sql/*.sql, see migrations/README.md).
 * Each file holds the latest version of what earlier migrations defined inline, so this load
 * changes nothing in the database; from now on a change to a function is a diff of its file plus
 * a new migration that reloads it.
 */
import type { Knex } from 'knex';
import { loadSqlFiles } from './lib/sql-files';

/** Every file, in dependency order (a function before its callers). */
export const SQL_FILES = [
  'k_fold',
  'k_fold_names',
  'k_join_names',
  'k_kb_document',
  'map_cells_add',
  'map_cells_track',
  'k_landmark_words_sync',
  'k_landmark_candidates',
  'k_notify_limit',
  'k_notify_over_limit',
  'k_notify_release',
  'k_notify_ask_confirmation',
  'k_notify_request_event',
  'k_notify_inquiry',
] as const;

export async function up(knex: Knex): Promise<void> {
  await loadSqlFiles(knex, SQL_FILES);
}

export async function down(): Promise<void> {
  // The files equal what the previous migrations left, so there is nothing to undo; the earlier
  // migrations' own `down` drop the functions and triggers.
}
