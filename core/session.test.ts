import { expect } from '@open-wc/testing';
import { ErrorCode, HttpError, OAuthError, SessionExpiredError, ValidationError, isSsoError } from './errors.ts';
import { listApps } from './rechat/apps.ts';
import { Session, checkMfaCode, type SessionState } from './session.ts';
import { sessionKey } from './keys.ts';
import { idbStore, memoryStore } from './storage.ts';
import { isPending, rejection } from '../test/helpers/assert.ts';
import {
  API_BASE,
  CHILD_BRAND_ID,
  CLIENT_ID,
  DEMO_PASSWORD,
  MFA_SECRET,
  USERS,
  coreHarness,
  sessionSharing,
  signedInHarness,
  totp,
  wrongTotp,
} from '../test/helpers/core.ts';

const HOUR = 3600_000;
const TOKEN = '/oauth2/token';
const APPS = `/brands/${CHILD_BRAND_ID}/sso_applications`;

/** Records every state a session goes through. */
function states(session: Session): SessionState[] {
  const seen: SessionState[] = [];
  session.onChange((state) => seen.push(state));
  return seen;
}

describe('Session', () => {
  describe('sign in', () => {
    it('signs in with the password grant, stores the pair, and announces the change', async () => {
      const h = coreHarness();
      await h.session.ready;
      expect(h.session.state).to.deep.equal({ status: 'signed-out', reason: 'restored' });
      const seen = states(h.session);
      const state = await h.session.signIn(`  ${USERS.agent.email} `, DEMO_PASSWORD);
      expect(state.status).to.equal('signed-in');
      expect(state.reason).to.equal('signed-in');
      expect(state.user?.email).to.equal(USERS.agent.email);
      expect(state.user?.id).to.equal(USERS.agent.id);
      expect(seen.map((s) => `${s.status}/${s.reason}`)).to.deep.equal(['signed-in/signed-in']);
      expect(h.log()).to.deep.equal([`POST ${TOKEN}`]);

      // What went over the wire: the password grant as JSON, with the client id and no secret.
      const [call] = h.calls;
      expect(call!.url).to.equal(`${API_BASE}${TOKEN}`);
      expect(JSON.parse(call!.body!)).to.deep.equal({
        username: USERS.agent.email,
        password: DEMO_PASSWORD,
        grant_type: 'password',
        client_id: CLIENT_ID,
      });

      // The next call carries the bearer token in a header, never in the URL.
      await listApps(h.session, CHILD_BRAND_ID);
      const apiCall = h.calls[1]!;
      expect(apiCall.headers.authorization).to.match(/^Bearer \S{20,}$/);
      const token = apiCall.headers.authorization!.slice('Bearer '.length);
      for (const c of h.calls) expect(c.url).not.to.contain(token);
    });

    it('is restored by another session on the same store (another tab, the popup)', async () => {
      const h = await signedInHarness('agent');
      const other = sessionSharing(h);
      await other.ready;
      expect(other.state.status).to.equal('signed-in');
      expect(other.state.reason).to.equal('restored');
      expect(other.user?.email).to.equal(USERS.agent.email);
      const apps = await listApps(other, CHILD_BRAND_ID);
      expect(apps.length).to.be.greaterThan(0);
    });

    it('a wrong password is an OAuthError invalid_grant, not retried, and the session stays signed out', async () => {
      const h = coreHarness();
      const seen = states(h.session);
      const error = (await rejection(h.session.signIn(USERS.agent.email, 'wrong-password'))) as OAuthError;
      expect(error).to.be.instanceOf(OAuthError);
      expect(error.error).to.equal('invalid_grant');
      expect(error.status).to.equal(400);
      expect(isSsoError(error, ErrorCode.OAuth)).to.equal(true);
      expect(error.message).not.to.contain('wrong-password');
      expect(h.session.state.status).to.equal('signed-out');
      expect(h.session.user).to.equal(undefined);
      expect(seen).to.deep.equal([]);
      expect(h.count('POST', TOKEN)).to.equal(1);
      // Nothing was stored: a new context is signed out too.
      const other = sessionSharing(h);
      await other.ready;
      expect(other.state.status).to.equal('signed-out');
      // And an unknown account gets the same answer (no account enumeration).
      const unknown = (await rejection(h.session.signIn('nobody@example.com', DEMO_PASSWORD))) as OAuthError;
      expect(unknown.error).to.equal('invalid_grant');
    });

    it('a bad client id is an OAuthError invalid_client (401)', async () => {
      const h = coreHarness({ clientId: '00000000-0000-0000-0000-000000000000' });
      const error = (await rejection(h.session.signIn(USERS.agent.email, DEMO_PASSWORD))) as OAuthError;
      expect(error).to.be.instanceOf(OAuthError);
      expect(error.error).to.equal('invalid_client');
      expect(error.status).to.equal(401);
      expect(h.session.state.status).to.equal('signed-out');
    });

    it('a server that requires the client secret gets it when (and only when) it is configured', async () => {
      const h = coreHarness({ sim: { requireClientSecret: true } });
      expect(((await rejection(h.session.signIn(USERS.agent.email, DEMO_PASSWORD))) as OAuthError).error).to.equal('invalid_client');
      const broker = sessionSharing(h, { clientSecret: 'demo-client-secret' });
      await broker.signIn(USERS.agent.email, DEMO_PASSWORD);
      expect(broker.state.status).to.equal('signed-in');
    });

    it('an empty email or password is a ValidationError and sends nothing', async () => {
      const h = coreHarness();
      expect(((await rejection(h.session.signIn('  ', DEMO_PASSWORD))) as ValidationError).issues[0]!.path).to.equal('username');
      expect(((await rejection(h.session.signIn(USERS.agent.email, ''))) as ValidationError).issues[0]!.path).to.equal('password');
      expect(h.sim.requests).to.have.length(0);
    });

    it('refuses to be built without a client id', () => {
      expect(() => new Session({ apiBase: API_BASE, clientId: '', store: memoryStore() })).to.throw(TypeError, '"clientId" must be a non-empty string');
    });

    it('signs out: forgets the pair here and in storage, and later calls send nothing', async () => {
      const h = await signedInHarness('agent');
      const seen = states(h.session);
      await h.session.signOut();
      expect(h.session.state).to.deep.equal({ status: 'signed-out', user: undefined, reason: 'signed-out' });
      expect(seen).to.have.length(1);
      const other = sessionSharing(h);
      await other.ready;
      expect(other.state.status).to.equal('signed-out');
      const before = h.sim.requests.length;
      expect(await rejection(listApps(h.session, CHILD_BRAND_ID))).to.be.instanceOf(SessionExpiredError);
      expect(h.sim.requests.length).to.equal(before);
    });
  });

  describe('refresh', () => {
    it('refreshes ahead of expiry, before the call, so the server never sees an expired token', async () => {
      const h = await signedInHarness('agent');
      h.clock.advance(HOUR - 30_000); // inside the 60 s refresh-ahead window, not yet expired
      const apps = await listApps(h.session, CHILD_BRAND_ID);
      expect(apps.length).to.be.greaterThan(0);
      expect(h.log()).to.deep.equal([`POST ${TOKEN}`, `POST ${TOKEN}`, `GET ${APPS}`]);
      const refresh = JSON.parse(h.calls[1]!.body!) as Record<string, string>;
      expect(refresh.grant_type).to.equal('refresh_token');
      expect(refresh.client_id).to.equal(CLIENT_ID);
      expect(refresh.refresh_token).to.be.a('string').and.not.equal('');
      expect(h.session.state.status).to.equal('signed-in');
      expect(h.session.expiresAt).to.equal(h.clock.now() + HOUR);
    });

    it('does not refresh a token that is far from expiry', async () => {
      const h = await signedInHarness('agent');
      h.clock.advance(HOUR / 2);
      await listApps(h.session, CHILD_BRAND_ID);
      await listApps(h.session, CHILD_BRAND_ID);
      expect(h.count('POST', TOKEN)).to.equal(1);
    });

    it('does not refresh a short-lived token on every call (refresh-ahead is at most half its lifetime)', async () => {
      const h = await signedInHarness('agent', { sim: { accessTokenTtlSeconds: 60 } });
      await listApps(h.session, CHILD_BRAND_ID);
      h.clock.advance(20_000);
      await listApps(h.session, CHILD_BRAND_ID);
      expect(h.count('POST', TOKEN)).to.equal(1);
      h.clock.advance(15_000); // 35 s of 60: past half
      await listApps(h.session, CHILD_BRAND_ID);
      expect(h.count('POST', TOKEN)).to.equal(2);
    });

    it('refreshes once on a 401 from a token the server expired early, and the call succeeds', async () => {
      const h = await signedInHarness('agent');
      h.sim.expireAllAccessTokens(); // the client's clock still says the token is good
      const apps = await listApps(h.session, CHILD_BRAND_ID);
      expect(apps.length).to.be.greaterThan(0);
      expect(h.log()).to.deep.equal([`POST ${TOKEN}`, `GET ${APPS}`, `POST ${TOKEN}`, `GET ${APPS}`]);
      expect(h.session.state.status).to.equal('signed-in');
    });

    it('five concurrent calls with an expired token share exactly one refresh', async () => {
      const h = await signedInHarness('agent');
      h.clock.advance(2 * HOUR);
      const results = await Promise.all(Array.from({ length: 5 }, () => listApps(h.session, CHILD_BRAND_ID)));
      for (const apps of results) expect(apps.map((a) => a.id)).to.deep.equal(results[0]!.map((a) => a.id));
      expect(h.count('POST', TOKEN)).to.equal(2); // sign-in + one refresh
      expect(h.count('GET', APPS)).to.equal(5);
      expect(h.session.state.status).to.equal('signed-in');
    });

    it('within one context the calls share one in-flight refresh, even where there is no lock to serialise them', async () => {
      // A lock that does not serialise (as on a platform without Web Locks, in a broken polyfill):
      // only the shared in-flight promise keeps the rotating refresh token from being used five times.
      const h = await signedInHarness('agent', { locks: (_name, task) => task() });
      h.clock.advance(2 * HOUR);
      await Promise.all(Array.from({ length: 5 }, () => listApps(h.session, CHILD_BRAND_ID)));
      expect(h.count('POST', TOKEN)).to.equal(2);
      expect(h.session.state.status).to.equal('signed-in');
    });

    it('five concurrent calls that all get a 401 share exactly one refresh too', async () => {
      const h = await signedInHarness('agent');
      h.sim.expireAllAccessTokens();
      await Promise.all(Array.from({ length: 5 }, () => listApps(h.session, CHILD_BRAND_ID)));
      expect(h.count('POST', TOKEN)).to.equal(2);
      expect(h.count('GET', APPS)).to.equal(10);
      expect(h.session.state.status).to.equal('signed-in');
    });

    describe('two contexts racing a refresh with rotating tokens', () => {
      async function race(store: ReturnType<typeof idbStore>, noLock = false) {
        const h = await signedInHarness('agent', { store });
        const a = h.session;
        const b = sessionSharing(h, noLock ? { locks: (_name, task) => task() } : {});
        await b.ready;
        expect(b.state.status).to.equal('signed-in');
        h.clock.advance(2 * HOUR); // both hold the same expired pair
        const outcomes = await Promise.allSettled([listApps(a, CHILD_BRAND_ID), listApps(b, CHILD_BRAND_ID)]);
        return { h, a, b, outcomes };
      }

      it('with one IndexedDB store and real navigator.locks: one refresh, both calls succeed, nobody signed out', async () => {
        expect(navigator.locks, 'this test needs the Web Locks API').to.exist;
        const { h, a, b, outcomes } = await race(idbStore(`sso-launcher-test-${crypto.randomUUID()}`));
        expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'fulfilled']);
        expect(h.count('POST', TOKEN)).to.equal(2); // sign-in + exactly one refresh
        expect(a.state.status).to.equal('signed-in');
        expect(b.state.status).to.equal('signed-in');
        // Both now use the rotated pair, and it keeps working for both.
        await listApps(a, CHILD_BRAND_ID);
        await listApps(b, CHILD_BRAND_ID);
        expect(h.count('POST', TOKEN)).to.equal(2);
      });

      it('with one memory store as well', async () => {
        const { h, a, b, outcomes } = await race(memoryStore());
        expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'fulfilled']);
        expect(h.count('POST', TOKEN)).to.equal(2);
        expect([a.state.status, b.state.status]).to.deep.equal(['signed-in', 'signed-in']);
      });

      it('(control) without the cross-context lock the same race reuses the refresh token and one context is signed out', async () => {
        const { h, a, b, outcomes } = await race(idbStore(`sso-launcher-test-${crypto.randomUUID()}`), true);
        expect(h.count('POST', TOKEN)).to.equal(3);
        const statuses = [a.state.status, b.state.status];
        expect(statuses).to.include('signed-out');
        expect(outcomes.some((o) => o.status === 'rejected' && o.reason instanceof SessionExpiredError)).to.equal(true);
      });
    });

    it('a refresh that fails offline, on a 5xx or by timeout keeps the session; the next call refreshes', async () => {
      const h = await signedInHarness('agent', { timeoutMs: 50 });
      h.clock.advance(2 * HOUR);
      h.sim.faults.inject({ kind: 'offline', match: TOKEN });
      expect(await rejection(listApps(h.session, CHILD_BRAND_ID))).to.satisfy((e: unknown) => isSsoError(e, ErrorCode.Network));
      h.sim.faults.inject({ kind: 'status', status: 503, match: TOKEN });
      const http = (await rejection(listApps(h.session, CHILD_BRAND_ID))) as HttpError;
      expect(http).to.be.instanceOf(HttpError);
      expect(http.status).to.equal(503);
      h.sim.faults.inject({ kind: 'delay', ms: 2000, match: TOKEN });
      expect(await rejection(listApps(h.session, CHILD_BRAND_ID))).to.satisfy((e: unknown) => isSsoError(e, ErrorCode.Timeout));
      expect(h.session.state.status).to.equal('signed-in');
      // The token requests were never retried by the HTTP layer (a rotating refresh token must not be replayed).
      expect(h.count('POST', TOKEN)).to.equal(4);
      expect(h.count('GET', APPS)).to.equal(0);
      await listApps(h.session, CHILD_BRAND_ID);
      expect(h.count('POST', TOKEN)).to.equal(5);
      expect(h.session.state.status).to.equal('signed-in');
    });

    it('ensureFresh() refreshes ahead of expiry for a background alarm, and only then', async () => {
      const h = await signedInHarness('agent');
      await h.session.ensureFresh();
      expect(h.count('POST', TOKEN)).to.equal(1);
      h.clock.advance(HOUR - 10_000);
      await h.session.ensureFresh();
      expect(h.count('POST', TOKEN)).to.equal(2);
      expect(h.sim.requests).to.have.length(2);
    });
  });

  describe('authoritative rejections sign out', () => {
    it('a refresh rejected with invalid_grant (refresh token expired) is a SessionExpiredError and signs out as "expired"', async () => {
      const h = await signedInHarness('agent', { sim: { accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 7200 } });
      const seen = states(h.session);
      h.clock.advance(3 * HOUR);
      const error = (await rejection(listApps(h.session, CHILD_BRAND_ID))) as SessionExpiredError;
      expect(error).to.be.instanceOf(SessionExpiredError);
      expect((error.cause as OAuthError).error).to.equal('invalid_grant');
      expect(h.session.state.status).to.equal('signed-out');
      expect(h.session.state.reason).to.equal('expired');
      // The profile is kept so that the sign-in form can offer the same email.
      expect(h.session.state.user?.email).to.equal(USERS.agent.email);
      expect(seen.map((s) => `${s.status}/${s.reason}`)).to.deep.equal(['signed-out/expired']);
      const other = sessionSharing(h);
      await other.ready;
      expect(other.state.status).to.equal('signed-out');
    });

    it('a refresh token that was already used elsewhere (rotation) is rejected and signs out', async () => {
      const h = await signedInHarness('agent');
      // A copy of the stored pair in another, unsynchronised store (say, a restored backup) refreshes first.
      const copy = memoryStore();
      const key = sessionKey(CLIENT_ID, API_BASE);
      await copy.set(key, await h.store.get(key));
      const thief = new Session({ apiBase: API_BASE, clientId: CLIENT_ID, store: copy, fetch: h.sim.fetch, clock: h.clock });
      await thief.ready;
      h.clock.advance(2 * HOUR);
      await listApps(thief, CHILD_BRAND_ID);
      expect(await rejection(listApps(h.session, CHILD_BRAND_ID))).to.be.instanceOf(SessionExpiredError);
      expect(h.session.state).to.include({ status: 'signed-out', reason: 'expired' });
    });

    it('a 401 after a refresh signs out as "expired"', async () => {
      const h = await signedInHarness('agent');
      h.sim.faults.inject({ kind: 'status', status: 401, match: '/sso_applications', count: 2 });
      const error = (await rejection(listApps(h.session, CHILD_BRAND_ID))) as SessionExpiredError;
      expect(error).to.be.instanceOf(SessionExpiredError);
      expect((error.cause as HttpError).status).to.equal(401);
      expect(h.log()).to.deep.equal([`POST ${TOKEN}`, `GET ${APPS}`, `POST ${TOKEN}`, `GET ${APPS}`]);
      expect(h.session.state).to.include({ status: 'signed-out', reason: 'expired' });
    });

    it('signing out in another context is authoritative here at the next refresh', async () => {
      const h = await signedInHarness('agent');
      const other = sessionSharing(h);
      await other.ready;
      await other.signOut();
      h.clock.advance(2 * HOUR);
      expect(await rejection(listApps(h.session, CHILD_BRAND_ID))).to.be.instanceOf(SessionExpiredError);
      expect(h.session.state.status).to.equal('signed-out');
      expect(h.count('POST', TOKEN)).to.equal(1); // the signed-out pair was never refreshed
    });
  });

  describe('MFA', () => {
    it('a call made while MFA is required waits, sends nothing, and goes through after validation', async () => {
      const h = coreHarness();
      const seen = states(h.session);
      const state = await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      expect(state.status).to.equal('mfa-required');
      const pending = listApps(h.session, CHILD_BRAND_ID);
      expect(await isPending(pending)).to.equal(true);
      expect(h.log()).to.deep.equal([`POST ${TOKEN}`]);
      await h.session.validateMfa(totp(MFA_SECRET, h.clock.now()));
      const apps = await pending;
      expect(apps.length).to.be.greaterThan(0);
      expect(h.session.state).to.include({ status: 'signed-in', reason: 'mfa-validated' });
      expect(h.session.user?.email).to.equal(USERS.mfaAgent.email);
      expect(h.log()).to.deep.equal([`POST ${TOKEN}`, 'POST /users/self/mfa/validate', `GET ${APPS}`]);
      expect(seen.map((s) => `${s.status}/${s.reason}`)).to.deep.equal(['mfa-required/signed-in', 'signed-in/mfa-validated']);
    });

    it('a wrong code is an HttpError 400 and keeps the session waiting for a right one', async () => {
      const h = coreHarness();
      await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      const pending = listApps(h.session, CHILD_BRAND_ID);
      const error = (await rejection(h.session.validateMfa(wrongTotp(MFA_SECRET, h.clock.now())))) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect(error.status).to.equal(400);
      expect(error.serverCode).to.equal('InvalidMFAToken');
      expect(h.session.state.status).to.equal('mfa-required');
      expect(await isPending(pending)).to.equal(true);
      await h.session.validateMfa(totp(MFA_SECRET, h.clock.now()));
      expect((await pending).length).to.be.greaterThan(0);
    });

    it('a badly shaped code is a ValidationError and sends nothing', async () => {
      const h = coreHarness();
      await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      const before = h.sim.requests.length;
      for (const code of ['12345', 'abcdef', '1234567', '', '12 34 5', '١٢٣٤٥٦']) {
        const error = (await rejection(h.session.validateMfa(code))) as ValidationError;
        expect(error, code).to.be.instanceOf(ValidationError);
        expect(error.issues).to.deep.equal([{ path: 'token', message: 'the code must be 6 digits' }]);
      }
      expect(h.sim.requests.length).to.equal(before);
      expect(h.session.state.status).to.equal('mfa-required');
      // Spaces, as authenticator apps show them, are fine.
      const code = totp(MFA_SECRET, h.clock.now());
      await h.session.validateMfa(`${code.slice(0, 3)} ${code.slice(3)}`);
      expect(h.session.state.status).to.equal('signed-in');
    });

    it('checkMfaCode accepts six digits only', () => {
      expect(checkMfaCode('012345')).to.equal('012345');
      expect(checkMfaCode(' 012 345 ')).to.equal('012345');
      for (const bad of [undefined, null, 123456, '12345a', '+12345', '1e5678']) {
        expect(() => checkMfaCode(bad), String(bad)).to.throw(ValidationError);
      }
    });

    it('an MFA-pending session is restored as such in another context', async () => {
      const h = coreHarness();
      await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      const other = sessionSharing(h);
      await other.ready;
      expect(other.state.status).to.equal('mfa-required');
      await other.validateMfa(totp(MFA_SECRET, h.clock.now()));
      expect(other.state.status).to.equal('signed-in');
    });

    it('a 401 "MFA required" in mid-session makes calls wait for validation', async () => {
      // The agent turns MFA on from one device (which validates that pair); another device's pair now needs validation.
      const h = await signedInHarness('agent');
      const phone = coreHarness({ simulator: h.sim, clock: h.clock });
      await phone.session.signIn(USERS.agent.email, DEMO_PASSWORD);
      const { setupMfa, verifyMfa } = await import('./rechat/mfa.ts');
      const setup = await setupMfa(phone.session);
      await verifyMfa(phone.session, totp(setup.secret, h.clock.now()));

      const pending = listApps(h.session, CHILD_BRAND_ID);
      expect(await isPending(pending)).to.equal(true);
      expect(h.session.state).to.include({ status: 'mfa-required', reason: 'mfa-required' });
      await h.session.validateMfa(totp(setup.secret, h.clock.now()));
      expect((await pending).length).to.be.greaterThan(0);
      expect(h.session.state.status).to.equal('signed-in');
    });

    it('signing out rejects the calls that wait for MFA with a SessionExpiredError', async () => {
      const h = coreHarness();
      await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      const pending = listApps(h.session, CHILD_BRAND_ID);
      await h.session.signOut();
      expect(await rejection(pending)).to.be.instanceOf(SessionExpiredError);
    });

    it("a waiting call can be abandoned with its signal", async () => {
      const h = coreHarness();
      await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      const controller = new AbortController();
      const pending = listApps(h.session, CHILD_BRAND_ID, { signal: controller.signal });
      controller.abort(new DOMException('closed', 'AbortError'));
      expect(((await rejection(pending)) as DOMException).message).to.equal('closed');
      expect(h.session.state.status).to.equal('mfa-required');
    });

    it('a call waiting for MFA goes through when another context validated it and this one reloads', async () => {
      const h = coreHarness();
      await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      const pending = listApps(h.session, CHILD_BRAND_ID);
      const popup = sessionSharing(h);
      await popup.ready;
      await popup.validateMfa(totp(MFA_SECRET, h.clock.now()));
      await h.session.reload();
      expect(h.session.state.status).to.equal('signed-in');
      expect(await isPending(pending), 'the waiting call must not hang').to.equal(false);
      expect((await pending).length).to.be.greaterThan(0);
    });

    it('a call waiting for MFA does not hang when the agent signs in again; it never goes on as another account', async () => {
      const h = coreHarness();
      await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      const first = listApps(h.session, CHILD_BRAND_ID);
      // Signing in again as the same account with MFA: still waiting, now for the new pair's validation.
      await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
      expect(await isPending(first)).to.equal(true);
      // Then as another account: the call made for the first one is rejected, not sent with the new token.
      const appsRequestsBefore = h.count('GET', `/brands/${CHILD_BRAND_ID}/sso_applications`);
      await h.session.signIn(USERS.agent.email, DEMO_PASSWORD);
      expect(h.session.state.status).to.equal('signed-in');
      expect(await isPending(first), 'the waiting call must not hang').to.equal(false);
      const error = await first.then(() => undefined, (e: unknown) => e);
      expect(isSsoError(error, ErrorCode.SessionExpired)).to.equal(true);
      expect(h.count('GET', `/brands/${CHILD_BRAND_ID}/sso_applications`)).to.equal(appsRequestsBefore);
      expect(h.count('POST', '/users/self/mfa/validate')).to.equal(0);
    });
  });
});
