import assert from 'node:assert/strict';
import { checkCitySettings, citySettings, CITY_SETTINGS_DEFAULTS, CitySettingsError } from './city-settings';

describe('kernel/city-settings', () => {
  it('applies the documented defaults', () => {
    const s = citySettings({});
    assert.deepEqual(s, {
      contact: null,
      description: null,
      demo: false,
      map: { zoom: 11 },
      open311: { contact: CITY_SETTINGS_DEFAULTS.open311Contact, keyService: CITY_SETTINGS_DEFAULTS.open311KeyService, jurisdictionFromPoint: false },
      inquirySla: { amount: 10, unit: 'working_days' },
      resolution: { nearestDistrictM: 500 },
      notifyLimits: {},
      raw: {},
    });
    assert.deepEqual(citySettings(null).map, { zoom: 11 });
  });

  it('reads what a city sets, in → out', () => {
    const s = citySettings({
      contact: '19115',
      map: { center: [21.01, 52.23], zoom: 12 },
      open311: { key_service: 'Napisz do nas', jurisdiction_from_point: true },
      inquirySla: { amount: 3 },
      notify_limits: { per_address_per_day: 5 },
      own_note: 'kept',
    });
    assert.equal(s.contact, '19115');
    assert.deepEqual(s.map, { center: [21.01, 52.23], zoom: 12 });
    assert.deepEqual(s.open311, { contact: '19115', keyService: 'Napisz do nas', jurisdictionFromPoint: true });
    assert.deepEqual(s.inquirySla, { amount: 3, unit: 'working_days' });
    assert.deepEqual(s.notifyLimits, { per_address_per_day: 5 });
    assert.deepEqual(citySettings({ resolution: { nearest_district_m: 0 } }).resolution, { nearestDistrictM: 0 });
    assert.deepEqual(checkCitySettings({ resolution: { nearest_district_m: -5 } }), [
      'settings.resolution.nearest_district_m: must be a number of metres from 0 to 10000',
    ]);
    assert.equal(s.raw.own_note, 'kept');
  });

  it('names every wrong field', () => {
    assert.deepEqual(checkCitySettings({ map: { zoom: 'far', center: [1, 200] }, inquirySla: { amount: 0, unit: 'weeks' }, open311: 3, demo: 'yes' }), [
      'settings.demo: must be true or false',
      'settings.map.center: must be [longitude, latitude] in degrees',
      'settings.map.zoom: must be a number from 0 to 24',
      'settings.open311: must be an object',
      'settings.inquirySla.amount: must be a whole number from 1 to 365',
      'settings.inquirySla.unit: must be one of working_hours, working_days, hours, days',
    ]);
    assert.deepEqual(checkCitySettings([]), ['settings: must be an object']);
    assert.deepEqual(checkCitySettings({ notify_limits: { per_address_per_day: -1 } }), [
      'settings.notify_limits.per_address_per_day: must be a whole number from 0 to 1000000',
    ]);
    assert.throws(
      () => citySettings({ map: { zoom: 'far' } }),
      (e: unknown) => e instanceof CitySettingsError && /settings\.map\.zoom/.test(e.message) && e.problems.length === 1,
    );
  });
});
