import { expect } from '@open-wc/testing';
import { ErrorCode, HttpError, NetworkError, TimeoutError, ValidationError, isSsoError } from './errors.ts';
import { appsHeadKey, appsKey } from './keys.ts';
import { LauncherClient } from './launcher.ts';
import { createApp } from './rechat/apps.ts';
import type { SsoApp } from './rechat/schemas.ts';
import { memoryStore } from './storage.ts';
import { rejection } from '../test/helpers/assert.ts';
import {
  API_BASE,
  CHILD_BRAND_ID,
  CLIENT_ID,
  DEMO_PASSWORD,
  PARENT_BRAND_ID,
  USERS,
  coreHarness,
  signedInHarness,
  type CoreHarness,
} from '../test/helpers/core.ts';
import type { Fault } from '../demo/simulator/index.ts';

const APPS = `/brands/${CHILD_BRAND_ID}/sso_applications`;

/** A signed-in agent whose launcher has the brand's apps cached. */
async function withCache(options: Parameters<typeof signedInHarness>[1] = {}): Promise<{ h: CoreHarness; cached: SsoApp[] }> {
  const h = await signedInHarness('agent', options);
  const cached = await h.client.refreshApps();
  expect(await h.client.cachedApps()).to.deep.equal(cached);
  return { h, cached };
}

/** The session is still signed in and the cache holds exactly what it held before. */
async function expectKept(h: CoreHarness, cached: SsoApp[]) {
  expect(h.session.state.status).to.equal('signed-in');
  expect(await h.client.cachedApps()).to.deep.equal(cached);
}

