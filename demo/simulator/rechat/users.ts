/**
 * The signed-in user: `GET /users/self` (the same user object as the token response, doc 001) and
 * `GET /users/self/brands`.
 * @module
 */
import { json } from '../http.ts';
import { bearer } from './auth.ts';
import { brandView, userView } from './views.ts';
import type { RechatApp, RechatContext } from './context.ts';

export function registerUserRoutes(app: RechatApp, ctx: RechatContext): void {
  app.get('/users/self', bearer(ctx), (c) => json({ code: 'OK', data: userView(c.get('user'), ctx.now()) }));

  // ASSUMPTION, not in the vendor docs: the launcher needs to know which brands a user can pick from.
  // Answers the brands the user is a direct member of, in doc 000's brand shape, plus the user's `role`
  // there. (Membership reaches down the tree; see access.ts. Descendant brands are not listed.)
  app.get('/users/self/brands', bearer(ctx), (c) => {
    const user = c.get('user');
    const data = user.memberships.flatMap((membership) => {
      const brand = ctx.store.brands.get(membership.brand);
      return brand ? [{ ...brandView(ctx.store, brand), role: membership.role }] : [];
    });
    return json({ code: 'OK', data });
  });
}
