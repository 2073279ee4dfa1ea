// The token broker, in Chromium, with the local API simulator as its injected fetch.
// Run: npx wtr --files broker/broker.test.ts
import { expect } from '@open-wc/testing';
import { BrokerConfigError, configFromEnv, createBroker, parseBrokerConfig, type BrokerConfig, type BrokerModule } from './index.ts';
import { configSecrets } from './config.ts';
import { json } from './http.ts';
import { redact } from './log.ts';
import { BROKER_URL, INTRANET_ORIGIN, TEST_SECRETS, XENIOO_URL, brokerHarness, testBrokerConfig, withHeaders, type BrokerHarness } from '../test/helpers/broker.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, MFA_SECRET, PARENT_BRAND_ID, USERS, totp } from '../test/helpers/core.ts';
import { CLIENT_SECRET, XENIOO_ACCOUNT_API_KEY, XENIOO_BOTS } from '../demo/simulator/index.ts';

const HOUR = 3600_000;
const [listing, leads] = XENIOO_BOTS;
const chatbots = (brand: string) => `/brands/${brand}/chatbots`;
const tokenPath = (brand: string, bot: string) => `${chatbots(brand)}/${bot}/token`;

let h: BrokerHarness;
/** A Rechat access token for a demo account, straight from the simulator (MFA validated when needed). */
async function accessToken(user: keyof typeof USERS = 'agent', validate = true): Promise<string> {
  const response = await h.sim.fetch('https://rechat.sim.test/api/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, username: USERS[user].email, password: DEMO_PASSWORD }),
  });
  const { access_token: token } = (await response.json()) as { access_token: string };
  if (validate && USERS[user].mfa_secret) {
    const validated = await h.sim.fetch('https://rechat.sim.test/api/users/self/mfa/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ token: totp(MFA_SECRET, h.clock.now()) }),
    });
    expect(validated.status).to.equal(204);
  }
  return token;
}

/** The page a token's Home opens, as text. */
async function designer(url: string): Promise<string> {
  return (await h.sim.fetch(url)).text();
}

beforeEach(() => {
  h = brokerHarness();
});

afterEach(() => {
  // No answer and no log line may ever contain a secret, whatever the test did.
  const everything = h.output();
  for (const secret of TEST_SECRETS) {
    // Mocha names the test whose "after each" hook failed; the secret itself is not repeated.
    if (everything.includes(secret)) throw new Error('a secret leaked into an answer or a log line');
  }
});

describe('broker: who is calling', () => {
  it('answers 401 with a JSON error to a call without a bearer token', async () => {
    const reply = await h.call('GET', chatbots(CHILD_BRAND_ID));
    expect(reply.status).to.equal(401);
    expect(reply.headers.get('content-type')).to.match(/^application\/json/);
    expect(reply.headers.get('www-authenticate')).to.equal('Bearer error="invalid_token"');
    expect(reply.body).to.deep.equal({ http: 401, code: 'Unauthorized', message: 'Missing bearer token' });
    expect(h.log()).to.deep.equal([]); // refused before asking anyone
  });

  it('answers 401 to a forged token, after asking Rechat', async () => {
    for (const route of [['GET', chatbots(CHILD_BRAND_ID)], ['POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant')]] as const) {
      const reply = await h.call(route[0], route[1], { token: 'forged-token', body: route[0] === 'POST' ? { embedding: false } : undefined });
      expect(reply.status).to.equal(401);
      expect(reply.body).to.deep.equal({ http: 401, code: 'Unauthorized', message: 'The access token is not valid or has expired.' });
    }
    expect(h.log()).to.deep.equal(['GET /users/self', 'GET /users/self']);
    expect(h.upstream.some((c) => c.url.includes('/xenioo/'))).to.equal(false);
  });

  it('answers 401 to an expired token', async () => {
    const token = await accessToken();
    expect((await h.call('GET', chatbots(CHILD_BRAND_ID), { token })).status).to.equal(200);
    h.clock.advance(HOUR);
    const reply = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: {} });
    expect(reply.status).to.equal(401);
    expect(reply.body.code).to.equal('Unauthorized');
    expect(h.log().filter((line) => line.includes('xenioo'))).to.deep.equal([]);
  });

  it('answers 401 MFARequired to a pair that has not passed MFA yet', async () => {
    const token = await accessToken('mfaAgent', false);
    const reply = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: {} });
    expect(reply.status).to.equal(401);
    expect(reply.body).to.deep.equal({ http: 401, code: 'MFARequired', message: 'MFA required' });
    expect(h.log().filter((line) => line.includes('xenioo'))).to.deep.equal([]);
  });

  it('answers 502, not 401, when Rechat cannot be asked', async () => {
    const token = await accessToken();
    h.sim.faults.inject({ kind: 'status', status: 503, count: 3, match: '/users/self' });
    const reply = await h.call('GET', chatbots(CHILD_BRAND_ID), { token });
    expect(reply.status).to.equal(502);
    expect(reply.body).to.deep.equal({ http: 502, code: 'UpstreamUnavailable', message: 'Rechat is not answering. Try again in a moment.' });
    expect(h.logs.some((line) => line.startsWith('warn: rechat: GET /users/self failed'))).to.equal(true);
  });
});

