import { RESOURCES, type Level, type Resource } from '../../../shared/auth/permissions.js';
import { firstExcess } from './grant-bounds.js';

const held = (level: Level, overrides: Partial<Record<Resource, Level>> = {}): Record<Resource, Level> =>
  ({ ...Object.fromEntries(RESOURCES.map((resource) => [resource, level])), ...overrides }) as Record<Resource, Level>;

describe('firstExcess', () => {
  it('accepts levels up to what is held', () => {
    expect(firstExcess({ runs: 'write', secrets: 'read' }, held('read', { runs: 'write' }))).toBeNull();
  });

  it('names the first resource granted above what is held', () => {
    expect(firstExcess({ runs: 'read', secrets: 'admin' }, held('read'))).toEqual({ resource: 'secrets', level: 'admin' });
  });

  it('treats none as always grantable', () => {
    expect(firstExcess({ fleet: 'none' }, held('none'))).toBeNull();
  });
});
