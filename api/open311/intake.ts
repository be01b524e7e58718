/**
 * Which intake the Open311 POST uses. Every report goes through the city's pipeline
 * (`submitReport` in api/pipeline/intake.ts, issue #4). While that module is not in the tree, a
 * minimal stand-in (fallback-intake.ts) resolves district and unit by polygon, as the issue asks.
 */
import type { Database } from '../db/engine';
import type { ReportInput, ReportResult } from '../pipeline/types';
import { fallbackSubmitReport } from './fallback-intake';

export type SubmitReport = (db: Database, input: ReportInput) => Promise<ReportResult>;

export function loadIntake(): SubmitReport {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pipeline = require('../pipeline/intake') as { submitReport?: SubmitReport };
    if (typeof pipeline.submitReport === 'function') return pipeline.submitReport;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (!(e.code === 'MODULE_NOT_FOUND' && /pipeline[\\/]intake/.test(e.message ?? ''))) throw err;
  }
  return fallbackSubmitReport;
}
