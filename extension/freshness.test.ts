import { expect } from '@open-wc/testing';
import { coreHarness, signedInHarness } from '../test/helpers/core.ts';
import { MIN_ALARM_DELAY_MS, REFRESH_LEAD_MS, RETRY_DELAY_MS, keepFresh, nextRefreshAt } from './freshness.ts';

const HOUR = 3600_000;

describe('nextRefreshAt', () => {
  it('wakes up inside the refresh window, but never sooner than Chrome allows', () => {
    expect(nextRefreshAt(10 * HOUR, 9 * HOUR)).to.equal(10 * HOUR - REFRESH_LEAD_MS);
    expect(nextRefreshAt(9 * HOUR + 10_000, 9 * HOUR)).to.equal(9 * HOUR + MIN_ALARM_DELAY_MS);
  });
});

describe('keepFresh', () => {
  it('does nothing and sets no alarm when signed out', async () => {
    const h = coreHarness();
    const result = await keepFresh(h.client, { prefetch: true, now: h.clock.now });
    expect(result).to.deep.equal({ status: 'signed-out' });
    expect(h.log()).to.deep.equal([]);
  });

  it('prefetches the apps into the cache and schedules the refresh ahead of expiry', async () => {
    const h = await signedInHarness();
    const result = await keepFresh(h.client, { prefetch: true, now: h.clock.now });
    expect(result.status).to.equal('signed-in');
    expect(result.prefetched).to.be.greaterThan(0);
    expect(result.nextAt).to.equal(h.session.expiresAt! - REFRESH_LEAD_MS);
    expect((await h.client.cachedApps())?.length).to.equal(result.prefetched);
  });

  it('refreshes the pair when the alarm fires inside the window, without prefetching', async () => {
    const h = await signedInHarness();
    const before = h.session.expiresAt!;
    h.clock.set(before - REFRESH_LEAD_MS);
    const result = await keepFresh(h.client, { prefetch: false, now: h.clock.now });
    expect(h.count('POST', '/oauth2/token')).to.equal(2); // the sign-in, then one refresh
    expect(h.session.expiresAt).to.be.greaterThan(before);
    expect(result.nextAt).to.equal(h.session.expiresAt! - REFRESH_LEAD_MS);
    expect(h.count('GET', '/sso_applications')).to.equal(0);
  });

  it('picks up a sign-in made by another context (the popup) on the same store', async () => {
    const popup = await signedInHarness();
    const background = coreHarness({ simulator: popup.sim, clock: popup.clock, store: popup.store });
    await background.session.ready;
    // The background's client was built before the popup signed in... and still sees it.
    const result = await keepFresh(background.client, { prefetch: true, now: popup.clock.now });
    expect(result.status).to.equal('signed-in');
    expect(result.prefetched).to.be.greaterThan(0);
  });

  it('keeps the session through a network failure and asks to be retried soon', async () => {
    const h = await signedInHarness();
    h.clock.set(h.session.expiresAt! - REFRESH_LEAD_MS);
    h.sim.faults.inject({ kind: 'offline', match: '/oauth2/token' });
    const result = await keepFresh(h.client, { prefetch: false, now: h.clock.now });
    expect(result.status).to.equal('signed-in');
    expect(result.error).to.be.an('error');
    expect(result.nextAt).to.equal(h.clock.now() + RETRY_DELAY_MS);
  });

  it('stops when the refresh token is rejected: the session is over, no alarm', async () => {
    const h = await signedInHarness();
    h.clock.advance(40 * 24 * HOUR); // past the refresh token's 30 days
    const result = await keepFresh(h.client, { prefetch: true, now: h.clock.now });
    expect(result.status).to.equal('signed-out');
    expect(result.nextAt).to.equal(undefined);
  });
});
