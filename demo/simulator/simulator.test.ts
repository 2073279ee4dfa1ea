// Tests of the local API simulator, in Chromium: the simulator is used the way the core uses it, as an
// injected fetch. Run: npx wtr demo/simulator/simulator.test.ts
import { expect } from '@open-wc/testing';
import { Secret, TOTP } from 'otpauth';
import {
  CHILD_BRAND_ID,
  CLIENT_ID,
  CLIENT_SECRET,
  createSimulator,
  DEMO_PASSWORD,
  isOfflineFault,
  MALFORMED_BODY,
  MFA_SECRET,
  PARENT_BRAND_ID,
  SEED_APPS,
  USERS,
  type Simulator,
  type SimulatorOptions,
} from './index.ts';

const BASE = 'http://sim.test/api';
const T0 = Date.UTC(2026, 0, 23, 12, 0, 0);

/** A fake clock the tests move by hand. */
class Clock {
  ms = T0;
  readonly now = () => this.ms;
  advance(seconds: number) {
    this.ms += seconds * 1000;
  }
}

/** Replies are read loosely; the assertions check their shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

let clock: Clock;
let sim: Simulator;

function start(options: SimulatorOptions = {}) {
  clock = new Clock();
  sim = createSimulator({ basePath: '/api', now: clock.now, ...options });
}

/** Calls the simulator with a JSON body (or FormData), optionally with a bearer token. */
async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await sim.fetch(path.startsWith('http') ? path : BASE + path, { method, headers, body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: type.includes('json') && text ? JSON.parse(text) : text };
}

function passwordGrant(username: string, password = DEMO_PASSWORD, extra: Record<string, unknown> = {}) {
  return call('POST', '/oauth2/token', { body: { client_id: CLIENT_ID, username, password, grant_type: 'password', ...extra } });
}

function refreshGrant(refreshToken: string) {
  return call('POST', '/oauth2/token', { body: { client_id: CLIENT_ID, refresh_token: refreshToken, grant_type: 'refresh_token' } });
}

async function signIn(email: string): Promise<{ access: string; refresh: string }> {
  const reply = await passwordGrant(email);
  expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
  return { access: reply.body.access_token, refresh: reply.body.refresh_token };
}

/** A TOTP code for the simulator's clock. */
function code(secret = MFA_SECRET, at = clock.ms): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at });
}

/** A well-formed code that is not valid now. */
function wrongCode(secret = MFA_SECRET): string {
  const valid = [-1, 0, 1].map((step) => code(secret, clock.ms + step * 30_000));
  let candidate = Number(valid[1]);
  do candidate = (candidate + 1) % 1_000_000;
  while (valid.includes(String(candidate).padStart(6, '0')));
  return String(candidate).padStart(6, '0');
}

const appsOf = (brand: string) => `/brands/${brand}/sso_applications`;
const names = (reply: Reply) => (reply.body.data as Array<{ name: string }>).map((app) => app.name);

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

function iconForm(bytes: BlobPart, type: string, field = 'icon'): FormData {
  const form = new FormData();
  form.append(field, new File([bytes], 'icon', { type }));
  return form;
}

beforeEach(() => start());

