/**
 * Focus that follows the launcher's state, as a Lit reactive controller. When the view changes (signed
 * in, the MFA prompt, signed out, the sign-in prompt over an expired grid), focus goes to the field the
 * agent needs next, instead of falling back to `<body>` with the form that held it; after an error it
 * goes to the field to fix.
 *
 * It never takes focus from the page: it moves focus only when focus is inside the launcher, or when
 * the change comes from the launcher's own action (a submit, a click) and focus has since fallen to
 * `<body>` (a clicked button that turns disabled while busy drops focus). And never on the first paint:
 * a restored session or a signed-out page does not pull the agent into the launcher.
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** Where focus may go: selectors tried in order in the launcher's shadow root, or an element. */
export type FocusTargets = readonly (string | HTMLElement)[];

/** What the launcher tells the follower. */
export interface FocusSource {
  /**
   * Where focus belongs in the view about to render; undefined while nothing is shown yet. Return the
   * same array for the same view: a new array is a new view.
   */
  target(): FocusTargets | undefined;
  /** False while the view still waits for content (a grid loading: no search box yet). */
  settled(): boolean;
}

/** What the launcher's controllers may ask of the follower. */
export interface FocusRequests {
  /** The launcher's own action has started (a submit, a click): its outcome may move focus. */
  claim(): void;
  /** Moves focus to the first of `targets` after the next render, if focus may move (see the module). */
  moveTo(targets: FocusTargets): void;
}

/** The focused element, followed down through open shadow roots: the launcher's host is on this path when focus is inside it. */
function focusPath(): Element[] {
  const path: Element[] = [];
  for (let active = document.activeElement; active; active = active.shadowRoot?.activeElement ?? null) path.push(active);
  return path;
}

export class FocusFollower implements ReactiveController, FocusRequests {
  readonly host: Host;
  readonly source: FocusSource;
  /** The target of the view last rendered. */
  #shown: FocusTargets | undefined;
  #pending: FocusTargets | undefined;
  #claimed = false;

  constructor(host: Host, source: FocusSource) {
    this.host = host;
    this.source = source;
    host.addController(this);
  }

  claim(): void {
    this.#claimed = true;
  }

  moveTo(targets: FocusTargets): void {
    this.#pending = this.#mayMove() ? targets : undefined;
    this.#claimed = false;
    this.host.requestUpdate();
  }

  #inside(): boolean {
    return focusPath().includes(this.host);
  }

  /** Focus is nowhere: on `<body>` (where a removed or disabled control leaves it), or no element. */
  #nowhere(): boolean {
    const active = document.activeElement;
    return !active || active === document.body || active === document.documentElement;
  }

  #mayMove(): boolean {
    return this.#inside() || (this.#claimed && this.#nowhere());
  }

  /** Before the render: decides, while the old view's focus is still in place, whether focus follows the new view. */
  hostUpdate(): void {
    const target = this.source.target();
    if (target === this.#shown) return;
    const before = this.#shown;
    this.#shown = target;
    // Nothing was shown before: the first paint of the page, or a start from a new configuration.
    this.#pending = before && target && this.#mayMove() ? target : undefined;
    this.#claimed = false;
  }

  hostUpdated(): void {
    const pending = this.#pending;
    if (!pending) return;
    // The agent went elsewhere on the page while the view was loading: leave them there.
    if (!this.#inside() && !this.#nowhere()) return void (this.#pending = undefined);
    const root = this.host.shadowRoot ?? this.host;
    for (const target of pending) {
      const element = typeof target === 'string' ? root.querySelector<HTMLElement>(target) : target.isConnected ? target : null;
      if (element) {
        this.#pending = undefined;
        element.focus();
        return;
      }
    }
    if (this.source.settled()) this.#pending = undefined;
  }
}
