/**
 * The list of an admin panel: loaded with `@lit/task`, which owns its status (pending, complete,
 * error) and drops the answer of a superseded load, plus the two things a panel needs on top.
 * @module
 */
import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';

/** How a panel's list is loaded; see {@link AdminList}. */
export interface AdminListOptions<A extends readonly unknown[], T> {
  /** The arguments; a change starts a new load and drops the answer of the one running. */
  args: () => A;
  /** Loads the list; `initialState` when there is nothing to load yet. */
  load: (args: A, signal: AbortSignal) => Promise<T[] | typeof initialState>;
  /** A load failed (the latest one only). */
  onError: (error: unknown) => void;
}

/** What a panel's shared code needs of its list (see {@link AdminList}). */
export interface AdminListState {
  readonly actionError: string;
  readonly loadError: unknown;
  fail(message: string): void;
  reload(keepError?: boolean): Promise<void>;
}

/**
 * A panel's list and its alert.
 * - `items` is the last list loaded, kept while a reload runs or after it fails (as the list stays on
 *   screen), and replaced at once by a panel's own change (a reorder shows before it is saved).
 * - `actionError` is the alert of a failed action (save, delete, move). A reload started by that
 *   action keeps it; any other successful reload clears it. A failed load's alert wins over it.
 */
export class AdminList<A extends readonly unknown[], T> implements AdminListState {
  readonly task: Task<A, T[]>;
  items: T[] = [];
  actionError = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    options: AdminListOptions<A, T>,
  ) {
    this.task = new Task<A, T[]>(host, {
      args: options.args,
      task: (args, { signal }) => options.load(args, signal),
      onComplete: (items) => (this.items = items),
      onError: options.onError,
    });
  }

  /** The error of the last load, while it is the latest word (also during its retry). */
  get loadError(): unknown {
    return this.task.status === TaskStatus.COMPLETE ? undefined : this.task.error;
  }

  /** Shows `items` now (a panel's own change, before the server has it). */
  set(items: T[]): void {
    this.items = items;
    this.host.requestUpdate();
  }

  /** Shows (or, with '', clears) the alert of a failed action. */
  fail(message: string): void {
    this.actionError = message;
    this.host.requestUpdate();
  }

  /** Loads again; `keepError` keeps the alert of the action that asked for it. */
  async reload(keepError = false): Promise<void> {
    await this.task.run();
    if (!keepError && this.task.status === TaskStatus.COMPLETE) this.fail('');
  }

  /** What to show in place of the list: loading, empty, or the rows. */
  render<R>(views: { loading: () => R; empty: () => R; rows: (items: T[]) => R; none: R }): R {
    const { items } = this;
    return this.task.render({
      initial: () => views.none,
      pending: () => (items.length ? views.rows(items) : views.loading()),
      complete: () => (items.length ? views.rows(items) : views.empty()),
      error: () => (items.length ? views.rows(items) : views.none),
    }) as R;
  }
}
