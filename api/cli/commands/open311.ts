/** `kontakt open311 check <base-url>`: the Open311 validator (api/open311/check.ts) on the command line. */
import type { Command } from '../command';
import { UsageError } from '../command';
import { parse } from '../args';
import { formatReport, runOpen311Check } from '../../open311/check';

export const open311CheckCommand: Command = {
  words: ['open311', 'check'],
  summary: 'check any Open311 GeoReport v2 server against the Kontakt profile; PASS/FAIL per rule',
  usage: 'kontakt open311 check <base-url> [--jurisdiction ID] [--api-key KEY] [--post [--lat LAT --long LONG]]',
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      { jurisdiction: { type: 'string' }, 'api-key': { type: 'string' }, post: { type: 'boolean' }, lat: { type: 'string' }, long: { type: 'string' } },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('give exactly one base URL, e.g. http://localhost:3000/open311/v2/');
    if (!/^https?:\/\//.test(positionals[0])) throw new UsageError('the base URL must start with http:// or https://');
    const num = (name: 'lat' | 'long') => {
      if (values[name] === undefined) return undefined;
      const n = Number(values[name]);
      if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
      return n;
    };
    const results = await runOpen311Check({
      baseUrl: positionals[0],
      jurisdictionId: values.jurisdiction,
      apiKey: values['api-key'],
      post: values.post,
      lat: num('lat'),
      long: num('long'),
    });
    ctx.stdout(formatReport(results));
    return results.every((r) => r.ok) ? 0 : 1;
  },
};
