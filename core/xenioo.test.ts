import { expect } from '@open-wc/testing';
import { ErrorCode, HttpError, NetworkError, SessionExpiredError, UpstreamError, ValidationError, isSsoError } from './errors.ts';
import { Session } from './session.ts';
import { memoryStore } from './storage.ts';
import {
  ChatbotClient,
  XeniooMessage,
  createXeniooClient,
  isXeniooSection,
  processXeniooAuthorizeResponse,
  xeniooAuthorizeBody,
  xeniooHomeUrl,
  xeniooLogoutUrl,
  xeniooSectionUrl,
  type ChatbotToken,
} from './xenioo.ts';
import { rejection } from '../test/helpers/assert.ts';
import { BROKER_URL, RECHAT_URL, TEST_SECRETS, XENIOO_URL, brokerHarness, type BrokerHarness } from '../test/helpers/broker.ts';
import { fakeClock } from '../test/helpers/clock.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, MFA_SECRET, PARENT_BRAND_ID, USERS, recordingFetch, totp, type SentCall } from '../test/helpers/core.ts';
import { fetchStub, jsonResponse } from '../test/helpers/fetch-stub.ts';
import { XENIOO_ACCOUNT_API_KEY, XENIOO_BOTS, createSimulator, type Simulator } from '../demo/simulator/index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const [listing, leads, openHouse] = XENIOO_BOTS;
const AUTHORIZE = 'POST /xenioo/sso/authorize';

describe('Xenioo URLs', () => {
  const home = 'https://designer.xenioo.example/auth/sso/tok123';

  it('builds Home, Home/<section> and Home/logout', () => {
    expect(xeniooHomeUrl(home)).to.equal(home);
    expect(xeniooSectionUrl(home, 'conversation')).to.equal(`${home}/conversation`);
    expect(xeniooSectionUrl(`${home}/`, 'settings/channels')).to.equal(`${home}/settings/channels`);
    expect(xeniooLogoutUrl(home)).to.equal(`${home}/logout`);
    expect(xeniooLogoutUrl(`${home}//`)).to.equal(`${home}/logout`);
  });

  it('keeps a query string where it belongs', () => {
    expect(xeniooSectionUrl('https://x.example/auth/sso/t?lang=en', 'conversation')).to.equal('https://x.example/auth/sso/t/conversation?lang=en');
  });

  it('refuses a Home that is not http(s)', () => {
    for (const bad of ['javascript:alert(1)//auth/sso/t', 'data:text/html,x', '/auth/sso/t', '']) {
      expect(() => xeniooHomeUrl(bad), bad).to.throw(TypeError, '"home" must be an http(s) URL');
      expect(() => xeniooSectionUrl(bad, 'conversation'), bad).to.throw(TypeError);
      expect(() => xeniooLogoutUrl(bad), bad).to.throw(TypeError);
    }
  });

  it('refuses sections that would leave the bot or sign out', () => {
    for (const bad of ['', 'logout', 'LOGOUT', '../x', '/conversation', 'a b', 'conversation?x=1', 'x#y', 'a//b', '%2e%2e']) {
      expect(isXeniooSection(bad), bad).to.equal(false);
      expect(() => xeniooSectionUrl(home, bad), bad).to.throw(TypeError, '"section" must be a section path');
    }
    expect(isXeniooSection('conversation')).to.equal(true);
    expect(isXeniooSection('settings/channels')).to.equal(true);
  });
});

