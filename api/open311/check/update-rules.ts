/**
 * Rules on FixMyStreet's servicerequestupdates (optional: SKIP when the server does not offer it):
 * the list in every offered format and, given a key and a request this check filed, an update
 * posted and then read back from the list.
 */
import crypto from 'node:crypto';
import { NOT_OFFERED, Probe, Row, rowsOf, w3c } from './probe';
import type { Filed } from './request-rules';

export async function checkUpdates(p: Probe, filed: Filed[]): Promise<Row[]> {
  const rows: Row[] = [];
  let offered = true;
  for (const f of p.formats) {
    const got = await p.get(`/servicerequestupdates.${f}`);
    if (!got) return rows;
    if (NOT_OFFERED.includes(got.status) && f === 'xml') {
      p.skip('GET servicerequestupdates', `not offered (HTTP ${got.status}); it is a FixMyStreet extension`);
      offered = false;
      break;
    }
    rows.push(...rowsOf(p.expect(`GET servicerequestupdates.${f}`, got, 'requestUpdates', 200)));
  }
  const rule = 'POST servicerequestupdates.xml, then read the update back';
  if (!offered) return rows;
  const target = filed[0];
  if (!p.options.apiKey || !target) {
    p.skip(rule, !p.options.apiKey ? 'needs --api-key' : 'no request filed by this check to update (it only updates its own)');
    return rows;
  }
  const from = w3c(new Date(Date.now() - 60_000));
  const description = `Test request closed by kontakt open311 check (${crypto.randomBytes(3).toString('hex')}); please ignore.`;
  // The check closes its own test request, as a reporter may (FixMyStreet's FIXED; CLOSED where a
  // server takes only that): a public status change every server must list, and no test row left open.
  let answer: Row | undefined;
  for (const status of ['FIXED', 'CLOSED']) {
    const got = await p.post('/servicerequestupdates.xml', {
      api_key: p.options.apiKey,
      service_request_id: target.id,
      update_id: `kontakt-check-${crypto.randomBytes(6).toString('hex')}`,
      status,
      updated_datetime: w3c(new Date()),
      description,
    });
    if (status === 'FIXED' && (got?.status === 400 || got?.status === 403)) continue;
    answer = rowsOf(p.expect(`POST servicerequestupdates.xml (status ${status})`, got, 'postUpdateResponse', 200))[0];
    break;
  }
  if (!answer) return rows;
  const updateId = String(answer.update_id);
  const { value, waitedMs } = await p.poll(async () => {
    const got = await p.get('/servicerequestupdates.xml', { start_date: from, end_date: w3c(new Date(Date.now() + 60_000)) });
    const list = got?.status === 200 ? rowsOf(p.parse(got, 'requestUpdates').json) : [];
    return list.find((u) => String(u.update_id) === updateId || (String(u.service_request_id) === target.id && u.description === description));
  });
  if (value) rows.push(value);
  p.rule(
    rule,
    !!value,
    value
      ? `update ${updateId} on request ${target.id} listed after ${(waitedMs / 1000).toFixed(1)} s`
      : `update ${updateId} on request ${target.id} not listed after ${(waitedMs / 1000).toFixed(1)} s (timeout ${p.timeoutMs / 1000} s)`,
  );
  return rows;
}