describe('simulator: OAuth2 token endpoint', () => {
  it('signs in with the password grant, matching the username case-insensitively', async () => {
    const reply = await passwordGrant('AGENT@Example.com');
    expect(reply.status).to.equal(200);
    expect(reply.headers.get('content-type')).to.equal('application/json');
    expect(reply.body).to.include({ token_type: 'Bearer', code: 'OK', expires_in: 3600 });
    expect(reply.body.access_token).to.match(/^[A-Za-z0-9_-]{40,}$/);
    expect(reply.body.refresh_token).to.match(/^[A-Za-z0-9_-]{40,}$/);
    expect(reply.body.access_token).not.to.equal(reply.body.refresh_token);
    expect(reply.body.data).to.include({
      type: 'user',
      id: USERS.agent.id,
      email: 'agent@example.com',
      first_name: 'Alex',
      last_name: 'Agent',
      display_name: 'Alex Agent',
      mfa_enabled: false,
    });
  });

  it('answers invalid_grant to a wrong password and to an unknown user, alike', async () => {
    const wrong = await passwordGrant(USERS.agent.email, 'nope');
    const unknown = await passwordGrant('nobody@example.com');
    for (const reply of [wrong, unknown]) {
      expect(reply.status).to.equal(400);
      expect(reply.body).to.deep.equal({ error: 'invalid_grant', error_description: 'Invalid username or password' });
    }
  });

  it('answers invalid_client to an unknown client id', async () => {
    const reply = await passwordGrant(USERS.agent.email, DEMO_PASSWORD, { client_id: 'someone-else' });
    expect(reply.status).to.equal(401);
    expect(reply.body.error).to.equal('invalid_client');
  });

  it('checks the client secret only when told to', async () => {
    expect((await passwordGrant(USERS.agent.email, DEMO_PASSWORD, { client_secret: 'whatever' })).status).to.equal(200);
    start({ requireClientSecret: true });
    const missing = await passwordGrant(USERS.agent.email);
    expect(missing.status).to.equal(401);
    expect(missing.body.error).to.equal('invalid_client');
    expect((await passwordGrant(USERS.agent.email, DEMO_PASSWORD, { client_secret: 'wrong' })).status).to.equal(401);
    expect((await passwordGrant(USERS.agent.email, DEMO_PASSWORD, { client_secret: CLIENT_SECRET })).status).to.equal(200);
  });

  it('answers invalid_request and unsupported_grant_type', async () => {
    const missing = await call('POST', '/oauth2/token', { body: { client_id: CLIENT_ID, grant_type: 'password', username: 'a@b.c' } });
    expect(missing.status).to.equal(400);
    expect(missing.body.error).to.equal('invalid_request');
    expect(missing.body.error_description).to.contain('password');
    const notJson = await sim.fetch(`${BASE}/oauth2/token`, { method: 'POST', body: 'not json' });
    expect(notJson.status).to.equal(400);
    expect((await notJson.json()).error).to.equal('invalid_request');
    const grant = await call('POST', '/oauth2/token', { body: { client_id: CLIENT_ID, grant_type: 'client_credentials' } });
    expect(grant.status).to.equal(400);
    expect(grant.body.error).to.equal('unsupported_grant_type');
  });

  it('rotates refresh tokens: a second use of the same one is invalid_grant', async () => {
    const first = await signIn(USERS.agent.email);
    const refreshed = await refreshGrant(first.refresh);
    expect(refreshed.status).to.equal(200);
    expect(refreshed.body).to.include({ code: 'OK', token_type: 'Bearer', expires_in: 3600 });
    expect(refreshed.body).not.to.have.property('data');
    expect(refreshed.body.refresh_token).not.to.equal(first.refresh);

    const reused = await refreshGrant(first.refresh);
    expect(reused.status).to.equal(400);
    expect(reused.body.error).to.equal('invalid_grant');

    // The new pair works, the new refresh token works once, and the old access token still works.
    expect((await call('GET', '/users/self', { token: refreshed.body.access_token })).status).to.equal(200);
    expect((await call('GET', '/users/self', { token: first.access })).status).to.equal(200);
    expect((await refreshGrant(refreshed.body.refresh_token)).status).to.equal(200);
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const { refresh } = await signIn(USERS.agent.email);
    const replies = await Promise.all([refreshGrant(refresh), refreshGrant(refresh)]);
    expect(replies.map((r) => r.status).sort()).to.deep.equal([200, 400]);
  });

  it('expires refresh tokens after their TTL', async () => {
    start({ refreshTokenTtlSeconds: 60 });
    const { refresh } = await signIn(USERS.agent.email);
    clock.advance(61);
    const reply = await refreshGrant(refresh);
    expect(reply.status).to.equal(400);
    expect(reply.body.error).to.equal('invalid_grant');
  });
});

describe('simulator: bearer tokens', () => {
  it('answers 401 Unauthorized without a token, with an unknown one, and with an expired one', async () => {
    const { access } = await signIn(USERS.agent.email);
    expect((await call('GET', '/users/self', { token: access })).body.data.email).to.equal('agent@example.com');

    const none = await call('GET', '/users/self');
    expect(none.status).to.equal(401);
    expect(none.body).to.deep.equal({ http: 401, code: 'Unauthorized', message: 'Missing bearer token' });
    expect((await call('GET', '/users/self', { token: 'made-up' })).body.code).to.equal('Unauthorized');

    clock.advance(3599);
    expect((await call('GET', '/users/self', { token: access })).status).to.equal(200);
    clock.advance(1);
    const expired = await call('GET', '/users/self', { token: access });
    expect(expired.status).to.equal(401);
    expect(expired.body).to.deep.equal({ http: 401, code: 'Unauthorized', message: 'Access token expired' });
  });

  it('expireAllAccessTokens ends every session mid-use; a refresh resumes it', async () => {
    const { access, refresh } = await signIn(USERS.agent.email);
    sim.expireAllAccessTokens();
    expect((await call('GET', '/users/self', { token: access })).status).to.equal(401);
    const refreshed = await refreshGrant(refresh);
    expect((await call('GET', '/users/self', { token: refreshed.body.access_token })).status).to.equal(200);
  });

  it('honours a custom access token TTL', async () => {
    start({ accessTokenTtlSeconds: 5 });
    const reply = await passwordGrant(USERS.agent.email);
    expect(reply.body.expires_in).to.equal(5);
    clock.advance(5);
    expect((await call('GET', '/users/self', { token: reply.body.access_token })).status).to.equal(401);
  });
});

