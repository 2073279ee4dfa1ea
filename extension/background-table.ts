/**
 * The background's message table: everything the popup and the options page may ask of it.
 *
 * It takes its dependencies as arguments (the current client, what to do after a session change), so
 * unit tests run it with a fake sender, a memory store and a fake fetch, without any extension API.
 * Pages get its type only (`import type`), never its code.
 * @module
 */
import type { LauncherClient } from '../core/launcher.ts';
import type { SessionStatus } from '../core/session.ts';
import { listBrands, type BrandChoice } from './brands.ts';
import { extEn } from './i18n.ts';
import type { MessageTable } from './messages.ts';

/** What the table needs from the background. */
export interface BackgroundDeps {
  /** The client for the current settings (rebuilt by the background when they change). */
  client(): Promise<LauncherClient>;
  /** Called after a page says the session changed, and after a sign-out: reschedule and prefetch. */
  afterSessionChange(client: LauncherClient): Promise<void>;
  /** "Sign in with Rechat" for this client (extension/rechat-sign-in.ts over `identity`). */
  rechatSignIn?(client: LauncherClient): Promise<unknown>;
}

/** The account as the background sees it. */
export interface AccountStatus {
  status: SessionStatus;
  /** The signed-in (or last) user's email. */
  email?: string;
  /** When the access token expires (epoch ms). */
  expiresAt?: number;
  /** The API the session belongs to. */
  apiBase: string;
}

async function accountStatus(client: LauncherClient): Promise<AccountStatus> {
  const { session } = client;
  await session.reload();
  const email = session.user?.email;
  const expiresAt = session.expiresAt;
  return {
    status: session.state.status,
    apiBase: client.config.apiBase,
    ...(email ? { email } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

/**
 * Builds the table. Each entry is called by name from a page: `call('listBrands')`.
 * @example
 * const table = createBackgroundTable({ client: getClient, afterSessionChange });
 * runtime.onMessage(...dispatch(table, message, sender, self)...)
 */
export function createBackgroundTable(deps: BackgroundDeps) {
  return {
    /** The session's state, for the options page's account section. */
    async status(): Promise<AccountStatus> {
      return accountStatus(await deps.client());
    },

    /**
     * A page signed in or out (the popup, on `sso-sign-in` / `sso-sign-out`): read the stored pair
     * again, reschedule the refresh alarm, prefetch the apps. Answers once the pair is read, without
     * waiting for the prefetch: the popup may close at any moment, and Firefox reports a reply that
     * arrives after its page is gone as an error of the extension ("Promise rejected after context
     * unloaded"). The background's own work goes on.
     */
    async sessionChanged(): Promise<AccountStatus> {
      const client = await deps.client();
      const status = await accountStatus(client);
      void deps.afterSessionChange(client).catch((error: unknown) => console.warn('[sso-launcher] after a session change', error));
      return status;
    },

    /** The brands of the signed-in user, for the options page's brand picker. */
    async listBrands(): Promise<BrandChoice[]> {
      const client = await deps.client();
      await client.session.reload();
      return listBrands(client.session);
    },

    /**
     * "Sign in with Rechat", run here because Chrome closes the popup when the sign-in window opens.
     * The popup, opened again, finds the new session in the shared IndexedDB.
     */
    async signInWithRechat(): Promise<AccountStatus> {
      const client = await deps.client();
      if (!deps.rechatSignIn) throw new Error(extEn.rechatUnavailable);
      await deps.rechatSignIn(client);
      await deps.afterSessionChange(client);
      return accountStatus(client);
    },

    /** Signs out (from the options page) and forgets this user's cached apps. */
    async signOut(): Promise<AccountStatus> {
      const client = await deps.client();
      await client.session.reload();
      await client.signOut();
      await deps.afterSessionChange(client);
      return accountStatus(client);
    },
  } satisfies MessageTable;
}

/** The background's table, as pages see it. */
export type BackgroundTable = ReturnType<typeof createBackgroundTable>;