describe('LauncherClient', () => {
  it('refuses to be built without a brand', () => {
    expect(() => new LauncherClient({ apiBase: API_BASE, clientId: CLIENT_ID, brand: '' }, { store: memoryStore() })).to.throw(
      TypeError,
      '"brand" must be a non-empty string',
    );
  });

  describe('the apps cache', () => {
    it('is empty before the first fetch and when signed out', async () => {
      const h = coreHarness();
      expect(await h.client.cachedApps()).to.equal(undefined);
      const signed = await signedInHarness('agent');
      expect(await signed.client.cachedApps()).to.equal(undefined);
    });

    it('is written behind the answer, and a sign-out right after a refresh leaves nothing of it', async () => {
      const h = await signedInHarness('agent');
      const apps = await h.client.refreshApps();
      // This client's own read waits for the write.
      expect(await h.client.cachedApps()).to.deep.equal(apps);
      await h.client.refreshApps();
      await h.client.signOut();
      expect(await h.store.get(appsKey(USERS.agent.id, CHILD_BRAND_ID))).to.equal(undefined);
      expect(await h.store.get(appsHeadKey(USERS.agent.id, CHILD_BRAND_ID))).to.equal(undefined);
    });

    it('is served at once on the next visit, without a request, then revalidated', async () => {
      const { h, cached } = await withCache();
      expect(cached.map((a) => a.name)).to.include('Rechat CRM');

      // The next visit: a new client on the same store shows the grid before any request.
      const next = coreHarness({ simulator: h.sim, clock: h.clock, store: h.store });
      const before = h.sim.requests.length;
      expect(await next.client.cachedApps()).to.deep.equal(cached);
      expect(h.sim.requests.length).to.equal(before);

      // The server's data changes: an admin adds an app for the team.
      const admin = await signedInHarness('admin', { simulator: h.sim, clock: h.clock });
      const added = await createApp(admin.session, PARENT_BRAND_ID, {
        name: 'Brokermint',
        authentication_type: 'None',
        url: 'https://brokermint.example/',
        order: 1,
        brands: [PARENT_BRAND_ID, CHILD_BRAND_ID],
      });
      // The cache still says what it said ...
      expect(await next.client.cachedApps()).to.deep.equal(cached);
      // ... until the revalidation, which updates it.
      const fresh = await next.client.refreshApps();
      expect(fresh.map((a) => a.id)).to.include(added.id);
      expect(fresh).to.have.length(cached.length + 1);
      expect(await next.client.cachedApps()).to.deep.equal(fresh);
      expect(await h.client.cachedApps()).to.deep.equal(fresh); // same store, same user, same brand
    });

    it('a failed revalidation leaves the cache as it was', async () => {
      const { h, cached } = await withCache();
      h.sim.faults.inject({ kind: 'status', status: 500, count: 3, match: APPS });
      expect(await rejection(h.client.refreshApps())).to.be.instanceOf(HttpError);
      await expectKept(h, cached);
    });

    it('is per user: another account signing in on the same store does not see it', async () => {
      const { h, cached } = await withCache();
      const agentId = h.session.user!.id;
      const again = coreHarness({ simulator: h.sim, clock: h.clock, store: h.store });
      await again.session.signIn(USERS.admin.email, DEMO_PASSWORD);
      expect(await again.client.cachedApps()).to.equal(undefined);
      // The agent's entry is still there, under the agent's id.
      expect(((await h.store.get(appsKey(agentId, CHILD_BRAND_ID))) as { apps: SsoApp[] }).apps).to.deep.equal(cached);
    });

    it("signing out forgets the user's cached apps but keeps the preferences", async () => {
      const { h, cached } = await withCache();
      const userId = h.session.user!.id;
      await h.client.preferences.toggleFavourite(userId, cached[0]!.id);
      await h.client.signOut();
      expect(h.session.state.status).to.equal('signed-out');
      const again = await signedInHarness('agent', { simulator: h.sim, clock: h.clock, store: h.store });
      expect(await again.client.cachedApps()).to.equal(undefined);
      expect((await again.client.preferences.get(userId)).favourites).to.deep.equal([cached[0]!.id]);
    });
  });

  describe('every fault gives its typed error and keeps the session and the cache', () => {
    it('5xx: an HttpError after the retries (three attempts, with backoff)', async () => {
      const { h, cached } = await withCache();
      h.sim.faults.inject({ kind: 'status', status: 503, count: 3, match: APPS });
      const before = h.count('GET', APPS);
      const error = (await rejection(h.client.refreshApps())) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect(error.status).to.equal(503);
      expect(isSsoError(error, ErrorCode.Http)).to.equal(true);
      expect(h.count('GET', APPS) - before).to.equal(3);
      expect(h.clock.sleeps).to.deep.equal([300, 600]);
      await expectKept(h, cached);
    });

    it('5xx once: the retry succeeds', async () => {
      const { h, cached } = await withCache();
      h.sim.faults.inject({ kind: 'status', status: 502, match: APPS });
      expect(await h.client.refreshApps()).to.deep.equal(cached);
      expect(h.clock.sleeps).to.deep.equal([300]);
    });

    it("429 with Retry-After: retries after the server's delay", async () => {
      const { h, cached } = await withCache();
      h.sim.faults.inject({ kind: 'status', status: 429, retryAfter: 3, match: APPS });
      const before = h.count('GET', APPS);
      expect(await h.client.refreshApps()).to.deep.equal(cached);
      expect(h.clock.sleeps).to.deep.equal([3000]);
      expect(h.count('GET', APPS) - before).to.equal(2);
      await expectKept(h, cached);
    });

    it('429 with a Retry-After beyond maxRetryAfterMs: the error at once, with retryAfterMs', async () => {
      const { h, cached } = await withCache();
      h.sim.faults.inject({ kind: 'status', status: 429, retryAfter: 120, match: APPS });
      const before = h.count('GET', APPS);
      const error = (await rejection(h.client.refreshApps())) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect(error.status).to.equal(429);
      expect(error.retryAfterMs).to.equal(120_000);
      expect(h.count('GET', APPS) - before).to.equal(1);
      expect(h.clock.sleeps).to.deep.equal([]);
      await expectKept(h, cached);
    });

    it('a response slower than timeoutMs: a TimeoutError', async () => {
      const { h, cached } = await withCache({ timeoutMs: 40 });
      h.sim.faults.inject({ kind: 'delay', ms: 2000, count: 3, match: APPS });
      const before = h.count('GET', APPS);
      const error = (await rejection(h.client.refreshApps())) as TimeoutError;
      expect(error).to.be.instanceOf(TimeoutError);
      expect(error.timeoutMs).to.equal(40);
      expect(h.count('GET', APPS) - before).to.equal(3);
      await expectKept(h, cached);
      expect(h.sim.faults.pending).to.equal(0);
    });

    it('offline: a NetworkError', async () => {
      const { h, cached } = await withCache();
      h.sim.faults.inject({ kind: 'offline', count: 3 });
      const error = await rejection(h.client.refreshApps());
      expect(error).to.be.instanceOf(NetworkError);
      expect(isSsoError(error, ErrorCode.Network)).to.equal(true);
      await expectKept(h, cached);
    });

    it('malformed JSON: a ValidationError, not retried', async () => {
      const { h, cached } = await withCache();
      h.sim.faults.inject({ kind: 'malformed', match: APPS });
      const before = h.count('GET', APPS);
      const error = (await rejection(h.client.refreshApps())) as ValidationError;
      expect(error).to.be.instanceOf(ValidationError);
      expect(error.issues[0]!.message).to.equal('the body is not valid JSON');
      expect(h.count('GET', APPS) - before).to.equal(1);
      await expectKept(h, cached);
    });

    it('a wrong-typed field: a ValidationError whose message names the field', async () => {
      const { h, cached } = await withCache();
      const wrong = { ...cached[0]!, name: 42 };
      h.sim.faults.inject({ kind: 'body', body: { code: 'OK', data: [wrong], info: { count: 1, total: 1 } }, match: APPS });
      const error = (await rejection(h.client.refreshApps())) as ValidationError;
      expect(error).to.be.instanceOf(ValidationError);
      expect(error.issues[0]!.path).to.equal('data[0].name');
      expect(error.message).to.contain('data[0].name');
      expect(error.message).to.contain(`GET ${API_BASE}${APPS}`);
      await expectKept(h, cached);
    });

    it('hostile bodies: ValidationErrors, and nothing polluted', async () => {
      const { h, cached } = await withCache();
      const bodies: unknown[] = [
        null,
        'apps',
        [],
        { code: 'OK' },
        { code: 'OK', data: 'x' },
        { code: 'OK', data: [null] },
        { code: 'OK', data: [{ ...cached[1]!, open_url: { href: 'javascript:alert(1)' } }] },
        JSON.parse('{"__proto__": {"polluted": true}, "data": [{"__proto__": {"polluted": true}}]}'),
      ];
      for (const body of bodies) {
        h.sim.faults.inject({ kind: 'body', body, match: APPS } as Fault);
        expect(await rejection(h.client.refreshApps()), JSON.stringify(body)).to.be.instanceOf(ValidationError);
      }
      expect(({} as { polluted?: boolean }).polluted).to.equal(undefined);
      await expectKept(h, cached);
    });

    it('an error status with a hostile body: still an HttpError', async () => {
      const { h, cached } = await withCache();
      h.sim.faults.inject({ kind: 'body', status: 400, body: { code: { nested: true }, message: ['x'], error: 7 }, match: APPS });
      const error = (await rejection(h.client.refreshApps())) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect([error.status, error.serverCode, error.serverMessage]).to.deep.equal([400, undefined, undefined]);
      await expectKept(h, cached);
    });
  });
});