describe('simulator: MFA', () => {
  it('answers 401 MFARequired until validate succeeds with a real TOTP code', async () => {
    const { access, refresh } = await signIn(USERS.mfaAgent.email);
    const blocked = await call('GET', '/users/self', { token: access });
    expect(blocked.status).to.equal(401);
    expect(blocked.body).to.deep.equal({ http: 401, code: 'MFARequired', message: 'MFA required' });
    expect((await call('GET', appsOf(CHILD_BRAND_ID), { token: access })).body.code).to.equal('MFARequired');

    const wrong = await call('POST', '/users/self/mfa/validate', { token: access, body: { token: wrongCode() } });
    expect(wrong.status).to.equal(400);
    expect(wrong.body).to.deep.equal({ http: 400, code: 'InvalidMFAToken', message: 'Invalid MFA token' });
    expect((await call('GET', '/users/self', { token: access })).body.code).to.equal('MFARequired');

    const malformed = await call('POST', '/users/self/mfa/validate', { token: access, body: { token: 123456 } });
    expect(malformed.status).to.equal(400);
    expect(malformed.body.code).to.equal('Validation');
    expect(malformed.body.message).to.contain('token');

    const ok = await call('POST', '/users/self/mfa/validate', { token: access, body: { token: code() } });
    expect(ok.status).to.equal(204);
    const self = await call('GET', '/users/self', { token: access });
    expect(self.status).to.equal(200);
    expect(self.body.data).to.include({ email: USERS.mfaAgent.email, mfa_enabled: true });

    // A refreshed pair inherits the validation; a new sign-in does not.
    const refreshed = await refreshGrant(refresh);
    expect((await call('GET', '/users/self', { token: refreshed.body.access_token })).status).to.equal(200);
    const again = await signIn(USERS.mfaAgent.email);
    expect((await call('GET', '/users/self', { token: again.access })).body.code).to.equal('MFARequired');
  });

  it('accepts a code from the previous 30-second step (clock drift), not from two steps back', async () => {
    const { access } = await signIn(USERS.mfaAgent.email);
    const previous = code(MFA_SECRET, clock.ms - 30_000);
    const old = code(MFA_SECRET, clock.ms - 90_000);
    if (old !== previous && old !== code() && old !== code(MFA_SECRET, clock.ms + 30_000)) {
      expect((await call('POST', '/users/self/mfa/validate', { token: access, body: { token: old } })).status).to.equal(400);
    }
    expect((await call('POST', '/users/self/mfa/validate', { token: access, body: { token: previous } })).status).to.equal(204);
  });

  it('sets up, verifies and removes MFA', async () => {
    const session = await signIn(USERS.agent.email);
    const early = await call('POST', '/users/self/mfa/verify', { token: session.access, body: { token: '123456' } });
    expect(early.status).to.equal(400);
    expect(early.body.code).to.equal('Validation');

    const setup = await call('POST', '/users/self/mfa/setup', { token: session.access });
    expect(setup.status).to.equal(200);
    expect(setup.body.data.mfa_qr_code).to.equal('');
    expect(setup.body.data.mfa_enabled).to.equal(false);
    const url: string = setup.body.data.mfa_url;
    expect(url).to.match(
      /^otpauth:\/\/totp\/Rechat:agent%40example\.com\?issuer=Rechat&secret=[A-Z2-7]+&algorithm=SHA1&digits=6&period=30$/,
    );
    const secret = new URL(url).searchParams.get('secret')!;
    // Pending until verified: signing in still needs no MFA.
    expect((await call('GET', '/users/self', { token: (await signIn(USERS.agent.email)).access })).status).to.equal(200);

    const wrong = await call('POST', '/users/self/mfa/verify', { token: session.access, body: { token: wrongCode(secret) } });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.code).to.equal('InvalidMFAToken');

    const verified = await call('POST', '/users/self/mfa/verify', { token: session.access, body: { token: code(secret) } });
    expect(verified.status).to.equal(200);
    expect(verified.body.data.mfa_enabled).to.equal(true);
    // The verifying session is validated; a new one is not.
    expect((await call('GET', '/users/self', { token: session.access })).status).to.equal(200);
    expect((await call('GET', '/users/self', { token: (await signIn(USERS.agent.email)).access })).body.code).to.equal('MFARequired');
    expect((await call('POST', '/users/self/mfa/setup', { token: session.access })).status).to.equal(400);

    const badRemove = await call('DELETE', '/users/self/mfa', { token: session.access, body: { token: wrongCode(secret) } });
    expect(badRemove.status).to.equal(400);
    expect(badRemove.body.code).to.equal('InvalidMFAToken');
    const removed = await call('DELETE', '/users/self/mfa', { token: session.access, body: { token: code(secret) } });
    expect(removed.status).to.equal(204);
    expect((await call('GET', '/users/self', { token: (await signIn(USERS.agent.email)).access })).body.data.mfa_enabled).to.equal(false);
  });

  it('reset() brings back the seed MFA', async () => {
    const { access } = await signIn(USERS.mfaAgent.email);
    await call('POST', '/users/self/mfa/validate', { token: access, body: { token: code() } });
    expect((await call('DELETE', '/users/self/mfa', { token: access, body: { token: code() } })).status).to.equal(204);
    expect((await call('GET', '/users/self', { token: (await signIn(USERS.mfaAgent.email)).access })).status).to.equal(200);
    sim.reset();
    expect((await call('GET', '/users/self', { token: access })).status).to.equal(401); // tokens are gone too
    expect((await call('GET', '/users/self', { token: (await signIn(USERS.mfaAgent.email)).access })).body.code).to.equal('MFARequired');
  });
});

