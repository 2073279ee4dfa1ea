/**
 * The core on its own, in Node: sign in, list the brand's apps, survive a server error, sign out.
 * Runs against the simulator in-process: `npx tsx demo/core-example.ts`. The README shows this file.
 */
import { HttpError, LauncherClient, isSsoError, memoryStore } from '../core/index.ts';
import { CHILD_BRAND_ID, CLIENT_ID, createSimulator } from './simulator/index.ts';

const sim = createSimulator(); // against the real API: leave `fetch` out and use its URL
const client = new LauncherClient(
  { apiBase: 'https://api.rechat.example', clientId: CLIENT_ID, brand: CHILD_BRAND_ID },
  { fetch: sim.fetch, store: memoryStore() }, // in a browser the store defaults to IndexedDB
);

const state = await client.session.signIn('agent@example.com', 'demo-password');
console.log(`${state.status} as ${state.user?.email}`);

const apps = await client.refreshApps(); // sorted by order, then name; cached for the next visit
for (const app of apps) console.log(`${app.order}  ${app.name}  →  ${app.open_url.slice(0, 60)}…`);

sim.faults.inject({ kind: 'status', status: 503, count: 3 }); // more than the retries
try {
  await client.refreshApps();
} catch (error) {
  if (isSsoError(error) && error instanceof HttpError) console.log(`typed error: ${error.code} ${error.status}`);
}
console.log(`still ${client.session.state.status}; cached apps: ${(await client.cachedApps())?.length}`);

await client.signOut();
console.log(client.session.state.status);
