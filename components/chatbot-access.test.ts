// Issue 14: an agent who is not on a chatbot's team is told so and whom to ask, and is no longer
// offered the bot; the embedding dialog's "Open in a new tab".
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, MFA_SECRET, USERS } from '../demo/simulator/index.ts';
import { NO_ACCESS_TTL_MS } from '../broker/chatbots.ts';
import { BROKER_URL, RECHAT_URL, brokerHarness, type BrokerHarness } from '../test/helpers/broker.ts';
import { totp } from '../test/helpers/core.ts';
import { en as m } from './messages.ts';
import './locales/en-more.ts'; // the whole English table
import { mockOpen } from '../test/helpers/window-open.ts';
import './sso-launcher.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';

async function signIn(h: BrokerHarness, user: 'agent' | 'mfaAgent'): Promise<LauncherClient> {
  const client = new LauncherClient({ apiBase: RECHAT_URL, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: h.fetch, clock: h.clock, store: memoryStore() });
  await client.session.signIn(USERS[user].email, DEMO_PASSWORD);
  if (user === 'mfaAgent') await client.session.validateMfa(totp(MFA_SECRET, h.clock.now()));
  return client;
}

/** A bearer token of Morgan's that has passed MFA, straight from the simulator. */
async function morganToken(h: BrokerHarness): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const response = await h.sim.fetch(`${RECHAT_URL}/oauth2/token`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, username: USERS.mfaAgent.email, password: DEMO_PASSWORD }),
  });
  const token = ((await response.json()) as { access_token: string }).access_token;
  const validated = await h.sim.fetch(`${RECHAT_URL}/users/self/mfa/validate`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify({ token: totp(MFA_SECRET, h.clock.now()) }),
  });
  expect(validated.status).to.equal(204);
  return token;
}

