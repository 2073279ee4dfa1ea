import { expect } from '@open-wc/testing';
import { HttpError } from '../errors.ts';
import type { RequestOptions } from '../http.ts';
import type { AuthorizedApi } from '../session.ts';
import { ancestorIds, brandTree, checkBrandAdmin, getBrand, isBrandAdmin, listMyBrands } from './brands.ts';
import type { Brand } from './schemas.ts';
import { rejection } from '../../test/helpers/assert.ts';
import { CHILD_BRAND_ID, PARENT_BRAND_ID, signedInHarness } from '../../test/helpers/core.ts';

const office: Brand = { id: 'office', name: 'Office', parent: null, parents: null };
const team: Brand = { id: 'team', name: 'Team', parent: { id: 'office', name: 'Office' }, parents: ['office'] };
const squad: Brand = { id: 'squad', name: 'Squad', parent: { id: 'team', name: 'Team' }, parents: ['team', 'office'] };
const other: Brand = { id: 'other', name: 'Other office', parent: null, parents: null };

describe('Rechat brands', () => {
  describe('isBrandAdmin', () => {
    it('is true for the Admin role on the brand itself', () => {
      expect(isBrandAdmin([{ ...office, role: 'Admin' }], 'office')).to.equal(true);
      expect(isBrandAdmin([{ ...office, role: 'Agent' }], 'office')).to.equal(false);
      expect(isBrandAdmin([], 'office')).to.equal(false);
    });

    it('reaches down the tree: an admin of the office administers its teams', () => {
      const mine = [{ ...office, role: 'Admin' }];
      // The team is not among the user's brands: its ancestors come from another source.
      expect(isBrandAdmin(mine, 'team')).to.equal(false);
      expect(isBrandAdmin(mine, 'team', [team])).to.equal(true);
      expect(isBrandAdmin(mine, 'squad', [squad])).to.equal(true);
      expect(isBrandAdmin(mine, 'other', [other])).to.equal(false);
      // An agent of the team who is admin of another office is not an admin of the team.
      expect(isBrandAdmin([{ ...team, role: 'Agent' }, { ...other, role: 'Admin' }], 'team')).to.equal(false);
    });

    it('reads ancestors from `parents` and from the one-level `parent`', () => {
      expect(ancestorIds(squad)).to.deep.equal(['team', 'office']);
      expect(ancestorIds({ parent: { id: 'p', name: 'P' }, parents: null })).to.deep.equal(['p']);
      expect(ancestorIds({ parent: null, parents: undefined })).to.deep.equal([]);
    });
  });

  describe('brandTree', () => {
    it('flattens the known brands depth-first, children by name, with admin rights down the tree', () => {
      const tree = brandTree([{ ...team, role: 'Agent' }, { ...office, role: 'Admin' }, squad, { ...other, role: 'Agent' }]);
      expect(tree.map((n) => [n.name, n.depth, n.admin])).to.deep.equal([
        ['Office', 0, true],
        ['Team', 1, true],
        ['Squad', 2, true],
        ['Other office', 0, false],
      ]);
    });

    it("adds a brand's parent when only the child is known", () => {
      expect(brandTree([{ ...team, role: 'Agent' }]).map((n) => [n.id, n.depth, n.admin])).to.deep.equal([
        ['office', 0, false],
        ['team', 1, false],
      ]);
    });

    it('survives a cycle in bad data', () => {
      const a: Brand = { id: 'a', name: 'A', parent: { id: 'b', name: 'B' }, parents: ['b'] };
      const b: Brand = { id: 'b', name: 'B', parent: { id: 'a', name: 'A' }, parents: ['a'] };
      expect(brandTree([a, b])).to.deep.equal([]);
    });
  });

  describe('against the simulator', () => {
    it("the agent's brands: the team, with the office as its parent, role Agent", async () => {
      const { session } = await signedInHarness('agent');
      const brands = await listMyBrands(session);
      expect(brands.map((b) => [b.id, b.role, b.parent?.id])).to.deep.equal([[CHILD_BRAND_ID, 'Agent', PARENT_BRAND_ID]]);
      expect(await checkBrandAdmin(session, CHILD_BRAND_ID)).to.include({ admin: false });
    });

    it('the office admin administers the team too, learnt from the team brand itself', async () => {
      const h = await signedInHarness('admin');
      const office = await checkBrandAdmin(h.session, PARENT_BRAND_ID);
      expect(office.admin).to.equal(true);
      expect(h.count('GET', `/brands/${PARENT_BRAND_ID}`)).to.equal(0); // a direct membership needs no more
      const teamCheck = await checkBrandAdmin(h.session, CHILD_BRAND_ID);
      expect(teamCheck.admin).to.equal(true);
      expect(h.count('GET', `/brands/${CHILD_BRAND_ID}`)).to.equal(1);
      expect(brandTree(teamCheck.brands).map((n) => [n.name, n.depth, n.admin])).to.deep.equal([
        ['Admin Brand Parent', 0, true],
        ['Child Brand', 1, true],
      ]);
    });

    it('getBrand answers undefined for a brand the user may not see, and throws on other failures', async () => {
      const { session } = await signedInHarness('agent');
      expect(await getBrand(session, PARENT_BRAND_ID)).to.equal(undefined); // 403: not a member of the office
      expect(await getBrand(session, 'no-such-brand')).to.equal(undefined); // 404
      expect((await getBrand(session, CHILD_BRAND_ID))?.parents).to.deep.equal([PARENT_BRAND_ID]);
      const failing: AuthorizedApi = {
        request: async <T>(_options: RequestOptions<T>): Promise<T> => {
          throw new HttpError(503, 'GET', 'https://x/brands/b');
        },
      };
      expect(await rejection(getBrand(failing, 'b'))).to.be.instanceOf(HttpError);
      expect(await rejection(getBrand(failing, ''))).to.be.instanceOf(TypeError);
    });
  });
});
