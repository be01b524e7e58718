/**
 * Hook for other parts of Kontakt to add their own demo data (knowledge-base articles, saved
 * views, ...): append a function to DEMO_EXTRAS from your module's demo file. loadDemo calls each
 * one after the city, the requests and the demo accounts exist, in list order.
 */
import type { Database } from '../db/engine';
import { loadDemoArticles } from '../knowledge/demo-articles';
import { loadDemoInquiries } from '../unit/demo-inquiries';

export type DemoExtra = (db: Database, ctx: { jurisdictionId: string; seed: number }) => Promise<void>;

export const DEMO_EXTRAS: DemoExtra[] = [
  // The console's knowledge base (issue #5): twenty answers in Polish and English.
  async (db, ctx) => {
    await loadDemoArticles(db.knex, ctx.jurisdictionId);
  },
  // The second line's inbox (/unit): questions forwarded to ZDM, some overdue, some answered.
  async (db, ctx) => {
    await loadDemoInquiries(db.knex, ctx.jurisdictionId);
  },
];