async function launcher(client: LauncherClient, bots: number, embedding = false): Promise<{ el: SsoLauncher; root: ShadowRoot }> {
  const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client} broker=${BROKER_URL} ?embedding=${embedding}></sso-launcher>`);
  const root = el.shadowRoot!;
  await waitUntil(() => root.querySelectorAll('button.tile').length === bots, `${bots} chatbot tiles`, { timeout: 5000 });
  return { el, root };
}

const botNames = (root: ShadowRoot) => [...root.querySelectorAll<HTMLButtonElement>('button.tile')].map((b) => b.title);
const botTile = (root: ShadowRoot, name: string) => [...root.querySelectorAll<HTMLButtonElement>('button.tile')].find((b) => b.title === name)!;

describe('<sso-launcher> chatbot access (issue 14)', () => {
  let open: ReturnType<typeof mockOpen>;
  beforeEach(() => {
    open = mockOpen();
  });
  afterEach(() => open.restore());

  it("not on the bot's team: says so and whom to ask, the tile goes, and the broker stops offering it to that agent", async () => {
    const h = brokerHarness();
    const morgan = await signIn(h, 'mfaAgent'); // not on Lead Qualifier's team (an older-API bot: Xenioo answers 403)
    const { el, root } = await launcher(morgan, 3);
    const failed = oneEvent(el, 'sso-error');
    botTile(root, 'Lead Qualifier').click();
    expect(open.tabs).to.have.length(1);
    const { detail } = await failed;
    const said = m.chatbotNoAccess('Lead Qualifier');
    expect(said).to.equal("You do not have access to Lead Qualifier. Ask your brokerage's admin to add you to its team.");
    expect(detail.message).to.equal(said);
    await el.updateComplete;
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal(said);
    expect(open.tabs[0]!.closed).to.equal(true);
    expect(botNames(root)).to.deep.equal(['Listing Assistant', 'Open House Concierge']);
    await expect(el).to.be.accessible();

    // The broker's answer: a 403 with its own code, and the message for the agent.
    const reply = await h.call('POST', `/brands/${CHILD_BRAND_ID}/chatbots/lead-qualifier/token`, { token: await morganToken(h), body: {} });
    expect([reply.status, reply.body.code]).to.deep.equal([403, 'ChatbotNoAccess']);
    expect(reply.body.message).to.equal("You do not have access to this chatbot. Ask your brokerage's admin to add you to its team.");

    // Next page load: not offered to Morgan; still offered to Alex, who is on the team.
    await launcher(morgan, 2);
    const alex = await launcher(await signIn(h, 'agent'), 3);
    expect(botNames(alex.root)).to.include('Lead Qualifier');
    // Once the refusal is old, Morgan is offered it again (in case Morgan was added to the team since).
    h.clock.advance(NO_ACCESS_TTL_MS + 1000);
    const later = await launcher(morgan, 3);
    expect(botNames(later.root)).to.include('Lead Qualifier');
  });

  it('a bot that is not found (no SSO package) keeps its old message and its tile', async () => {
    const h = brokerHarness();
    const { root } = await launcher(await signIn(h, 'agent'), 3);
    botTile(root, 'Open House Concierge').click();
    await waitUntil(() => root.querySelector('[role="alert"]')?.textContent, 'alert');
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal('This chatbot was not found. Ask your administrator.');
    expect(botNames(root)).to.have.length(3);
  });

  const action = (root: ShadowRoot) => [...root.querySelectorAll<HTMLButtonElement>('dialog.bot button')].find((b) => b.textContent!.trim() === m.openInNewTab);
  const authorizations = (h: BrokerHarness) => h.log().filter((line) => line === 'POST /xenioo/sso/authorize').length;

  it('the embedding dialog has "Open in a new tab": it opens the bot in a tab of its own, with Xenioo\'s header, and closes the dialog', async () => {
    const h = brokerHarness();
    const { el, root } = await launcher(await signIn(h, 'agent'), 3, true);
    botTile(root, 'Listing Assistant').click();
    await waitUntil(() => root.querySelector('dialog.bot iframe'), 'the bot in the dialog');
    expect(action(root), 'an "Open in a new tab" button').to.not.equal(undefined);
    await expect(el).to.be.accessible();
    // The dialog puts focus on its first button, this one: its token (without EnableEmbedding) is fetched ahead.
    await waitUntil(() => authorizations(h) === 2, 'the new tab\'s token, ahead of the click');

    const launched = oneEvent(el, 'sso-launch');
    action(root)!.click();
    // Inside the click, straight on the bot.
    expect(open.calls).to.have.length(1);
    const { detail } = await launched;
    expect(open.calls[0]![0]).to.equal(detail.url);
    expect(open.calls[0]![2]).to.equal('noopener,noreferrer');
    await el.updateComplete;
    expect(root.querySelector('dialog.bot')).to.equal(null);
    const page = await (await h.fetch(detail.url)).text();
    expect(page).to.contain('Embedded: no');
    expect(page).to.contain('class="xenioo-header"');
  });

  it('"Open in a new tab" before its token is there: a neutral tab inside the click, pointed at the bot when the broker answers', async () => {
    const h = brokerHarness();
    const { el, root } = await launcher(await signIn(h, 'agent'), 3, true);
    h.sim.faults.inject({ kind: 'delay', ms: 400, count: 2, match: '/xenioo/sso/authorize' });
    botTile(root, 'Listing Assistant').click();
    await waitUntil(() => action(root), 'the dialog, its bot still on the way');
    expect(root.querySelector('dialog.bot iframe')).to.equal(null);
    const launched = oneEvent(el, 'sso-launch');
    action(root)!.click();
    expect(open.calls).to.have.length(1);
    expect(open.calls[0]![0]).to.equal('about:blank');
    const { detail } = await launched;
    expect(open.tabs[0]!.replaced).to.equal(detail.url);
    expect(await (await h.fetch(detail.url)).text()).to.contain('Embedded: no');
  });
});