describe('broker: brand membership', () => {
  it("lists the bots of the caller's own brand", async () => {
    const reply = await h.call('GET', chatbots(CHILD_BRAND_ID), { token: await accessToken() });
    expect(reply.status).to.equal(200);
    expect(reply.body.data.map((bot: { id: string }) => bot.id)).to.deep.equal(['listing-assistant', 'lead-qualifier', 'open-house-concierge']);
    expect(reply.body.data[1]).to.deep.equal({ id: 'lead-qualifier', name: 'Lead Qualifier', sections: [{ id: 'conversation', label: 'Conversations' }] });
    expect(reply.headers.get('cache-control')).to.equal('no-store');
  });

  it('lets a member of a brand above act on it (the office admin on the team)', async () => {
    const token = await accessToken('admin');
    expect((await h.call('GET', chatbots(CHILD_BRAND_ID), { token })).status).to.equal(200);
    expect((await h.call('GET', chatbots(PARENT_BRAND_ID), { token })).body.data).to.have.length(1);
    const reply = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: {} });
    expect(reply.status).to.equal(200);
  });

  it('refuses a brand above, beside or unknown to the caller', async () => {
    const token = await accessToken('agent');
    for (const brand of [PARENT_BRAND_ID, 'no-such-brand']) {
      const reply = await h.call('GET', chatbots(brand), { token });
      expect(reply.status, brand).to.equal(403);
      expect(reply.body).to.deep.equal({ http: 403, code: 'Forbidden', message: 'You are not a member of this brand.' });
      expect((await h.call('POST', tokenPath(brand, 'listing-assistant'), { token, body: {} })).status).to.equal(403);
    }
    expect(h.log().filter((line) => line.includes('xenioo'))).to.deep.equal([]);
  });

  it('answers an empty list for a brand without chatbots', async () => {
    const config = testBrokerConfig();
    delete config.brands[CHILD_BRAND_ID];
    h = brokerHarness({ config });
    const reply = await h.call('GET', chatbots(CHILD_BRAND_ID), { token: await accessToken() });
    expect(reply.body).to.deep.equal({ code: 'OK', data: [] });
  });
});

