/**
 * A table of UI strings by language: English inline, other built-in languages as lazy chunks, and a
 * host's own additions on top. One mechanism for the launcher's table (messages.ts) and the admin
 * tools' (sso-launcher-admin.messages.ts).
 */
export interface Catalogue<T> {
  /** The strings for a BCP 47 tag ("fr-CA" falls back to "fr", then English), merged once per tag. */
  messagesFor(lang: string | undefined): T;
  /** False while `lang` is a built-in language whose chunk has not arrived yet; start it with `load`. */
  ready(lang: string | undefined): boolean;
  /** Loads the built-in table of `lang`'s language, once; resolves at once for English or an unknown language. */
  load(lang: string | undefined): Promise<void>;
  /** Adds or extends a language; it wins over the built-in table. */
  register(lang: string, messages: Partial<T>): void;
  /** Whether `lang`'s language has a table of its own (built in, loaded or registered). */
  has(lang: string | undefined): boolean;
  /**
   * Adds the rest of the English table, which a lazy chunk brings (see messages.ts): into English, and
   * into every table already merged that lacks them (a table a view holds on to stays whole).
   */
  complete(more: Partial<T>): void;
}

const baseOf = (lang: string | undefined) => (lang ?? '').toLowerCase().split('-')[0] ?? '';

export function catalogue<T extends object>(en: T, bundled: Record<string, () => Promise<{ messages: T }>>): Catalogue<T> {
  const registered: Record<string, Partial<T>> = { en };
  /** Tables loaded from `bundled`, kept apart so a host's `register` wins over them. */
  const loaded: Record<string, Partial<T>> = {};
  const loading = new Map<string, Promise<void>>();
  /** Rendering reads the strings for every tile, so each tag's table is merged once. */
  const merged = new Map<string, T>();
  return {
    messagesFor(lang) {
      const tag = (lang ?? '').toLowerCase();
      let result = merged.get(tag);
      if (!result) {
        const base = baseOf(tag);
        result = { ...en, ...loaded[base], ...registered[base], ...registered[tag] };
        merged.set(tag, result);
      }
      return result;
    },
    ready(lang) {
      const base = baseOf(lang);
      return !bundled[base] || base in loaded;
    },
    load(lang) {
      const base = baseOf(lang);
      const chunk = bundled[base];
      if (!chunk || base in loaded) return Promise.resolve();
      let pending = loading.get(base);
      if (!pending) {
        pending = chunk().then(({ messages }) => {
          loaded[base] = messages;
          merged.clear();
        });
        // A chunk that failed to load (offline) may be asked for again later.
        pending.catch(() => loading.delete(base));
        loading.set(base, pending);
      }
      return pending;
    },
    register(lang, messages) {
      registered[lang.toLowerCase()] = { ...registered[lang.toLowerCase()], ...messages };
      merged.clear();
    },
    complete(more) {
      Object.assign(en, more);
      for (const table of merged.values()) for (const [key, value] of Object.entries(more)) if (!(key in table)) Object.assign(table, { [key]: value });
    },
    has(lang) {
      const base = baseOf(lang);
      return base in registered || base in loaded || Boolean(bundled[base]);
    },
  };
}