describe('simulator: brands and SSO applications', () => {
  const parentOnly = SEED_APPS.filter((app) => !app.brands.includes(CHILD_BRAND_ID)).map((app) => app.name);

  it('lists the brands of the user, with the role', async () => {
    const agent = await call('GET', '/users/self/brands', { token: (await signIn(USERS.agent.email)).access });
    expect(agent.body.data).to.have.length(1);
    expect(agent.body.data[0]).to.include({ id: CHILD_BRAND_ID, name: 'Child Brand', role: 'Agent', type: 'brand', brand_type: 'Team' });
    expect(agent.body.data[0].parent).to.include({ id: PARENT_BRAND_ID, name: 'Admin Brand Parent', parent: null });
    expect(agent.body.data[0].parents).to.deep.equal([PARENT_BRAND_ID]);
    const admin = await call('GET', '/users/self/brands', { token: (await signIn(USERS.admin.email)).access });
    expect(admin.body.data.map((b: Json) => [b.id, b.role])).to.deep.equal([[PARENT_BRAND_ID, 'Admin']]);
  });

  it('shows an agent the team apps only, and refuses the office brand', async () => {
    expect(parentOnly).to.have.length.within(2, 3);
    const { access } = await signIn(USERS.agent.email);
    const list = await call('GET', appsOf(CHILD_BRAND_ID), { token: access });
    expect(list.status).to.equal(200);
    expect(list.body.info).to.deep.equal({ count: SEED_APPS.length - parentOnly.length, total: SEED_APPS.length - parentOnly.length });
    for (const name of parentOnly) expect(names(list)).not.to.include(name);
    const app = list.body.data[0];
    expect(app).to.include({ type: 'sso_application', deleted_at: null });
    expect(app.open_url).to.match(/^http:\/\/sim\.test\/api\/sso_applications\/open\?hash=[\w-]+$/);
    expect(list.body.data.some((a: Json) => a.icon === null)).to.equal(true);
    expect(list.body.data.find((a: Json) => a.icon).icon).to.match(/^http:\/\/sim\.test\/api\/sso_applications\/[\w-]+\/icon\.svg\?v=\d+$/);

    const office = await call('GET', appsOf(PARENT_BRAND_ID), { token: access });
    expect(office.status).to.equal(403);
    expect(office.body).to.deep.equal({ http: 403, code: 'Forbidden', message: 'You do not have access to this brand' });
    expect((await call('GET', appsOf('no-such-brand'), { token: access })).body.code).to.equal('ResourceNotFound');
  });

  it('shows the admin every app on the office brand, and the team apps on the team brand', async () => {
    const { access } = await signIn(USERS.admin.email);
    const office = await call('GET', appsOf(PARENT_BRAND_ID), { token: access });
    expect(office.body.data).to.have.length(SEED_APPS.length);
    for (const name of parentOnly) expect(names(office)).to.include(name);
    const team = await call('GET', appsOf(CHILD_BRAND_ID), { token: access });
    expect(team.status).to.equal(200);
    expect(team.body.data).to.have.length(SEED_APPS.length - parentOnly.length);
  });

  it('seeds apps whose order is neither the listing order nor the name order', async () => {
    const orders = SEED_APPS.map((app) => app.order);
    expect(orders).not.to.deep.equal([...orders].sort((a, b) => a - b));
    const byName = [...SEED_APPS].sort((a, b) => a.name.localeCompare(b.name)).map((a) => a.order);
    expect(byName).not.to.deep.equal([...byName].sort((a, b) => a - b));
    expect(SEED_APPS.some((a) => a.authentication_type === 'SAML')).to.equal(true);
    expect(SEED_APPS.some((a) => a.authentication_type === 'None')).to.equal(true);
  });

  it('refuses changes from an agent with 403', async () => {
    const { access } = await signIn(USERS.agent.email);
    const create = await call('POST', appsOf(CHILD_BRAND_ID), { token: access, body: { name: 'X', authentication_type: 'None', url: 'https://x.example/' } });
    expect(create.status).to.equal(403);
    expect(create.body).to.deep.equal({ http: 403, code: 'Forbidden', message: 'Only brand admins may change apps' });
    const id = SEED_APPS[0]!.id;
    expect((await call('DELETE', `${appsOf(CHILD_BRAND_ID)}/${id}`, { token: access })).status).to.equal(403);
    expect((await call('PUT', `${appsOf(CHILD_BRAND_ID)}/${id}/brands`, { token: access, body: { brands: [CHILD_BRAND_ID] } })).status).to.equal(403);
  });

  it('validates a new app and names the field', async () => {
    const { access } = await signIn(USERS.admin.email);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ authentication_type: 'None', url: 'https://x.example/' }, 'name'],
      [{ name: 'X', authentication_type: 'OIDC' }, 'authentication_type'],
      [{ name: 'X', authentication_type: 'SAML', entity_id: 'urn:x' }, 'acs_url'],
      [{ name: 'X', authentication_type: 'SAML', acs_url: 'https://x.example/acs' }, 'entity_id'],
      [{ name: 'X', authentication_type: 'None' }, 'url'],
      [{ name: 'X', authentication_type: 'None', url: 'javascript:alert(1)' }, 'url'],
      [{ name: 'X', authentication_type: 'None', url: 'https://x.example/', order: 'first' }, 'order'],
      [{ name: 'X', authentication_type: 'None', url: 'https://x.example/', brands: ['nope'] }, 'brands'],
    ];
    for (const [body, field] of cases) {
      const reply = await call('POST', appsOf(PARENT_BRAND_ID), { token: access, body });
      expect(reply.status, field).to.equal(400);
      expect(reply.body.code, field).to.equal('Validation');
      expect(reply.body.message, field).to.match(new RegExp(`^${field}\\b`));
    }
  });

  it('lets the admin create, update, set brands, set the icon of and delete an app', async () => {
    const admin = await signIn(USERS.admin.email);
    const agent = await signIn(USERS.agent.email);

    // Create, on the office brand only by default, at the end of the order.
    const created = await call('POST', appsOf(PARENT_BRAND_ID), {
      token: admin.access,
      body: {
        name: 'Test SSO Application',
        authentication_type: 'SAML',
        acs_url: 'https://samltest.id/saml/sp',
        entity_id: 'https://samltest.id/saml/sp',
        start_url: null,
        signed: null,
        name_id: 'null',
        name_id_format: null,
        mappings: null,
        brands: [PARENT_BRAND_ID],
      },
    });
    expect(created.status).to.equal(200);
    const app = created.body.data;
    expect(app).to.include({ name: 'Test SSO Application', authentication_type: 'SAML', url: null, type: 'sso_application', icon: null });
    expect(app.order).to.equal(Math.max(...SEED_APPS.map((a) => a.order)) + 1);
    expect(app.brands).to.deep.equal([PARENT_BRAND_ID]);
    expect(app.created_at).to.equal(T0 / 1000);
    const path = `${appsOf(PARENT_BRAND_ID)}/${app.id}`;
    expect(names(await call('GET', appsOf(CHILD_BRAND_ID), { token: agent.access }))).not.to.include('Test SSO Application');

    // Update: the doc's full object, id included; a mismatched id or an unknown app is refused.
    clock.advance(10);
    const updated = await call('PUT', path, { token: admin.access, body: { ...app, name: 'Updated Test SSO Application' } });
    expect(updated.status).to.equal(200);
    expect(updated.body.data).to.include({ id: app.id, name: 'Updated Test SSO Application', created_at: app.created_at });
    expect(updated.body.data.updated_at).to.equal(T0 / 1000 + 10);
    expect((await call('PUT', path, { token: admin.access, body: { ...app, id: 'other' } })).body.message).to.match(/^id\b/);
    const missing = await call('PUT', `${appsOf(PARENT_BRAND_ID)}/no-such-app`, { token: admin.access, body: app });
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('ResourceNotFound');
    // Not visible in the team brand yet, so not found there.
    expect((await call('PUT', `${appsOf(CHILD_BRAND_ID)}/${app.id}`, { token: admin.access, body: app })).status).to.equal(404);

    // Set brands: the answer expands them, as in the doc; the agent now sees the app.
    const unknown = await call('PUT', `${path}/brands`, { token: admin.access, body: { brands: [PARENT_BRAND_ID, 'nope'] } });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.message).to.match(/^brands\b/);
    const brands = await call('PUT', `${path}/brands`, { token: admin.access, body: { brands: [PARENT_BRAND_ID, CHILD_BRAND_ID] } });
    expect(brands.status).to.equal(200);
    const child = brands.body.data.brands.find((b: Json) => b.id === CHILD_BRAND_ID);
    expect(child).to.include({ name: 'Child Brand', type: 'brand', brand_type: 'Team' });
    expect(child.parent).to.include({ id: PARENT_BRAND_ID, name: 'Admin Brand Parent' });
    expect(names(await call('GET', appsOf(CHILD_BRAND_ID), { token: agent.access }))).to.include('Updated Test SSO Application');

    // Icon: a multipart upload; checked for type, size and content.
    const icon = await call('PUT', `${path}/icon`, { token: admin.access, body: iconForm(PNG, 'image/png') });
    expect(icon.status, JSON.stringify(icon.body)).to.equal(200);
    expect(icon.body.data.icon).to.match(new RegExp(`^http://sim\\.test/api/sso_applications/${app.id}/icon\\.png\\?v=\\d+$`));
    const served = await sim.fetch(icon.body.data.icon);
    expect(served.headers.get('content-type')).to.equal('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(PNG);
    const again = await call('PUT', `${path}/icon`, { token: admin.access, body: iconForm(PNG, 'image/png') });
    expect(again.body.data.icon).not.to.equal(icon.body.data.icon); // a new version, a new URL

    const refusals: Array<[FormData, string]> = [
      [iconForm('hello', 'text/plain'), 'wrong type'],
      [iconForm(new Uint8Array(512 * 1024 + 1), 'image/png'), 'too large'],
      [iconForm('not a png', 'image/png'), 'not what it claims'],
      [iconForm(PNG, 'image/png', 'file'), 'wrong field'],
    ];
    for (const [form, why] of refusals) {
      const reply = await call('PUT', `${path}/icon`, { token: admin.access, body: form });
      expect(reply.status, why).to.equal(400);
      expect(reply.body.code, why).to.equal('Validation');
      expect(reply.body.message, why).to.match(/^icon\b/);
    }
    const json = await call('PUT', `${path}/icon`, { token: admin.access, body: { brands: [PARENT_BRAND_ID] } });
    expect(json.status).to.equal(400);

    const svg = await call('PUT', `${path}/icon`, { token: admin.access, body: iconForm('<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml') });
    const svgServed = await sim.fetch(svg.body.data.icon);
    expect(svgServed.headers.get('content-type')).to.equal('image/svg+xml');
    expect(svgServed.headers.get('content-security-policy')).to.equal("default-src 'none'; style-src 'unsafe-inline'");

    // Delete: answers the app; it is gone from the list, its icon and its launch link.
    const openUrl = svg.body.data.open_url;
    const deleted = await call('DELETE', path, { token: admin.access });
    expect(deleted.status).to.equal(200);
    expect(deleted.body).to.include({ code: 'OK' });
    expect(deleted.body.data).to.include({ id: app.id, name: 'Updated Test SSO Application' });
    expect(names(await call('GET', appsOf(PARENT_BRAND_ID), { token: admin.access }))).not.to.include('Updated Test SSO Application');
    expect((await sim.fetch(svg.body.data.icon)).status).to.equal(404);
    expect((await sim.fetch(openUrl)).status).to.equal(404);
    expect((await call('DELETE', path, { token: admin.access })).status).to.equal(404);
  });

  it('serves the seed icons as SVG under a strict CSP', async () => {
    const { access } = await signIn(USERS.agent.email);
    const withIcon = (await call('GET', appsOf(CHILD_BRAND_ID), { token: access })).body.data.find((a: Json) => a.icon);
    const response = await sim.fetch(withIcon.icon);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('image/svg+xml');
    expect(response.headers.get('content-security-policy')).to.equal("default-src 'none'; style-src 'unsafe-inline'");
    expect(await response.text()).to.match(/^<svg /);
  });
});

