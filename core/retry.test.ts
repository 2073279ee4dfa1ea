import { expect } from '@open-wc/testing';
import { defaultRetryPolicy, parseRetryAfter } from './retry.ts';

describe('retry policy', () => {
  const now = Date.UTC(2026, 0, 23, 12, 0, 0);

  it('parses Retry-After as delta-seconds', () => {
    expect(parseRetryAfter('0', now)).to.equal(0);
    expect(parseRetryAfter('2', now)).to.equal(2000);
    expect(parseRetryAfter(' 120 ', now)).to.equal(120_000);
  });

  it('parses Retry-After as an HTTP date, relative to the given clock, never negative', () => {
    expect(parseRetryAfter(new Date(now + 3000).toUTCString(), now)).to.equal(3000);
    expect(parseRetryAfter('Fri, 23 Jan 2026 12:01:00 GMT', now)).to.equal(60_000);
    expect(parseRetryAfter(new Date(now - 60_000).toUTCString(), now)).to.equal(0);
  });

  it('ignores a missing or unreadable Retry-After', () => {
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter('', now)).to.equal(undefined);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    // Date.parse alone would read these as dates in the past, i.e. "retry at once".
    expect(parseRetryAfter('1.5', now)).to.equal(undefined);
    expect(parseRetryAfter('-1', now)).to.equal(undefined);
    expect(parseRetryAfter('2026-01-23', now)).to.equal(undefined);
  });

  it('retries only idempotent methods and the usual transient statuses, with exponential backoff', () => {
    expect(defaultRetryPolicy.limit).to.equal(2);
    expect(defaultRetryPolicy.methods).to.include.members(['GET', 'PUT', 'DELETE']);
    expect(defaultRetryPolicy.methods).not.to.include('POST');
    expect(defaultRetryPolicy.methods).not.to.include('PATCH');
    expect([...defaultRetryPolicy.statusCodes].sort()).to.deep.equal([408, 413, 429, 500, 502, 503, 504]);
    expect([1, 2, 3, 4, 5, 6].map(defaultRetryPolicy.backoffMs)).to.deep.equal([300, 600, 1200, 2400, 4800, 5000]);
    expect(defaultRetryPolicy.maxRetryAfterMs).to.equal(10_000);
  });
});
