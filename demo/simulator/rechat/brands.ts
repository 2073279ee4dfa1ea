/**
 * `GET /brands/:brand`: one brand, in doc 000's brand shape (`parent` expanded, `parents` the ancestors'
 * ids), for any member of it or of an ancestor.
 *
 * ASSUMPTION, not in the vendor docs shipped with this project: Rechat has a brand resource, and the
 * admin tools need it to learn the ancestors of a brand the user reaches only through an ancestor (the
 * office admin looking at a team's launcher: `GET /users/self/brands` lists the office only).
 * @module
 */
import { json } from '../http.ts';
import { requireMember } from './access.ts';
import { bearer } from './auth.ts';
import type { RechatApp, RechatContext } from './context.ts';
import { brandView } from './views.ts';

export function registerBrandRoutes(app: RechatApp, ctx: RechatContext): void {
  app.get('/brands/:brand', bearer(ctx), (c) => {
    const brand = requireMember(ctx.store, c.get('user'), c.req.param('brand'));
    return json({ code: 'OK', data: brandView(ctx.store, brand) });
  });
}
