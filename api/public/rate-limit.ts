/**
 * A small fixed-window limiter per client address for the public write endpoints (me too). One
 * instance per router, held in memory: a restart forgets it, which is acceptable for abuse damping.
 */
import { Errors } from '../errors';

export function rateLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (who: string): void => {
    const t = now();
    if (windows.size > 10000) for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
    const w = windows.get(who);
    if (!w || t - w.start >= windowMs) {
      windows.set(who, { start: t, count: 1 });
      return;
    }
    if (++w.count > limit) throw Errors.rateLimited(Math.ceil((w.start + windowMs - t) / 1000));
  };
}
