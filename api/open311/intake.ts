/**
 * The intake the Open311 POST hands reports to: the city's one pipeline (`submitReport`,
 * api/pipeline/intake.ts, issue #4) — district, unit, address, duplicates, SLA. Passed in as a
 * dependency so a test or another deployment can wrap it.
 */
import type { Database } from '../db/engine';
import type { ReportInput, ReportResult } from '../pipeline/types';
import { submitReport } from '../pipeline/intake';

export type SubmitReport = (db: Database, input: ReportInput) => Promise<ReportResult>;

export function loadIntake(): SubmitReport {
  return submitReport;
}