describe('simulator: launching an app (open_url)', () => {
  async function landing(url: string) {
    const response = await sim.fetch(url);
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    return { response, doc };
  }

  it('lands on a page saying who is signed in where', async () => {
    const { access } = await signIn(USERS.agent.email);
    const app = (await call('GET', appsOf(CHILD_BRAND_ID), { token: access })).body.data.find((a: Json) => a.name === 'DocuSign');
    const { response, doc } = await landing(app.open_url);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).to.equal("default-src 'none'; style-src 'unsafe-inline'");
    expect(doc.title).to.equal('DocuSign');
    expect(doc.querySelector('h1')!.textContent).to.equal('Signed in to DocuSign as agent@example.com');
  });

  it('gives each user their own link', async () => {
    const agent = await signIn(USERS.agent.email);
    const admin = await signIn(USERS.admin.email);
    const find = async (token: string) =>
      (await call('GET', appsOf(CHILD_BRAND_ID), { token })).body.data.find((a: Json) => a.name === 'Canva').open_url;
    const [agentUrl, adminUrl] = [await find(agent.access), await find(admin.access)];
    expect(agentUrl).not.to.equal(adminUrl);
    expect(agentUrl).to.equal(await find(agent.access)); // stable across listings
    expect((await landing(adminUrl)).doc.querySelector('h1')!.textContent).to.equal('Signed in to Canva as admin@example.com');
  });

  it('escapes the app name', async () => {
    const { access } = await signIn(USERS.admin.email);
    const name = '<img src=x onerror="alert(1)"> & "Co"';
    const created = await call('POST', appsOf(PARENT_BRAND_ID), { token: access, body: { name, authentication_type: 'None', url: 'https://x.example/' } });
    const { doc } = await landing(created.body.data.open_url);
    expect(doc.querySelector('img')).to.equal(null);
    expect(doc.title).to.equal(name);
    expect(doc.querySelector('h1')!.textContent).to.equal(`Signed in to ${name} as admin@example.com`);
  });

  it('answers 404 "This sign-in link is not valid" to an unknown hash', async () => {
    for (const url of [`${BASE}/sso_applications/open?hash=forged`, `${BASE}/sso_applications/open`]) {
      const { response, doc } = await landing(url);
      expect(response.status).to.equal(404);
      expect(response.headers.get('content-type')).to.contain('text/html');
      expect(doc.querySelector('h1')!.textContent).to.equal('This sign-in link is not valid');
    }
  });

  it('refuses a link once the user has lost access to the app', async () => {
    const agent = await signIn(USERS.agent.email);
    const admin = await signIn(USERS.admin.email);
    const app = (await call('GET', appsOf(CHILD_BRAND_ID), { token: agent.access })).body.data[0];
    await call('PUT', `${appsOf(PARENT_BRAND_ID)}/${app.id}/brands`, { token: admin.access, body: { brands: [PARENT_BRAND_ID] } });
    expect((await sim.fetch(app.open_url)).status).to.equal(403);
  });
});

