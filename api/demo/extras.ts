/**
 * Hook for other parts of Kontakt to add their own demo data (knowledge-base articles, saved
 * views, ...): append a function to DEMO_EXTRAS from your module's demo file. loadDemo calls each
 * one after the city, the requests and the demo accounts exist, in list order.
 */
import type { Database } from '../db/engine';

export type DemoExtra = (db: Database, ctx: { jurisdictionId: string; seed: number }) => Promise<void>;

export const DEMO_EXTRAS: DemoExtra[] = [];