describe('broker: chatbot tokens', () => {
  it("mints a token for the caller's own email, ignoring any email in the request", async () => {
    const token = await accessToken('agent');
    const reply = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), {
      token,
      body: { embedding: true, Email: USERS.admin.email, email: USERS.admin.email, user: USERS.admin.id },
    });
    expect(reply.status).to.equal(200);
    const data = reply.body.data;
    expect(Object.keys(data).sort()).to.deep.equal(['bot', 'embedding', 'expires_at', 'expires_in', 'home', 'token']);
    expect(data).to.include({ bot: 'listing-assistant', embedding: true, expires_in: 3600, expires_at: Math.floor((h.clock.now() + HOUR) / 1000) });
    expect(data.home).to.equal(`${XENIOO_URL}/auth/sso/${data.token}`);

    const sent = h.upstream.find((c) => c.url === `${XENIOO_URL}/sso/authorize`)!;
    expect(JSON.parse(sent.body!)).to.deep.equal({
      AccountAPIKey: XENIOO_ACCOUNT_API_KEY,
      BotAPIKey: listing.botApiKey,
      BotAPISecret: listing.botApiSecret,
      Email: USERS.agent.email,
      EnableEmbedding: true,
    });
    const page = await designer(`${data.home}/conversation`);
    expect(page).to.include(`signed in as ${USERS.agent.email}`);
    expect(page).to.include('Embedded: yes');
  });

  it('passes the older API version (unwrapped answer) on in the same shape', async () => {
    const reply = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'lead-qualifier'), { token: await accessToken(), body: {} });
    expect(reply.status).to.equal(200);
    expect(reply.body.data).to.include({ bot: 'lead-qualifier', embedding: false, expires_in: 3600 });
    expect(await designer(reply.body.data.home)).to.include('Chatbot Lead Qualifier — signed in as agent@example.com');
  });

  it('checks the body: only an optional boolean embedding', async () => {
    const token = await accessToken();
    const notBoolean = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: { embedding: 'yes' } });
    expect(notBoolean.status).to.equal(400);
    expect(notBoolean.body).to.deep.equal({ http: 400, code: 'Validation', message: 'embedding: must be true or false' });
    expect((await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: '{"embedding":' })).status).to.equal(400);
    expect((await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: '[true]' })).status).to.equal(400);
    expect((await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: 'x'.repeat(17_000) })).status).to.equal(413);
    expect((await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token })).status).to.equal(200);
  });

  it('maps Xenioo 404 and older 403 to 404 ChatbotNotFound, and a team member not found to 403 ChatbotNoAccess', async () => {
    const agent = await accessToken('agent');
    const morgan = await accessToken('mfaAgent');
    const expected = { http: 404, code: 'ChatbotNotFound', message: 'This chatbot was not found. Ask your administrator.' };
    // Unknown to the broker; no SSO package (403, older API); Morgan not on Lead Qualifier's team (403).
    expect((await h.call('POST', tokenPath(CHILD_BRAND_ID, 'no-such-bot'), { token: agent, body: {} })).body).to.deep.equal(expected);
    expect((await h.call('POST', tokenPath(CHILD_BRAND_ID, 'open-house-concierge'), { token: agent, body: {} })).body).to.deep.equal(expected);
    const notOnTeam = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'lead-qualifier'), { token: morgan, body: {} });
    expect(notOnTeam.status).to.equal(403);
    expect(notOnTeam.body).to.deep.equal({ http: 403, code: 'ChatbotNoAccess', message: "You do not have access to this chatbot. Ask your brokerage's admin to add you to its team." });
    // A bot of another brand is not this brand's, even when the caller could use it there.
    expect((await h.call('POST', tokenPath(PARENT_BRAND_ID, 'lead-qualifier'), { token: await accessToken('admin'), body: {} })).body).to.deep.equal(expected);
    expect(h.logs.filter((line) => line.startsWith('warn: xenioo: refused'))).to.deep.equal([
      `warn: xenioo: refused bot "open-house-concierge" for brand ${CHILD_BRAND_ID}: HTTP 403 (not-found)`,
      `warn: xenioo: refused bot "lead-qualifier" for brand ${CHILD_BRAND_ID}: HTTP 403 (no-access)`,
    ]);
  });

  it("maps Xenioo 400 to 502 ChatbotIncomplete (the broker's configuration is at fault)", async () => {
    h.sim.faults.inject({ kind: 'body', status: 400, body: { Message: 'BotAPIKey is required' }, match: '/xenioo/' });
    const reply = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token: await accessToken(), body: {} });
    expect(reply.status).to.equal(502);
    expect(reply.body).to.deep.equal({
      http: 502,
      code: 'ChatbotIncomplete',
      message: 'The chatbot request was incomplete. Ask your administrator to check the chatbot settings.',
    });
  });

  it('answers 502 ChatbotUnavailable when Xenioo fails or is offline', async () => {
    const token = await accessToken();
    h.sim.faults.inject({ kind: 'status', status: 500, match: '/xenioo/' });
    const failed = await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: {} });
    expect(failed.status).to.equal(502);
    expect(failed.body.code).to.equal('ChatbotUnavailable');
    h.sim.faults.inject({ kind: 'offline', match: '/xenioo/' });
    expect((await h.call('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), { token, body: {} })).body.code).to.equal('ChatbotUnavailable');
    // Each failure was tried once: a token request is never replayed.
    expect(h.log().filter((line) => line === 'POST /xenioo/sso/authorize')).to.have.length(2);
  });
});

