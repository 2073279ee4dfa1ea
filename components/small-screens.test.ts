import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { cutAlthoughTwoLinesFit, isCut, overflows } from '../test/helpers/fit.ts';
import { LAUNCHER_STATES, deepAll, launcherIn } from '../test/helpers/launcher-states.ts';

/**
 * From a 320 px phone to a full page, through the 380 px extension popup: in every state, nothing
 * scrolls sideways, no row sticks out of its panel, and no text is cut where a line more would fit it.
 */
const WIDTHS = [320, 380, 1280];

describe('<sso-launcher> on small screens', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const width of WIDTHS) {
    describe(`${width} px wide`, () => {
      before(() => setViewport({ width, height: 800 }));

      for (const state of LAUNCHER_STATES) {
        it(`${state}: nothing scrolls sideways or sticks out`, async () => {
          const el = await launcherIn(state);
          expect(overflows(el)).to.deep.equal([]);
        });
      }

      it("the signed-in admin's name is shown whole, not shrunk to \"A…\"; the app names in the admin tools too", async () => {
        const el = await launcherIn('admin tools');
        const who = deepAll(el, '.header .who')[0]!;
        expect(who.textContent).to.equal('Avery Admin');
        expect(isCut(who), 'the name is cut').to.equal(false);
        expect(cutAlthoughTwoLinesFit(deepAll(el, 'li.app .title')), 'app names cut in the admin list').to.deep.equal([]);
      });

      it('app and chatbot tiles line up: icons, names and "Chatbot" labels on the same lines, boxes as tall as the row', async () => {
        const el = await launcherIn('apps and chatbots');
        const items = deepAll(el, 'ul.grid li.item');
        const rows = new Map<number, HTMLElement[]>();
        for (const item of items) {
          const top = Math.round(item.getBoundingClientRect().top);
          rows.set(top, [...(rows.get(top) ?? []), item]);
        }
        const tops = (els: Element[]) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top)));
        const heights = (els: Element[]) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().height)));
        let checkedBots = 0;
        for (const row of rows.values()) {
          const icons = row.map((item) => item.querySelector('.icon')!);
          const names = row.map((item) => item.querySelector('.name')!);
          // The box a pointer lights up: an app's link, or a chatbot's whole item (its tile and section links).
          const boxes = row.map((item) => (item.querySelector('a.tile') ?? item) as Element);
          const badges = row.map((item) => item.querySelector('.badge')).filter((b): b is Element => b !== null);
          checkedBots += badges.length;
          expect(tops(icons).size, 'icon tops in a row').to.equal(1);
          expect(tops(names).size, 'name tops in a row').to.equal(1);
          expect(heights(boxes).size, 'tile heights in a row').to.equal(1);
          if (badges.length > 1) expect(tops(badges).size, '"Chatbot" labels in a row').to.equal(1);
        }
        expect(checkedBots).to.be.greaterThan(0);
        expect(cutAlthoughTwoLinesFit(deepAll(el, '.tile .name')), 'tile names cut').to.deep.equal([]);
      });
    });
  }
});
