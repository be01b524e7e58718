import assert from 'node:assert/strict';
import { tileSource } from './security-headers';

describe('tile server as a CSP source', () => {
  it('is the template’s origin, with a wildcard for a placeholder subdomain, or only its scheme when the host is all placeholders', () => {
    assert.equal(tileSource(undefined), undefined);
    assert.equal(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png'), 'https://tile.openstreetmap.org');
    assert.equal(tileSource('https://{a-c}.tile.example.org/{z}/{x}/{y}.png'), 'https://*.tile.example.org');
    assert.equal(tileSource('http://Tiles.Example.org:8080/{z}/{x}/{y}.png?key=1'), 'http://tiles.example.org:8080');
    assert.equal(tileSource('https://tiles-{s}.example.org/{z}/{x}/{y}.png'), 'https:');
  });
});