describe('broker: POST /oauth2/token', () => {
  beforeEach(() => {
    // As a real Rechat: the client secret is required, so a grant only works through the broker.
    return h.sim.fetch('https://rechat.sim.test/api/__sim/config', { method: 'POST', body: JSON.stringify({ requireClientSecret: true }) });
  });

  it('forwards the password grant with the client secret added, and passes the answer back', async () => {
    const reply = await h.call('POST', '/oauth2/token', {
      body: { grant_type: 'password', client_id: CLIENT_ID, username: USERS.agent.email, password: DEMO_PASSWORD, scope: 'x', client_secret: 'mine' },
    });
    expect(reply.status).to.equal(200);
    expect(reply.body).to.include({ token_type: 'Bearer', expires_in: 3600, code: 'OK' });
    expect(reply.body.data.email).to.equal(USERS.agent.email);
    expect(reply.headers.get('cache-control')).to.equal('no-store');
    const [sent] = h.upstream;
    expect(sent!.url).to.equal('https://rechat.sim.test/api/oauth2/token');
    expect(JSON.parse(sent!.body!)).to.deep.equal({
      grant_type: 'password',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      username: USERS.agent.email,
      password: DEMO_PASSWORD,
    });
    // The answer's token works against Rechat, and refreshes through the broker.
    const refreshed = await h.call('POST', '/oauth2/token', { body: { grant_type: 'refresh_token', refresh_token: reply.body.refresh_token } });
    expect(refreshed.status).to.equal(200);
    expect(JSON.parse(h.upstream[1]!.body!)).to.deep.equal({
      grant_type: 'refresh_token',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      refresh_token: reply.body.refresh_token,
    });
    // Used once: the rotated-out refresh token is refused by Rechat, and that refusal is passed on.
    const reused = await h.call('POST', '/oauth2/token', { body: { grant_type: 'refresh_token', refresh_token: reply.body.refresh_token } });
    expect(reused.status).to.equal(400);
    expect(reused.body).to.deep.equal({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
  });

  it("passes Rechat's refusals through, status and body", async () => {
    const reply = await h.call('POST', '/oauth2/token', { body: { grant_type: 'password', username: USERS.agent.email, password: 'wrong' } });
    expect(reply.status).to.equal(400);
    expect(reply.body).to.deep.equal({ error: 'invalid_grant', error_description: 'Invalid username or password' });
  });

  it('forwards only the password and refresh_token grants, and codes for allow-listed extension redirect URIs, for its own client', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ grant_type: 'client_credentials' }, 400, 'unsupported_grant_type'],
      [{ grant_type: 'authorization_code', code: 'x' }, 400, 'invalid_request'],
      // No `signIn.extensionRedirectUris` in this configuration: no redirect URI is allowed.
      [{ grant_type: 'authorization_code', code: 'x', redirect_uri: 'https://evil.example/', code_verifier: 'v'.repeat(43) }, 400, 'invalid_grant'],
      [{ username: 'a', password: 'b' }, 400, 'invalid_request'],
      [{ grant_type: 'password', username: USERS.agent.email }, 400, 'invalid_request'],
      [{ grant_type: 'refresh_token' }, 400, 'invalid_request'],
      [{ grant_type: 'password', client_id: 'someone-else', username: 'a', password: 'b' }, 401, 'invalid_client'],
      ['not json', 400, 'invalid_request'],
    ];
    for (const [body, status, error] of cases) {
      const reply = await h.call('POST', '/oauth2/token', { body });
      expect(reply.status, JSON.stringify(body)).to.equal(status);
      expect(reply.body.error, JSON.stringify(body)).to.equal(error);
    }
    expect(h.upstream).to.deep.equal([]);
  });

  it('answers 502 when Rechat is offline, without an OAuth error a client would sign out on', async () => {
    h.sim.faults.inject({ kind: 'offline', match: '/oauth2/token' });
    const reply = await h.call('POST', '/oauth2/token', { body: { grant_type: 'refresh_token', refresh_token: 'r' } });
    expect(reply.status).to.equal(502);
    expect(reply.body).to.deep.equal({ http: 502, code: 'UpstreamUnavailable', message: 'Rechat is not answering. Try again in a moment.' });
  });

  it('passes Retry-After on', async () => {
    h.sim.faults.inject({ kind: 'status', status: 429, retryAfter: 7, match: '/oauth2/token' });
    const reply = await h.call('POST', '/oauth2/token', { body: { grant_type: 'refresh_token', refresh_token: 'r' } });
    expect(reply.status).to.equal(429);
    expect(reply.headers.get('retry-after')).to.equal('7');
  });
});

