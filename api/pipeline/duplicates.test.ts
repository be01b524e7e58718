import assert from 'node:assert/strict';
import { rankCandidates, type RawCandidate } from './duplicates';

const raw = (over: Partial<RawCandidate>): RawCandidate => ({
  id: 1,
  public_id: 'AAAA-BBB-CCC',
  service_code: 'pothole',
  name_pl: 'Dziura w jezdni',
  name_en: 'Pothole',
  same_service: true,
  group: null,
  distance_m: 38,
  age_days: 2.4,
  status: 'new',
  reporter_count: 1,
  description: '',
  text_sim: 0,
  ...over,
});

describe('duplicate candidates: ranking and reasons', () => {
  it('explain each candidate in the words agents read out', () => {
    const [same] = rankCandidates([raw({})], 250, 30, 'en');
    assert.equal(same.reason, '38 m, same category, 2 days ago');
    const [group] = rankCandidates([raw({ same_service: false, group: 'road-surface' })], 250, 30, 'pl');
    assert.equal(group.reason, '38 m, ta sama grupa (road-surface), 2 dni temu');
  });

  it('name the category when no service was chosen yet, instead of a group in common', () => {
    const [other] = rankCandidates([raw({ same_service: false, group: null })], 250, 30, 'pl');
    assert.equal(other.reason, '38 m, kategoria: Dziura w jezdni, 2 dni temu');
    assert.ok(!other.reason.includes('null'));
  });

  it('rank nearer, fresher and more alike reports first', () => {
    const ranked = rankCandidates(
      [raw({ id: 1, public_id: 'FAR', distance_m: 200, age_days: 20 }), raw({ id: 2, public_id: 'NEAR', distance_m: 10, age_days: 1, text_sim: 0.8 })],
      250,
      30,
    );
    assert.deepEqual(
      ranked.map((c) => c.publicId),
      ['NEAR', 'FAR'],
    );
    assert.equal(ranked[0].strong, true);
    assert.equal(ranked[1].strong, false);
  });
});
