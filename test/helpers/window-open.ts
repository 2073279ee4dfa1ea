// window.open, recorded, for the chatbot tests: a launch opens about:blank inside the click, then points it at the bot.

export interface FakeTab {
  opener: unknown;
  closed: boolean;
  document: Document;
  replaced: string | undefined;
  location: { replace(url: string): void };
  close(): void;
}

/** window.open, recorded: `about:blank` gets a fake tab the launcher can point at the bot later. */
export function mockOpen() {
  const original = window.open;
  const calls: unknown[][] = [];
  const tabs: FakeTab[] = [];
  window.open = ((...args: unknown[]) => {
    calls.push(args);
    if (args[0] !== 'about:blank') return null;
    const tab: FakeTab = {
      opener: window,
      closed: false,
      document: document.implementation.createHTMLDocument(''),
      replaced: undefined,
      location: { replace: (url: string) => void (tab.replaced = url) },
      close: () => void (tab.closed = true),
    };
    tabs.push(tab);
    return tab;
  }) as typeof window.open;
  return { calls, tabs, restore: () => void (window.open = original) };
}
