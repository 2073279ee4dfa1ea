// Tests of the simulated Xenioo service, in Chromium, through the simulator's fetch.
// Run: npx wtr demo/simulator/xenioo.test.ts
import { expect } from '@open-wc/testing';
import { createSimulator, USERS, XENIOO_ACCOUNT_API_KEY, XENIOO_BOTS, type SeedXeniooBot, type Simulator } from './index.ts';

const ORIGIN = 'http://sim.test';
const BASE = `${ORIGIN}/api/xenioo`;
const T0 = Date.UTC(2026, 0, 23, 12, 0, 0);
const MINUTE = 60_000;

const [listing, leads, openHouse] = XENIOO_BOTS;

let now: number;
let sim: Simulator;

beforeEach(() => {
  now = T0;
  sim = createSimulator({ basePath: '/api', now: () => now });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function authorize(body: unknown): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await sim.fetch(`${BASE}/sso/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

function request(bot: SeedXeniooBot, email: string, extra: Record<string, unknown> = {}) {
  return { AccountAPIKey: XENIOO_ACCOUNT_API_KEY, BotAPIKey: bot.botApiKey, BotAPISecret: bot.botApiSecret, Email: email, ...extra };
}

async function page(url: string): Promise<{ status: number; html: string; headers: Headers; h1: string | undefined }> {
  const response = await sim.fetch(url);
  const html = await response.text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return { status: response.status, html, headers: response.headers, h1: doc.querySelector('h1')?.textContent ?? undefined };
}

describe('Xenioo simulator: POST /sso/authorize', () => {
  it('answers {Data: {Home, Token, Expires: 60}} from a bot on the current API', async () => {
    const reply = await authorize(request(listing, USERS.agent.email));
    expect(reply.status).to.equal(200);
    expect(reply.headers.get('content-type')).to.match(/^application\/json/);
    expect(Object.keys(reply.body)).to.deep.equal(['Data']);
    const { Home, Token, Expires } = reply.body.Data;
    expect(Expires).to.equal(60);
    expect(Token).to.match(/^[A-Za-z0-9_-]{24,}$/);
    expect(Home).to.equal(`${BASE}/auth/sso/${Token}`);
  });

  it('answers {Home, Token, Expires} without the Data wrapper from a bot on the older API', async () => {
    const reply = await authorize(request(leads, USERS.agent.email));
    expect(reply.status).to.equal(200);
    expect(Object.keys(reply.body).sort()).to.deep.equal(['Expires', 'Home', 'Token']);
    expect(reply.body.Expires).to.equal(60);
    expect(reply.body.Home).to.equal(`${BASE}/auth/sso/${reply.body.Token}`);
  });

  it('mints a new token per request', async () => {
    const a = await authorize(request(listing, USERS.agent.email));
    const b = await authorize(request(listing, USERS.agent.email));
    expect(a.body.Data.Token).not.to.equal(b.body.Data.Token);
  });

  it('answers 400 for an incomplete or malformed request', async () => {
    for (const field of ['AccountAPIKey', 'BotAPIKey', 'BotAPISecret', 'Email']) {
      const body: Record<string, unknown> = request(listing, USERS.agent.email);
      delete body[field];
      const reply = await authorize(body);
      expect(reply.status, field).to.equal(400);
      expect(reply.body.Message).to.equal(`${field} is required`);
    }
    expect((await authorize(request(listing, 'not-an-email'))).status).to.equal(400);
    expect((await authorize(request(listing, USERS.agent.email, { EnableEmbedding: 'yes' }))).status).to.equal(400);
    expect((await authorize('{"AccountAPIKey":')).status).to.equal(400);
    expect((await authorize('[]')).status).to.equal(400);
  });

  it('answers 404 for an unknown account, bot or secret, and for someone not on the team', async () => {
    expect((await authorize(request(listing, USERS.agent.email, { AccountAPIKey: 'xen-acct-wrong' }))).status).to.equal(404);
    expect((await authorize(request(listing, USERS.agent.email, { BotAPIKey: 'xen-bot-unknown' }))).status).to.equal(404);
    const wrongSecret = await authorize(request(listing, USERS.agent.email, { BotAPISecret: 'guess' }));
    expect(wrongSecret.status).to.equal(404);
    // A wrong secret reads exactly like an unknown bot.
    expect(wrongSecret.body).to.deep.equal((await authorize(request(listing, USERS.agent.email, { BotAPIKey: 'nope' }))).body);
    const stranger = await authorize(request(listing, 'stranger@example.com'));
    expect(stranger.status).to.equal(404);
    expect(stranger.body.Message).to.equal('Team member not found');
  });

  it('answers 403 instead of 404 from bots on the older API', async () => {
    // Morgan is not on Lead Qualifier's team.
    const notOnTeam = await authorize(request(leads, USERS.mfaAgent.email));
    expect(notOnTeam.status).to.equal(403);
    expect(notOnTeam.body.Message).to.equal('Team member not found');
    expect((await authorize(request(leads, USERS.agent.email, { BotAPISecret: 'guess' }))).status).to.equal(403);
  });

  it('refuses a bot without the SSO Login package (403, older API)', async () => {
    const reply = await authorize(request(openHouse, USERS.agent.email));
    expect(reply.status).to.equal(403);
    expect(reply.body.Message).to.match(/SSO Login package/);
  });

  it('matches the team member case-insensitively', async () => {
    const reply = await authorize(request(listing, 'AGENT@EXAMPLE.COM'));
    expect(reply.status).to.equal(200);
    expect((await page(reply.body.Data.Home)).h1).to.equal(`Chatbot Listing Assistant — signed in as ${USERS.agent.email}`);
  });

  it('never echoes a key or a secret in an error', async () => {
    for (const body of [
      request(listing, USERS.agent.email, { BotAPISecret: 'guess' }),
      request(openHouse, USERS.agent.email),
      request(leads, USERS.mfaAgent.email),
      request(listing, 'x'),
    ]) {
      const text = JSON.stringify((await authorize(body)).body);
      for (const secret of [XENIOO_ACCOUNT_API_KEY, listing.botApiSecret, openHouse.botApiSecret, leads.botApiSecret, listing.botApiKey]) {
        expect(text).not.to.include(secret);
      }
    }
  });

  it('logs its requests and takes faults like every simulator route', async () => {
    sim.faults.inject({ kind: 'status', status: 503, match: '/xenioo/' });
    expect((await authorize(request(listing, USERS.agent.email))).status).to.equal(503);
    expect((await authorize(request(listing, USERS.agent.email))).status).to.equal(200);
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /xenioo/sso/authorize', 'POST /xenioo/sso/authorize']);
  });
});

describe('Xenioo simulator: designer pages', () => {
  async function home(bot: SeedXeniooBot = listing, email: string = USERS.agent.email, embedding?: boolean): Promise<string> {
    const reply = await authorize(request(bot, email, embedding === undefined ? {} : { EnableEmbedding: embedding }));
    expect(reply.status).to.equal(200);
    return (reply.body.Data ?? reply.body).Home;
  }

  it('signs the user in: which bot, which user, not embedded, with the Xenioo header', async () => {
    const reply = await page(await home());
    expect(reply.status).to.equal(200);
    expect(reply.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(reply.h1).to.equal(`Chatbot Listing Assistant — signed in as ${USERS.agent.email}`);
    expect(reply.html).to.include('Embedded: no');
    expect(reply.html).to.include('class="xenioo-header"');
  });

  it('deep-links into a section', async () => {
    const url = await home(leads, USERS.admin.email);
    expect((await page(`${url}/conversation`)).h1).to.equal(`Chatbot Lead Qualifier — Conversations — signed in as ${USERS.admin.email}`);
    expect((await page(`${url}/contacts`)).h1).to.equal(`Chatbot Lead Qualifier — Contacts — signed in as ${USERS.admin.email}`);
  });

  it('hides the Xenioo header when embedding was asked for', async () => {
    const reply = await page(`${await home(listing, USERS.agent.email, true)}/conversation`);
    expect(reply.html).to.include('Embedded: yes');
    expect(reply.html).not.to.include('class="xenioo-header"');
  });

  it('may be framed by any page, and runs nothing', async () => {
    const reply = await page(await home(listing, USERS.agent.email, true));
    expect(reply.headers.get('x-frame-options')).to.equal(null);
    expect(reply.headers.get('content-security-policy')).to.equal("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *");
    expect(reply.headers.get('referrer-policy')).to.equal('no-referrer');
    expect(reply.html).not.to.include('<script');
  });

  it('answers an unknown section with a 404 page, escaped', async () => {
    const url = await home();
    const reply = await page(`${url}/%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    expect(reply.status).to.equal(404);
    expect(reply.html).not.to.include('<script>');
    expect(reply.h1).to.equal('Listing Assistant has no section "<script>alert(1)</script>"');
  });

  it('answers 401 once the token is 60 minutes old, and for a token it never minted', async () => {
    const url = await home();
    now += 60 * MINUTE - 1;
    expect((await page(url)).status).to.equal(200);
    now += 1;
    const expired = await page(`${url}/conversation`);
    expect(expired.status).to.equal(401);
    expect(expired.h1).to.equal('This Xenioo sign-in link is not valid or has expired');
    expect((await page(`${BASE}/auth/sso/not-a-token`)).status).to.equal(401);
  });

  it('signs out at Home/logout; the token stops working', async () => {
    const url = await home(leads);
    const reply = await page(`${url}/logout`);
    expect(reply.status).to.equal(200);
    expect(reply.h1).to.equal('Signed out of Lead Qualifier');
    expect((await page(url)).status).to.equal(401);
    // Signing out again, or after expiry, still signs out.
    now += 61 * MINUTE;
    expect((await page(`${url}/logout`)).status).to.equal(200);
    expect((await page(`${BASE}/auth/sso/unknown/logout`)).status).to.equal(401);
  });

  it('forgets its tokens on reset, and expires them with the access tokens', async () => {
    const first = await home();
    sim.expireAllAccessTokens();
    expect((await page(first)).status).to.equal(401);
    const second = await home();
    sim.reset();
    expect((await page(second)).status).to.equal(401);
  });
});
