/** `kontakt open311 check <base-url>`: the Open311 validator (api/open311/check/) on the command line. */
import type { Command } from '../command';
import { UsageError } from '../command';
import { parse } from '../args';
import { formatJson, formatReport, runOpen311Check } from '../../open311/check';

export const open311CheckCommand: Command = {
  words: ['open311', 'check'],
  summary: 'check any Open311 GeoReport v2 server (XML, JSON optional) against the Kontakt profile; PASS/FAIL/SKIP per rule',
  usage:
    'kontakt open311 check <base-url> [--jurisdiction ID] [--api-key KEY] [--post] [--lat LAT --long LONG] [--timeout SECONDS] [--json]\n' +
    '  With --api-key it files test requests when the server lists none (always with --post), polls batch\n' +
    '  tokens and posts an update to its own request. --timeout: how long a token or an update may take\n' +
    '  to appear (default 10). Exit status 1 on any FAIL; SKIP marks optional parts not offered.',
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        jurisdiction: { type: 'string' },
        'api-key': { type: 'string' },
        post: { type: 'boolean' },
        lat: { type: 'string' },
        long: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('give exactly one base URL, e.g. http://localhost:3000/open311/v2/');
    if (!/^https?:\/\//.test(positionals[0])) throw new UsageError('the base URL must start with http:// or https://');
    const num = (name: 'lat' | 'long' | 'timeout') => {
      if (values[name] === undefined) return undefined;
      const n = Number(values[name]);
      if (!Number.isFinite(n) || (name === 'timeout' && n < 0)) throw new UsageError(`--${name} must be a${name === 'timeout' ? ' non-negative' : ''} number`);
      return n;
    };
    if ((values.lat === undefined) !== (values.long === undefined)) throw new UsageError('give --lat and --long together');
    const timeout = num('timeout');
    const results = await runOpen311Check({
      baseUrl: positionals[0],
      jurisdictionId: values.jurisdiction,
      apiKey: values['api-key'],
      post: values.post,
      lat: num('lat'),
      long: num('long'),
      timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    });
    ctx.stdout(values.json ? formatJson(positionals[0], results) : formatReport(results));
    return results.some((r) => r.outcome === 'FAIL') ? 1 : 0;
  },
};