describe('simulator: faults', () => {
  it('status: answers the status once, with Retry-After and the Fault body', async () => {
    sim.faults.inject({ kind: 'status', status: 503, retryAfter: 7 });
    expect(sim.faults.pending).to.equal(1);
    const reply = await passwordGrant(USERS.agent.email);
    expect(reply.status).to.equal(503);
    expect(reply.headers.get('retry-after')).to.equal('7');
    expect(reply.headers.get('access-control-allow-origin')).to.equal('*');
    expect(reply.body).to.deep.include({ http: 503, code: 'Fault' });
    expect(sim.faults.pending).to.equal(0);
    expect((await passwordGrant(USERS.agent.email)).status).to.equal(200);
    expect(sim.requests.filter((r) => r.path === '/oauth2/token')).to.have.length(2); // the faulted one is logged
  });

  it('count and match: only matching paths take the fault, count times', async () => {
    const { access } = await signIn(USERS.agent.email);
    sim.faults.inject({ kind: 'status', status: 500, count: 2, match: '/sso_applications' });
    expect(sim.faults.pending).to.equal(2);
    expect((await call('GET', '/users/self', { token: access })).status).to.equal(200);
    expect((await call('GET', appsOf(CHILD_BRAND_ID), { token: access })).status).to.equal(500);
    expect((await call('GET', appsOf(CHILD_BRAND_ID), { token: access })).status).to.equal(500);
    expect((await call('GET', appsOf(CHILD_BRAND_ID), { token: access })).status).to.equal(200);
  });

  it('delay: answers normally after the delay', async () => {
    sim.faults.inject({ kind: 'delay', ms: 150 });
    const started = performance.now();
    const reply = await passwordGrant(USERS.agent.email);
    expect(performance.now() - started).to.be.at.least(140);
    expect(reply.status).to.equal(200);
  });

  it('delay: an abort rejects with the abort reason', async () => {
    sim.faults.inject({ kind: 'delay', ms: 10_000 });
    const controller = new AbortController();
    const pending = sim.fetch(`${BASE}/users/self`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');

    const reason = new Error('timed out');
    const already = new AbortController();
    already.abort(reason);
    expect(await sim.fetch(`${BASE}/users/self`, { signal: already.signal }).catch((e: unknown) => e)).to.equal(reason);
  });

  it('malformed: a 200 JSON response that does not parse', async () => {
    sim.faults.inject({ kind: 'malformed' });
    const response = await sim.fetch(`${BASE}/users/self`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/json');
    expect(await response.clone().text()).to.equal(MALFORMED_BODY);
    expect(await response.json().then(() => 'parsed', () => 'failed')).to.equal('failed');
  });

  it('body: answers that body with that status', async () => {
    const hostile = { code: 'OK', data: [{ id: 1, name: null, open_url: 'javascript:alert(1)' }] };
    sim.faults.inject({ kind: 'body', body: hostile });
    sim.faults.inject({ kind: 'body', status: 418, body: 'just a string' });
    const first = await call('GET', appsOf(CHILD_BRAND_ID));
    expect(first.status).to.equal(200);
    expect(first.body).to.deep.equal(hostile);
    const second = await call('GET', appsOf(CHILD_BRAND_ID));
    expect(second.status).to.equal(418);
    expect(second.body).to.equal('just a string');
  });

  it('offline: the fetch rejects with TypeError("Failed to fetch")', async () => {
    sim.faults.inject({ kind: 'offline', count: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await sim.fetch(`${BASE}/users/self`).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(TypeError);
      expect((error as TypeError).message).to.equal('Failed to fetch');
      expect(isOfflineFault(error)).to.equal(true);
    }
    expect(isOfflineFault(new TypeError('Failed to fetch'))).to.equal(false);
    expect((await sim.fetch(`${BASE}/users/self`)).status).to.equal(401);
  });

  it('refuses a malformed fault, and clear() empties the queue', () => {
    expect(() => sim.faults.inject({ kind: 'status', status: 42 })).to.throw(/status/);
    expect(() => sim.faults.inject({ kind: 'nope' } as never)).to.throw(/kind/);
    sim.faults.inject({ kind: 'offline', count: 3 });
    sim.faults.clear();
    expect(sim.faults.pending).to.equal(0);
  });

  it('never faults CORS preflights or control routes', async () => {
    sim.faults.inject({ kind: 'offline' });
    expect((await sim.fetch(`${BASE}/users/self`, { method: 'OPTIONS' })).status).to.equal(204);
    expect((await sim.fetch(`${BASE}/__sim/requests`)).status).to.equal(200);
    expect(sim.faults.pending).to.equal(1);
  });
});

describe('simulator: HTTP plumbing', () => {
  it('answers CORS preflights with 204 and the CORS headers', async () => {
    const response = await sim.fetch(`${BASE}/oauth2/token`, {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).to.equal(204);
    expect(response.headers.get('access-control-allow-origin')).to.equal('*');
    expect(response.headers.get('access-control-allow-headers')).to.equal('Authorization, Content-Type');
    expect(response.headers.get('access-control-allow-methods')).to.equal('GET, POST, PUT, DELETE, OPTIONS');
    expect(response.headers.get('access-control-expose-headers')).to.equal('Retry-After');
    expect(sim.requests).to.deep.equal([]);
  });

  it('puts CORS headers on errors too', async () => {
    const response = await sim.fetch(`${BASE}/users/self`);
    expect(response.status).to.equal(401);
    expect(response.headers.get('access-control-allow-origin')).to.equal('*');
    expect(response.headers.get('access-control-expose-headers')).to.equal('Retry-After');
  });

  it('answers 404 ResourceNotFound outside its routes and outside its base path', async () => {
    for (const url of [`${BASE}/nope`, 'http://sim.test/users/self']) {
      const reply = await call('GET', url);
      expect(reply.status).to.equal(404);
      expect(reply.body.code).to.equal('ResourceNotFound');
    }
  });

  it('works without a base path, and with handle(Request)', async () => {
    start({ basePath: '' });
    const response = await sim.handle(
      new Request('http://other.test/oauth2/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: CLIENT_ID, username: USERS.admin.email, password: DEMO_PASSWORD, grant_type: 'password' }),
      }),
    );
    const { access_token } = await response.json();
    const list = await sim.handle(
      new Request(`http://other.test/brands/${PARENT_BRAND_ID}/sso_applications`, { headers: { authorization: `Bearer ${access_token}` } }),
    );
    const app = (await list.json()).data[0];
    expect(app.open_url).to.match(/^http:\/\/other\.test\/sso_applications\/open\?hash=/);
    expect(sim.requests.map((r) => r.path)).to.deep.equal(['/oauth2/token', `/brands/${PARENT_BRAND_ID}/sso_applications`]);
  });

  it('accepts a form-encoded token request too', async () => {
    const response = await sim.fetch(`${BASE}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: CLIENT_ID, username: USERS.agent.email, password: DEMO_PASSWORD, grant_type: 'password' }),
    });
    expect(response.status).to.equal(200);
  });
});

describe('simulator: control routes (/__sim)', () => {
  const control = (method: string, path: string, body?: unknown) => call(method, `/__sim${path}`, { body });

  it('injects faults, logs requests, expires tokens, configures TTLs and resets', async () => {
    const { access } = await signIn(USERS.agent.email);

    const injected = await control('POST', '/faults', { kind: 'status', status: 502, match: '/users/self' });
    expect(injected.status).to.equal(200);
    expect(injected.body.data.pending).to.equal(1);
    expect((await call('GET', '/users/self', { token: access })).status).to.equal(502);
    expect((await control('POST', '/faults', { kind: 'status' })).status).to.equal(400);

    const log = await control('GET', '/requests');
    expect(log.body.data).to.deep.equal([
      { method: 'POST', path: '/oauth2/token' },
      { method: 'GET', path: '/users/self' },
    ]);

    expect((await control('POST', '/expire-tokens')).status).to.equal(200);
    expect((await call('GET', '/users/self', { token: access })).status).to.equal(401);

    const config = await control('POST', '/config', { accessTokenTtlSeconds: 2 });
    expect(config.body.data.accessTokenTtlSeconds).to.equal(2);
    expect((await control('POST', '/config', { accessTokenTtlSeconds: -1 })).status).to.equal(400);
    expect((await passwordGrant(USERS.agent.email)).body.expires_in).to.equal(2);

    expect((await control('POST', '/reset')).status).to.equal(200);
    expect((await passwordGrant(USERS.agent.email)).body.expires_in).to.equal(3600);
    expect(sim.requests).to.deep.equal([{ method: 'POST', path: '/oauth2/token' }]);
  });

  it('has no route that hands out TOTP codes', async () => {
    const reply = await control('GET', `/totp?email=${encodeURIComponent(USERS.mfaAgent.email)}`);
    expect(reply.status).to.equal(404);
  });
});
