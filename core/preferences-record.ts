/**
 * How a stored preferences record is read back: in one place for core/preferences.ts and the
 * first-paint snapshot (core/snapshot.ts), which reads it without loading the preferences store.
 * @module
 */

/** What is kept per user. */
export interface Preferences {
  favourites: string[];
  /** Most recent first. */
  recent: string[];
}

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A stored record as {@link Preferences}; a missing or corrupt one reads as empty. */
export function preferencesFrom(value: Partial<Preferences> | undefined): Preferences {
  return {
    favourites: isIdList(value?.favourites) ? value.favourites : [],
    recent: isIdList(value?.recent) ? value.recent : [],
  };
}