describe('broker: CORS', () => {
  const preflight = (origin: string) =>
    h.call('OPTIONS', chatbots(CHILD_BRAND_ID), {
      origin,
      headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  it('allows the configured origins, and says so only to them', async () => {
    for (const origin of [INTRANET_ORIGIN, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop']) {
      const reply = await preflight(origin);
      expect(reply.status).to.equal(204);
      expect(reply.headers.get('access-control-allow-origin')).to.equal(origin);
      expect(reply.headers.get('access-control-allow-headers')).to.match(/Authorization/);
      expect(reply.headers.get('vary')).to.match(/Origin/);
      // Credentials for the broker-session cookie, with its CSRF header: to these origins only (no ACAO elsewhere).
      expect(reply.headers.get('access-control-allow-credentials')).to.equal('true');
      expect(reply.headers.get('access-control-allow-headers')).to.match(/x-sso-launcher/i);
    }
    const actual = await h.call('GET', chatbots(CHILD_BRAND_ID), { origin: INTRANET_ORIGIN, token: await accessToken() });
    expect(actual.headers.get('access-control-allow-origin')).to.equal(INTRANET_ORIGIN);
    // Errors too, or the page could not read why it failed.
    const refused = await h.call('GET', chatbots(CHILD_BRAND_ID), { origin: INTRANET_ORIGIN, token: 'forged' });
    expect(refused.headers.get('access-control-allow-origin')).to.equal(INTRANET_ORIGIN);
  });

  it('gives any other origin no Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://evil.example', 'https://intranet.example.evil.example', 'http://intranet.example', 'null', 'chrome-extension://otherextensionid']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin'), origin).to.equal(null);
      const reply = await h.call('GET', chatbots(CHILD_BRAND_ID), { origin, token: 'forged' });
      expect(reply.headers.get('access-control-allow-origin'), origin).to.equal(null);
    }
  });
});

