import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD } from '../demo/simulator/index.ts';
import { BROKER_URL, RECHAT_URL, brokerHarness } from '../test/helpers/broker.ts';
import { $, $$, focused, label, mountLauncher, waitForGrid, type Launcher } from '../test/helpers/launcher.ts';

const press = (key: string) => sendKeys({ press: key });
/** Puppeteer's press() takes no chord: Shift is held down around the Tab. */
async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await press('Tab');
  await sendKeys({ up: 'Shift' });
}
const name = (e: Element | null) => e?.getAttribute('title') ?? e?.getAttribute('aria-label') ?? '';
/** The grid's items that are in the Tab order (tiles, chatbot tiles and their links, pin buttons). */
const tabStops = (l: Launcher) => $$(l.root, 'ul.grid a, ul.grid button, ul.grid [tabindex]').filter((e) => (e as HTMLElement).tabIndex >= 0);

async function signedIn(): Promise<Launcher> {
  const l = await mountLauncher({ signIn: 'agent@example.com' });
  await waitForGrid(l);
  return l;
}

describe('<sso-launcher> grid keyboard', () => {
  it('the grid is one Tab stop: Tab from the search box reaches it in one press and leaves it in the next', async () => {
    const l = await signedIn();
    const box = $<HTMLInputElement>(l.root, 'input[name="search"]')!;
    const tiles = $$(l.root, 'a.tile');
    expect(tiles).to.have.length(8);
    // Today every tile and every pin button was a Tab stop: now only one item of the grid is.
    expect(tabStops(l).map(label)).to.deep.equal([label(tiles[0])]);
    expect($$(l.root, 'button.pin').every((b) => b.tabIndex === -1)).to.equal(true);
    box.focus();
    await press('Tab');
    expect(label(focused(l))).to.equal(label(tiles[0]));
    await press('Tab');
    expect(label(document.activeElement)).to.equal(label(l.after));
    await shiftTab();
    expect(label(focused(l))).to.equal(label(tiles[0]));
    await shiftTab();
    expect(label(focused(l))).to.equal(label(box));
    await expect(l.el).to.be.accessible();
  });

  it('arrow keys, Home and End move inside the grid; the tile last focused is the Tab stop', async () => {
    const l = await signedIn();
    l.el.style.width = '420px'; // three rows of tiles or so
    await l.el.updateComplete;
    const tiles = $$(l.root, 'a.tile');
    const box = $<HTMLInputElement>(l.root, 'input[name="search"]')!;
    box.focus();
    await press('ArrowDown');
    expect(label(focused(l))).to.equal(label(tiles[0]));
    await press('ArrowRight');
    expect(label(focused(l))).to.equal(label(tiles[1]));
    await press('ArrowLeft');
    expect(label(focused(l))).to.equal(label(tiles[0]));
    await press('End');
    expect(label(focused(l))).to.equal(label(tiles.at(-1)));
    await press('Home');
    expect(label(focused(l))).to.equal(label(tiles[0]));
    // Down goes one row down, by the columns the browser laid out (read here from the tiles' positions).
    const perRow = tiles.filter((t) => t.getBoundingClientRect().top === tiles[0]!.getBoundingClientRect().top).length;
    expect(perRow).to.be.greaterThan(1).and.lessThan(tiles.length);
    await press('ArrowDown');
    expect(label(focused(l))).to.equal(label(tiles[perRow]));
    await press('ArrowRight');
    expect(label(focused(l))).to.equal(label(tiles[perRow + 1]));
    await press('ArrowUp');
    expect(label(focused(l))).to.equal(label(tiles[1]));
    await press('ArrowUp');
    expect(label(focused(l))).to.equal(label(box));
    // The roving stop is the tile last focused: Tab from the search box comes back to it.
    tiles[3]!.focus();
    expect(tabStops(l).map(label)).to.deep.equal([label(tiles[3])]);
    box.focus();
    await press('Tab');
    expect(label(focused(l))).to.equal(label(tiles[3]));
  });

  it('a narrower launcher lays out fewer columns, and Down follows them', async () => {
    const l = await signedIn();
    l.el.style.width = '300px';
    await l.el.updateComplete;
    const tiles = $$(l.root, 'a.tile');
    const columns = getComputedStyle($(l.root, 'ul.grid')!).gridTemplateColumns.split(' ').length;
    const perRow = tiles.filter((t) => t.getBoundingClientRect().top === tiles[0]!.getBoundingClientRect().top).length;
    expect(columns).to.equal(perRow);
    tiles[0]!.focus();
    await press('ArrowDown');
    expect(label(focused(l))).to.equal(label(tiles[perRow]));
  });

  it('P pins and unpins the focused tile, as its description says; focus stays on the app', async () => {
    const l = await signedIn();
    const canva = $(l.root, 'a.tile[title="Canva"]')!;
    const description = () => $(l.root, `#${canva.getAttribute('aria-describedby')}`)!.textContent;
    // The grid's one Tab stop carries the description: the tile focus is on.
    canva.focus();
    expect(description()).to.equal('Press P to pin it to the top.');
    await press('p');
    await waitUntil(() => $$(l.root, 'h3').some((h) => h.textContent === 'Pinned'), 'the Pinned list');
    expect($$(l.root, 'ul.grid:first-of-type .tile').map(name)).to.deep.equal(['Canva']);
    expect(label(focused(l))).to.equal(label(canva));
    expect(description()).to.equal('Pinned. Press P to unpin it.');
    expect((await l.client.preferences.get(l.client.session.user!.id)).favourites).to.have.length(1);
    // Unpinned from the Pinned list, whose tile goes away: focus moves to the same app in "All apps".
    const pinnedTile = $(l.root, 'ul.grid:first-of-type a.tile')!;
    pinnedTile.focus();
    await press('P');
    await waitUntil(() => !$$(l.root, 'h3').some((h) => h.textContent === 'Pinned'), 'the Pinned list gone');
    expect(label(focused(l))).to.equal(label(canva));
    expect(tabStops(l).map(label)).to.deep.equal([label(canva)]);
  });

  it('Enter on a tile launches it, and a launch clears the search box', async () => {
    const l = await signedIn();
    const box = $<HTMLInputElement>(l.root, 'input[name="search"]')!;
    box.focus();
    await sendKeys({ type: 'sign' });
    await waitUntil(() => $$(l.root, 'a.tile').length === 1, 'one match');
    await press('Tab');
    expect(name(focused(l))).to.equal('DocuSign');
    const launched = oneEvent(l.el, 'sso-launch');
    await press('Enter');
    expect((await launched).detail.app.name).to.equal('DocuSign');
    await l.el.updateComplete;
    expect(box.value).to.equal('');
    expect($$(l.root, 'ul.grid:last-of-type a.tile')).to.have.length(8);
    expect(name(focused(l))).to.equal('DocuSign'); // focus stays on the tile it launched
  });

  it('the hint shows only with a search box to type into, and describes it', async () => {
    const l = await mountLauncher();
    await waitUntil(() => $(l.root, 'input[name="email"]'), 'sign-in form');
    expect(l.root.textContent).not.to.contain('press Enter to open it');
    $<HTMLInputElement>(l.root, 'input[name="email"]')!.value = 'agent@example.com';
    $<HTMLInputElement>(l.root, 'input[name="password"]')!.value = DEMO_PASSWORD;
    $<HTMLButtonElement>(l.root, 'button[type="submit"]')!.click();
    await waitForGrid(l);
    const box = $<HTMLInputElement>(l.root, 'input[name="search"]')!;
    const hint = $(l.root, `#${box.getAttribute('aria-describedby')}`)!;
    expect(hint.textContent).to.equal('Type to find an app, press Enter to open it.');
    expect(hint.checkVisibility()).to.equal(true);
  });

  it('chatbot tiles and their section links are in the grid, not in the Tab order; arrows reach them', async () => {
    const h = brokerHarness();
    const client = new LauncherClient({ apiBase: RECHAT_URL, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: h.fetch, clock: h.clock, store: memoryStore() });
    await client.session.signIn('agent@example.com', DEMO_PASSWORD);
    const l = await mountLauncher({ client, broker: BROKER_URL });
    await waitUntil(() => $$(l.root, 'button.tile').length === 3 && $$(l.root, 'a.tile').length === 8, 'apps and chatbots', { timeout: 5000 });
    await l.el.updateComplete;
    expect(tabStops(l).map(label)).to.deep.equal([label($(l.root, 'a.tile'))]);
    $<HTMLInputElement>(l.root, 'input[name="search"]')!.focus();
    await press('Tab');
    await press('Tab');
    expect(label(document.activeElement)).to.equal(label(l.after));
    // End: the last cell, a chatbot; Left from the first chatbot's tile goes back to the last app.
    $(l.root, 'a.tile')!.focus();
    await press('End');
    const bots = $$(l.root, 'button.tile');
    expect(label(focused(l))).to.equal(label(bots.at(-1)));
    bots[0]!.focus();
    await press('ArrowLeft');
    expect(label(focused(l))).to.equal(label($$(l.root, 'a.tile').at(-1)));
    // Right from a chatbot's tile reaches its section links, then the next chatbot.
    const withSections = bots.find((b) => b.parentElement!.querySelector('[data-section]'))!;
    withSections.focus();
    await press('ArrowRight');
    expect(label(focused(l))).to.equal(label(withSections.parentElement!.querySelector('[data-section]')));
    expect(tabStops(l).map(label)).to.deep.equal([label(focused(l))]);
    await expect(l.el).to.be.accessible();
  });
});