describe('createXeniooClient (server side)', () => {
  let sim: Simulator;
  let calls: SentCall[];
  const clock = fakeClock();

  beforeEach(() => {
    sim = createSimulator({ basePath: '/api', now: clock.now });
    calls = [];
  });

  const client = (fetch = recordingFetch(sim.fetch, calls)) =>
    createXeniooClient({ serviceEndpoint: XENIOO_URL, accountApiKey: XENIOO_ACCOUNT_API_KEY, fetch, clock });
  const credentials = (bot: (typeof XENIOO_BOTS)[number]) => ({ botApiKey: bot.botApiKey, botApiSecret: bot.botApiSecret });

  it('gets a token from the current API ({Data: {...}}), Expires in minutes', async () => {
    const sso = await client().authorize({ ...credentials(listing), email: USERS.agent.email });
    expect(sso.token).to.match(/^[\w-]{24,}$/);
    expect(sso.home).to.equal(`${XENIOO_URL}/auth/sso/${sso.token}`);
    expect(sso.expiresIn).to.equal(3600);
    expect(sso.expiresAt).to.equal(clock.now() + HOUR);
    const [call] = calls;
    expect(call!.method).to.equal('POST');
    expect(call!.url).to.equal(`${XENIOO_URL}/sso/authorize`);
    expect(JSON.parse(call!.body!)).to.deep.equal({
      AccountAPIKey: XENIOO_ACCOUNT_API_KEY,
      BotAPIKey: listing.botApiKey,
      BotAPISecret: listing.botApiSecret,
      Email: USERS.agent.email,
    });
  });

  it('gets a token from the older API (no Data wrapper) the same way', async () => {
    const sso = await client().authorize({ ...credentials(leads), email: USERS.agent.email });
    expect(sso.home).to.equal(`${XENIOO_URL}/auth/sso/${sso.token}`);
    expect(sso.expiresIn).to.equal(3600);
  });

  it('sends EnableEmbedding only when asked for', async () => {
    await client().authorize({ ...credentials(listing), email: USERS.agent.email, embedding: true });
    await client().authorize({ ...credentials(listing), email: USERS.agent.email, embedding: false });
    expect(JSON.parse(calls[0]!.body!).EnableEmbedding).to.equal(true);
    expect(JSON.parse(calls[1]!.body!)).not.to.have.property('EnableEmbedding');
  });

  it('maps 404, and 403 from older versions, to "no access" for a team member not found, else "not found"', async () => {
    const notOnTeam = await rejection(client().authorize({ ...credentials(listing), email: 'stranger@example.com' }));
    expect(notOnTeam).to.be.instanceOf(UpstreamError);
    expect(notOnTeam).to.include({ message: XeniooMessage.NoAccess, status: 404, service: 'xenioo', detail: 'no-access', code: ErrorCode.Upstream });
    const legacy = await rejection(client().authorize({ ...credentials(leads), email: USERS.mfaAgent.email }));
    expect(legacy).to.include({ message: "You do not have access to this chatbot. Ask your brokerage's admin to add you to its team.", status: 403, detail: 'no-access' });
    const noPackage = await rejection(client().authorize({ ...credentials(openHouse), email: USERS.agent.email }));
    expect(noPackage).to.include({ message: XeniooMessage.NotFound, status: 403 });
    const wrongSecret = await rejection(client().authorize({ botApiKey: listing.botApiKey, botApiSecret: 'guess', email: USERS.agent.email }));
    expect(wrongSecret).to.include({ status: 404, detail: 'not-found' });
  });

  it('maps 400 to "The chatbot request was incomplete"', async () => {
    const stub = fetchStub(jsonResponse({ Message: 'Email is required' }, 400));
    const error = await rejection(client(stub.fetch).authorize({ ...credentials(listing), email: USERS.agent.email }));
    expect(error).to.be.instanceOf(UpstreamError);
    expect(error).to.include({
      message: 'The chatbot request was incomplete. Ask your administrator to check the chatbot settings.',
      status: 400,
      detail: 'incomplete',
    });
  });

  it('leaves 5xx and network failures as they are, and never retries the POST', async () => {
    const stub = fetchStub(jsonResponse({ Message: 'boom' }, 503), new TypeError('Failed to fetch'));
    const server = await rejection(client(stub.fetch).authorize({ ...credentials(listing), email: USERS.agent.email }));
    expect(server).to.be.instanceOf(HttpError);
    expect((server as HttpError).status).to.equal(503);
    expect(await rejection(client(stub.fetch).authorize({ ...credentials(listing), email: USERS.agent.email }))).to.be.instanceOf(NetworkError);
    expect(stub.calls).to.have.length(2);
  });

  it('refuses an answer whose Home is not http(s), or that lacks a field', async () => {
    const stub = fetchStub(
      jsonResponse({ Data: { Home: 'javascript:alert(1)', Token: 't', Expires: 60 } }),
      jsonResponse({ Home: 'https://x.example/auth/sso/t', Expires: 60 }),
      jsonResponse({ Data: { Home: 'https://x.example/auth/sso/t', Token: 't', Expires: 'soon' } }),
    );
    const badHome = await rejection(client(stub.fetch).authorize({ ...credentials(listing), email: USERS.agent.email }));
    expect(badHome).to.be.instanceOf(ValidationError);
    expect((badHome as ValidationError).issues[0]).to.deep.equal({ path: 'Data.Home', message: 'must be an http(s) URL' });
    expect(await rejection(client(stub.fetch).authorize({ ...credentials(listing), email: USERS.agent.email }))).to.be.instanceOf(ValidationError);
    expect(await rejection(client(stub.fetch).authorize({ ...credentials(listing), email: USERS.agent.email }))).to.be.instanceOf(ValidationError);
  });

  it('refuses a lifetime that rounds to 0 s or overflows (found by fuzzing), and keeps sane ones', () => {
    const home = 'https://x.example/auth/sso/t';
    for (const Expires of [5e-324, 0.001, 1e308, 1e7]) {
      expect(() => processXeniooAuthorizeResponse({ Data: { Home: home, Token: 't', Expires } }, 0), String(Expires)).to.throw(ValidationError);
      expect(() => processXeniooAuthorizeResponse({ Home: home, Token: 't', Expires }, 0), String(Expires)).to.throw(ValidationError);
    }
    expect(processXeniooAuthorizeResponse({ Data: { Home: home, Token: 't', Expires: 60 } }, 1000)).to.deep.equal({ home, token: 't', expiresIn: 3600, expiresAt: 3_601_000 });
    expect(processXeniooAuthorizeResponse({ Home: home, Token: 't', Expires: 0.5 }, 0).expiresIn).to.equal(30);
  });

  it('names a bad argument, and never puts a key or a secret in an error message', async () => {
    expect(() => xeniooAuthorizeBody(XENIOO_ACCOUNT_API_KEY, { ...credentials(listing), email: ' ' })).to.throw(TypeError, '"email" must be a non-empty string');
    expect(() => xeniooAuthorizeBody('', { ...credentials(listing), email: 'a@b.c' })).to.throw(TypeError, '"accountApiKey"');
    expect(() => createXeniooClient({ serviceEndpoint: 'ftp://x', accountApiKey: 'k' })).to.throw(TypeError);
    const errors = [
      await rejection(client().authorize({ botApiKey: listing.botApiKey, botApiSecret: 'guess', email: USERS.agent.email })),
      await rejection(client().authorize({ ...credentials(openHouse), email: USERS.agent.email })),
      await rejection(client(fetchStub(jsonResponse({ Message: `bad secret ${listing.botApiSecret}` }, 500)).fetch).authorize({ ...credentials(listing), email: USERS.agent.email })),
    ];
    for (const error of errors) {
      const text = `${(error as Error).message} ${JSON.stringify(error)}`;
      expect(text).not.to.include(XENIOO_ACCOUNT_API_KEY);
      expect(text).not.to.include(listing.botApiKey);
      expect(text).not.to.include(openHouse.botApiSecret);
    }
  });
});

