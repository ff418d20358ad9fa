import { collapseSlashes } from './collapse-slashes.js';

describe('collapseSlashes', () => {
  it.each([
    ['//kici//api/v1/nope', '/kici/api/v1/nope'],
    ['/ws', '/ws'],
    ['///ws?x=a//b', '/ws?x=a//b'],
    ['/', '/'],
  ])('%s → %s', (input, expected) => {
    expect(collapseSlashes(input)).toBe(expected);
  });
});
