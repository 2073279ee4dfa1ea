/**
 * Keeps `<sso-launcher>`'s first-screen copy (core/snapshot-copy.ts) in step with what it shows, as a
 * Lit reactive controller: written when the page is idle after the grid, its apps or the preferences
 * change, and removed in the update that shows anything but a signed-in agent's grid (signed out here
 * or elsewhere, an expired session, the MFA prompt), so a sign-out leaves no copy behind.
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Preferences } from '../core/preferences-record.ts';
import type { SsoApp, User } from '../core/rechat/schemas.ts';
// Types only: the copy's code is the first module's (it reads the copy), and this controller is not.
import type { SnapshotCopy } from '../core/snapshot-copy.ts';
import { writeSnapshotCopy } from '../core/snapshot-copy-write.ts';

/** What the keeper reads from the launcher. */
export interface CopySource {
  /** The copy of the launcher's configuration when its session is kept in IndexedDB (`persist="local"`), else undefined: no copy. */
  copy(): SnapshotCopy | undefined;
  /** The signed-in agent, else undefined; null while the start does not know yet. */
  user(): User | undefined | null;
  apps(): readonly SsoApp[] | undefined;
  /** How many apps there are in all, when apps() is only the head of the list. */
  appsTotal(): number | undefined;
  prefs(): Preferences;
}

const idle = (run: () => void) => ('requestIdleCallback' in globalThis ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 200));

export class SnapshotCopyKeeper implements ReactiveController {
  readonly #source: CopySource;
  /** What was last written (by identity), so an update that changed none of it writes nothing. */
  #written: unknown[] = [];
  #scheduled = false;
  /** Whether the copy was removed since an agent was last shown: it is removed once per sign-out. */
  #cleared = false;

  constructor(host: ReactiveControllerHost, source: CopySource) {
    this.#source = source;
    host.addController(this);
  }

  /** A start from a new configuration: nothing is known to be written or removed for it yet. */
  restart(): void {
    this.#written = [];
    this.#cleared = false;
  }

  hostUpdated(): void {
    const copy = this.#source.copy();
    const user = this.#source.user();
    if (!copy || user === null) return;
    if (!user) {
      // Synchronously, in the update that shows the agent signed out: nothing can read the copy after.
      if (!this.#cleared) copy.clear();
      this.#cleared = true;
      this.#written = [];
      return;
    }
    this.#cleared = false;
    if (!this.#source.apps() || this.#scheduled) return;
    this.#scheduled = true;
    idle(() => {
      this.#scheduled = false;
      this.#write();
    });
  }

  #write(): void {
    const source = this.#source;
    const copy = source.copy();
    const user = source.user();
    const apps = source.apps();
    const prefs = source.prefs();
    if (!copy || !user || !apps) return;
    const state = [copy, user, apps, prefs];
    if (state.every((value, i) => value === this.#written[i])) return;
    this.#written = state;
    writeSnapshotCopy(copy.storage, copy.config, { user, apps, total: source.appsTotal() ?? apps.length, prefs });
  }
}
