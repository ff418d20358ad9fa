import { SourceConcurrency } from './source-concurrency.js';

describe('SourceConcurrency', () => {
  it('gives each source its own limit and takes a slot back only once', () => {
    const limits = new SourceConcurrency(2);
    const first = limits.tryAcquire('org', 'a')!;
    const second = limits.tryAcquire('org', 'a')!;
    expect(limits.tryAcquire('org', 'a')).toBeNull();
    expect(limits.tryAcquire('org', 'b')).not.toBeNull();
    first();
    first();
    expect(limits.tryAcquire('org', 'a')).not.toBeNull();
    expect(limits.tryAcquire('org', 'a')).toBeNull();
    second();
  });
});