describe('ChatbotClient (through the broker)', () => {
  let h: BrokerHarness;
  let session: Session;
  let bots: ChatbotClient;

  async function signIn(user: keyof typeof USERS = 'agent'): Promise<void> {
    await session.signIn(USERS[user].email, DEMO_PASSWORD);
    if (session.state.status === 'mfa-required') await session.validateMfa(totp(MFA_SECRET, h.clock.now()));
  }

  const count = (entry: string) => h.log().filter((line) => line === entry).length;

  beforeEach(async () => {
    h = brokerHarness();
    session = new Session({ apiBase: RECHAT_URL, clientId: CLIENT_ID, store: memoryStore(), fetch: h.fetch, clock: h.clock });
    bots = new ChatbotClient({ broker: BROKER_URL, brand: CHILD_BRAND_ID, session, clock: h.clock });
    await signIn('agent');
  });

  it("lists the brand's chatbots with their sections, and nothing secret", async () => {
    const list = await bots.listChatbots();
    expect(list).to.deep.equal([
      { id: 'listing-assistant', name: 'Listing Assistant', sections: [{ id: 'conversation', label: 'Conversations' }, { id: 'contacts', label: 'Contacts' }] },
      { id: 'lead-qualifier', name: 'Lead Qualifier', sections: [{ id: 'conversation', label: 'Conversations' }] },
      { id: 'open-house-concierge', name: 'Open House Concierge', sections: [{ id: 'conversation', label: 'Conversations' }] },
    ]);
  });

  it('asks the broker, with the bearer token, and never Xenioo', async () => {
    const calls: SentCall[] = [];
    const spy = new Session({ apiBase: RECHAT_URL, clientId: CLIENT_ID, store: memoryStore(), fetch: recordingFetch(h.fetch, calls), clock: h.clock });
    await spy.signIn(USERS.agent.email, DEMO_PASSWORD);
    const client = new ChatbotClient({ broker: BROKER_URL, brand: CHILD_BRAND_ID, session: spy, clock: h.clock });
    await client.getToken('listing-assistant');
    const call = calls.at(-1)!;
    expect(call.url).to.equal(`${BROKER_URL}/brands/${CHILD_BRAND_ID}/chatbots/listing-assistant/token`);
    expect(call.headers.authorization).to.match(/^Bearer \S+$/);
    expect(JSON.parse(call.body!)).to.deep.equal({ embedding: false });
    expect(calls.every((c) => !c.url.includes('/xenioo/'))).to.equal(true);
  });

  it('gets a token whose links open the bot signed in as the agent', async () => {
    const token = await bots.getToken('listing-assistant', true);
    expect(token.botId).to.equal('listing-assistant');
    expect(token.embedding).to.equal(true);
    expect(token.expiresAt).to.equal(h.clock.now() + HOUR);
    expect(bots.homeUrl(token)).to.equal(token.home);
    const page = await h.sim.fetch(bots.sectionUrl(token, 'conversation'));
    const html = await page.text();
    expect(html).to.include(`Chatbot Listing Assistant — Conversations — signed in as ${USERS.agent.email}`);
    expect(html).to.include('Embedded: yes');
    expect(bots.logoutUrl(token)).to.equal(`${token.home}/logout`);
  });

  it('caches the token: a second call within the hour makes no request, and cachedToken answers at once', async () => {
    expect(bots.cachedToken('listing-assistant')).to.equal(undefined);
    const first = await bots.getToken('listing-assistant');
    const requests = h.log().length;
    h.clock.advance(58 * MINUTE);
    expect(await bots.getToken('listing-assistant')).to.equal(first);
    expect(bots.cachedToken('listing-assistant')).to.equal(first);
    expect(h.log().length).to.equal(requests);
    expect(count(AUTHORIZE)).to.equal(1);
  });

  it('fetches a new token from a minute before expiry', async () => {
    const first = await bots.getToken('listing-assistant');
    h.clock.set(first.expiresAt - MINUTE - 1);
    expect(bots.cachedToken('listing-assistant')).to.equal(first);
    h.clock.set(first.expiresAt - MINUTE);
    expect(bots.cachedToken('listing-assistant')).to.equal(undefined);
    const second = await bots.getToken('listing-assistant');
    expect(second.token).not.to.equal(first.token);
    expect(count(AUTHORIZE)).to.equal(2);
  });

  it('keeps one token per bot, per embedding flag and per user', async () => {
    const plain = await bots.getToken('listing-assistant', false);
    const embedded = await bots.getToken('listing-assistant', true);
    const other = await bots.getToken('lead-qualifier');
    expect(new Set([plain.token, embedded.token, other.token]).size).to.equal(3);
    expect(bots.cachedToken('listing-assistant', true)).to.equal(embedded);
    expect(count(AUTHORIZE)).to.equal(3);

    await session.signOut();
    await signIn('admin');
    expect(bots.cachedToken('listing-assistant', false)).to.equal(undefined);
    const admins = await bots.getToken('listing-assistant', false);
    expect(admins.token).not.to.equal(plain.token);
    expect(await (await h.sim.fetch(admins.home)).text()).to.include(`signed in as ${USERS.admin.email}`);
  });

  it('shares one request between concurrent calls for the same bot', async () => {
    const [a, b] = await Promise.all([bots.getToken('lead-qualifier'), bots.getToken('lead-qualifier')]);
    expect(a).to.equal(b);
    expect(count(AUTHORIZE)).to.equal(1);
  });

  it('lists the bots it handed tokens for, with their logout URLs, until clear()', async () => {
    const a = await bots.getToken('listing-assistant');
    const b = await bots.getToken('lead-qualifier', true);
    expect(bots.openedBots()).to.deep.equal([
      { botId: 'listing-assistant', embedding: false, logoutUrl: `${a.home}/logout` },
      { botId: 'lead-qualifier', embedding: true, logoutUrl: `${b.home}/logout` },
    ]);
    // An expired token's designer session may outlive it: its logout URL is kept.
    h.clock.advance(2 * HOUR);
    const c = await bots.getToken('listing-assistant');
    expect(bots.logoutUrls()).to.deep.equal([`${a.home}/logout`, `${b.home}/logout`, `${c.home}/logout`]);
    const signedOut = await (await h.sim.fetch(bots.logoutUrls()[1]!)).text();
    expect(signedOut).to.include('Signed out of Lead Qualifier');

    bots.clear();
    expect(bots.openedBots()).to.deep.equal([]);
    expect(bots.logoutUrls()).to.deep.equal([]);
    expect(bots.cachedToken('listing-assistant')).to.equal(undefined);
  });

  it('does not hand out a token that arrives after clear()', async () => {
    const pending = bots.getToken('listing-assistant');
    bots.clear();
    const error = await rejection(pending);
    expect(error).to.be.instanceOf(SessionExpiredError);
    expect(bots.cachedToken('listing-assistant')).to.equal(undefined);
    expect(bots.openedBots()).to.deep.equal([]);
  });

  it('turns Xenioo refusals into plain messages', async () => {
    await session.signOut();
    await signIn('mfaAgent'); // not on Lead Qualifier's team
    const notOnTeam = await rejection(bots.getToken('lead-qualifier'));
    expect(isSsoError(notOnTeam, ErrorCode.Upstream)).to.equal(true);
    expect(notOnTeam).to.include({ message: XeniooMessage.NoAccess, service: 'xenioo', detail: 'no-access', status: 403 });
    expect(await rejection(bots.getToken('open-house-concierge'))).to.include({ message: XeniooMessage.NotFound });
    expect(await rejection(bots.getToken('no-such-bot'))).to.include({ message: XeniooMessage.NotFound, status: 404 });

    h.sim.faults.inject({ kind: 'body', status: 400, body: { Message: 'incomplete' }, match: '/xenioo/' });
    expect(await rejection(bots.getToken('listing-assistant'))).to.include({ message: XeniooMessage.Incomplete, detail: 'incomplete' });
    h.sim.faults.inject({ kind: 'status', status: 500, match: '/xenioo/' });
    expect(await rejection(bots.getToken('listing-assistant'))).to.include({ message: XeniooMessage.Unavailable, detail: 'unavailable' });
    // Nothing was cached from a failure.
    expect(bots.openedBots()).to.deep.equal([]);
  });

  it("refuses a brand the agent is not a member of (the broker's 403)", async () => {
    const office = new ChatbotClient({ broker: BROKER_URL, brand: PARENT_BRAND_ID, session, clock: h.clock });
    const error = await rejection(office.listChatbots());
    expect(error).to.be.instanceOf(HttpError);
    expect((error as HttpError).status).to.equal(403);
  });

  it('survives an expired Rechat access token: the session refreshes after the broker says 401', async () => {
    h.sim.expireAllAccessTokens();
    expect((await bots.listChatbots()).map((bot) => bot.id)).to.include('listing-assistant');
    expect(count('POST /oauth2/token')).to.equal(2); // the sign-in, then one refresh
    expect(session.state.status).to.equal('signed-in');
  });

  it('never sees a secret', async () => {
    const calls: SentCall[] = [];
    const spy = new Session({ apiBase: RECHAT_URL, clientId: CLIENT_ID, store: memoryStore(), fetch: recordingFetch(h.fetch, calls), clock: h.clock });
    await spy.signIn(USERS.agent.email, DEMO_PASSWORD);
    const client = new ChatbotClient({ broker: BROKER_URL, brand: CHILD_BRAND_ID, session: spy, clock: h.clock });
    const seen: unknown[] = [await client.listChatbots()];
    for (const bot of ['listing-assistant', 'lead-qualifier', 'open-house-concierge', 'nope']) {
      seen.push(await client.getToken(bot).catch((error: Error) => ({ name: error.name, message: error.message })));
    }
    const text = JSON.stringify(seen);
    for (const secret of TEST_SECRETS) expect(text).not.to.include(secret);
  });

  it('checks its options', () => {
    expect(() => new ChatbotClient({ broker: 'javascript:alert(1)', brand: CHILD_BRAND_ID, session })).to.throw(TypeError, '"broker" must be an http(s) URL');
    expect(() => new ChatbotClient({ broker: BROKER_URL, brand: '', session })).to.throw(TypeError, '"brand" must be a non-empty string');
    // A relative broker URL is resolved against the page.
    const relative = new ChatbotClient({ broker: '/broker', brand: CHILD_BRAND_ID, session });
    expect(relative).to.be.instanceOf(ChatbotClient);
    const token: ChatbotToken = { botId: 'b', embedding: false, home: 'javascript:alert(1)', token: 't', expiresAt: 0 };
    expect(() => bots.sectionUrl(token, 'conversation')).to.throw(TypeError);
  });
});