describe('broker: secrets', () => {
  it('never returns or logs a secret, through every route, success or failure', async () => {
    const lines: unknown[][] = [];
    const original = { log: console.log, warn: console.warn, error: console.error, info: console.info };
    for (const level of ['log', 'warn', 'error', 'info'] as const) console[level] = (...args: unknown[]) => void lines.push(args);
    try {
      // The default logger is the console: capture it.
      const broker = createBroker(testBrokerConfig(), { fetch: h.fetch, clock: h.clock, basePath: '/broker' });
      const send = async (method: string, path: string, token?: string, body?: unknown) => {
        const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', origin: INTRANET_ORIGIN };
        const response = await broker.handle(
          withHeaders(new Request(BROKER_URL + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), headers),
        );
        h.replies.push({ status: response.status, headers: response.headers, text: await response.text(), body: undefined });
      };
      const token = await accessToken();
      await send('GET', chatbots(CHILD_BRAND_ID), token);
      for (const bot of ['listing-assistant', 'lead-qualifier', 'open-house-concierge', 'nope']) await send('POST', tokenPath(CHILD_BRAND_ID, bot), token, {});
      await send('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), 'forged', {});
      // An upstream that echoes a secret in its error message: the broker logs the message, blanked out.
      h.sim.faults.inject({ kind: 'body', status: 500, body: { message: `Invalid BotAPISecret ${listing.botApiSecret} for ${XENIOO_ACCOUNT_API_KEY}` }, match: '/xenioo/' });
      await send('POST', tokenPath(CHILD_BRAND_ID, 'listing-assistant'), token, {});
      h.sim.faults.inject({ kind: 'body', status: 400, body: { error: 'invalid_client', error_description: `bad secret ${CLIENT_SECRET}` }, match: '/oauth2/token' });
      await send('POST', '/oauth2/token', undefined, { grant_type: 'password', username: 'a', password: 'b' });
      h.sim.faults.inject({ kind: 'offline', match: '/oauth2/token' });
      await send('POST', '/oauth2/token', undefined, { grant_type: 'refresh_token', refresh_token: 'r' });
      await send('GET', '/nope');
      await send('OPTIONS', chatbots(CHILD_BRAND_ID));
    } finally {
      Object.assign(console, original);
    }
    const logged = JSON.stringify(lines);
    expect(lines.length).to.be.greaterThan(10);
    expect(logged).to.include('[broker] POST /broker/brands/');
    expect(logged).to.include('[redacted]'); // the upstream's message was logged, with the secret blanked out
    for (const secret of TEST_SECRETS) expect(logged).not.to.include(secret);
    const answered = h.replies.map((r) => r.text).join('\n');
    expect(answered).to.include('[redacted]'); // Rechat's body passed through, blanked
    for (const secret of TEST_SECRETS) expect(answered).not.to.include(secret);
  });

  it('lists every configured secret, and redacts each', () => {
    expect(configSecrets(testBrokerConfig()).sort()).to.deep.equal([...TEST_SECRETS].sort());
    expect(redact(`a ${CLIENT_SECRET} b ${CLIENT_SECRET}`, TEST_SECRETS)).to.equal('a [redacted] b [redacted]');
  });
});

describe('broker: configuration', () => {
  it('accepts the test configuration and drops unknown keys', () => {
    const config = parseBrokerConfig({ ...testBrokerConfig(), extra: true }) as BrokerConfig & { extra?: unknown };
    expect(config.extra).to.equal(undefined);
    expect(config.rechat.clientId).to.equal(CLIENT_ID);
  });

  it('names every problem by its path, never by its value', () => {
    const raw = testBrokerConfig() as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    raw.rechat.apiBase = 'javascript:alert(1)';
    raw.rechat.clientSecret = 42;
    raw.allowedOrigins = ['https://intranet.example/', 'https://ok.example'];
    raw.brands[CHILD_BRAND_ID].chatbots[0].sections = [{ id: 'logout', label: 'Sign out' }];
    raw.brands[PARENT_BRAND_ID].chatbots[0].botApiSecret = '';
    let error: unknown;
    try {
      createBroker(raw);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(BrokerConfigError);
    expect((error as BrokerConfigError).problems).to.deep.equal([
      'rechat.apiBase: must be an absolute http(s) URL',
      'rechat.clientSecret: expected string',
      'allowedOrigins[0]: must be an origin such as "https://intranet.example.com", without a path or a trailing slash',
      `brands.${CHILD_BRAND_ID}.chatbots[0].sections[0].id: must be a section path such as "conversation"`,
      `brands.${PARENT_BRAND_ID}.chatbots[0].botApiSecret: required, a non-empty string`,
    ]);
    // The duplicate id is reported once the shapes are right.
    const dup = testBrokerConfig();
    dup.brands[CHILD_BRAND_ID]!.chatbots![1]!.id = 'listing-assistant';
    expect(() => parseBrokerConfig(dup)).to.throw(BrokerConfigError, `brands.${CHILD_BRAND_ID}.chatbots[1].id: "listing-assistant" is listed twice for this brand`);
    const message = (error as Error).message;
    expect(message).to.match(/^Invalid broker configuration from the configuration:\n {2}- /);
    for (const secret of TEST_SECRETS) expect(message).not.to.include(secret);
  });

  it('requires the Xenioo settings when a brand has chatbots', () => {
    const config: Partial<BrokerConfig> = testBrokerConfig();
    delete config.xenioo;
    expect(() => parseBrokerConfig(config)).to.throw(BrokerConfigError, 'xenioo: required when a brand has chatbots');
    expect(() => parseBrokerConfig({ ...config, brands: {} })).not.to.throw();
  });

  it('reads the environment, naming variables in its errors', () => {
    const env = {
      RECHAT_API_BASE: 'https://api.rechat.example',
      RECHAT_CLIENT_ID: CLIENT_ID,
      RECHAT_CLIENT_SECRET: CLIENT_SECRET,
      BROKER_ALLOWED_ORIGINS: `${INTRANET_ORIGIN}, https://other.example`,
      XENIOO_SERVICE_ENDPOINT: 'https://api.xenioo.example',
      XENIOO_ACCOUNT_API_KEY: XENIOO_ACCOUNT_API_KEY,
      BROKER_BRANDS: JSON.stringify(testBrokerConfig().brands),
    };
    const config = configFromEnv(env);
    expect(config.allowedOrigins).to.deep.equal([INTRANET_ORIGIN, 'https://other.example']);
    expect(config.brands[CHILD_BRAND_ID]!.chatbots!.map((b) => b.id)).to.deep.equal(['listing-assistant', 'lead-qualifier', 'open-house-concierge']);
    expect(() => configFromEnv({ ...env, RECHAT_CLIENT_SECRET: undefined })).to.throw(BrokerConfigError, 'RECHAT_CLIENT_SECRET: required');
    expect(() => configFromEnv({ ...env, BROKER_BRANDS: `{"x": "${leads.botApiSecret}"` })).to.throw(BrokerConfigError, 'BROKER_BRANDS: not valid JSON');
    try {
      configFromEnv({ ...env, BROKER_BRANDS: `{"x": "${leads.botApiSecret}"` });
    } catch (error) {
      expect((error as Error).message).not.to.include(leads.botApiSecret);
    }
    expect(() => configFromEnv({ ...env, XENIOO_ACCOUNT_API_KEY: undefined })).to.throw(BrokerConfigError, 'XENIOO_ACCOUNT_API_KEY');
  });
});

describe('broker: mounting and modules', () => {
  it('answers only under its base path, and 404 elsewhere in JSON', async () => {
    const health = await h.call('GET', '/health');
    expect(health.body).to.deep.equal({ code: 'OK' });
    const missing = await h.call('GET', '/nope');
    expect(missing.status).to.equal(404);
    expect(missing.body).to.deep.equal({ http: 404, code: 'ResourceNotFound', message: 'No route for GET /broker/nope' });
    const outside = await h.broker.handle(new Request('https://broker.test/health'));
    expect(outside.status).to.equal(404);
  });

  it('takes more route modules, which share the caller check', async () => {
    const whoami: BrokerModule = (app, ctx) => {
      app.get('/admin/whoami', async (c) => json({ code: 'OK', data: (await ctx.caller(c)).user.email }));
      app.get('/admin/boom', () => {
        throw new Error('kaput');
      });
    };
    const logs: string[] = [];
    const broker = createBroker(testBrokerConfig(), {
      fetch: h.fetch,
      clock: h.clock,
      modules: [whoami],
      logger: { info: () => undefined, warn: () => undefined, error: (line) => logs.push(line) },
    });
    const token = await accessToken('admin');
    const me = await broker.handle(new Request('https://b.test/admin/whoami', { headers: { authorization: `Bearer ${token}` } }));
    expect(await me.json()).to.deep.equal({ code: 'OK', data: USERS.admin.email });
    expect((await broker.handle(new Request('https://b.test/admin/whoami'))).status).to.equal(401);
    const boom = await broker.handle(new Request('https://b.test/admin/boom'));
    expect(boom.status).to.equal(500);
    expect(await boom.json()).to.deep.equal({ http: 500, code: 'InternalError', message: 'The broker failed. Its log says why.' });
    expect(logs).to.deep.equal(['unexpected error: Error: kaput']);
  });
});
