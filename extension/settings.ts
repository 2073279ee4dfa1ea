/**
 * The extension's configuration: what a brokerage sets (API base URL, OAuth client id, brand, token
 * endpoint, broker URL), how each value is validated, and which source wins.
 *
 * Three sources, per field, highest first:
 * 1. **policy**: managed storage, pushed by the brokerage's IT (Chrome: the `3rdparty` policy for the
 *    extension, checked against managed_schema.json; Firefox: `policies.json` → `3rdparty.Extensions`).
 *    A field set by policy is locked in the options page.
 * 2. **user**: what the agent saved in the options page (`storage.local`, key {@link USER_SETTINGS_KEY}).
 * 3. **default**: the local demo ({@link DEMO_SETTINGS}), so a fresh install works against `npm start`.
 *
 * A policy value that fails validation is ignored (it does not lock the field) and reported in
 * {@link ResolvedSettings.policyErrors}, so one typo in a GPO does not leave agents with a dead launcher.
 *
 * Pure: no extension API, so it is unit-tested in a plain page.
 * @module
 */
import { z } from '../core/schema.ts';
// The element's own normalisation, so the popup's <sso-launcher> and the background build the same session key.
import { normaliseUrl } from '../core/urls.ts';
import { extEn, type ExtensionMessages } from './i18n.ts';

/** The keys of {@link Settings}, in the order the options page shows them. */
export const SETTING_KEYS = ['apiBase', 'clientId', 'brand', 'tokenEndpoint', 'broker'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The effective configuration of the launcher. */
export interface Settings {
  /** Rechat API base URL, such as `https://api.rechat.com`. */
  apiBase: string;
  /** OAuth2 client id. */
  clientId: string;
  /** Brand whose apps are shown. */
  brand: string;
  /** A token endpoint (the brokerage's proxy that adds the client secret); default `<apiBase>/oauth2/token`. */
  tokenEndpoint?: string;
  /** The token broker, for apps that need a server-minted token (Xenioo). */
  broker?: string;
}

/** Where an effective value came from. */
export type SettingSource = 'policy' | 'user' | 'default';

/** The local demo (`npm start`): the simulator's client id and its "Child Brand". */
export const DEMO_SETTINGS: Readonly<Settings> = Object.freeze({
  apiBase: 'http://localhost:5173/api',
  clientId: 'bf0da47e-7226-11e4-905b-0024d71b10fc',
  brand: '36bbee0b-37b1-4296-82b7-d9c61ad0a875',
});

/** The `storage.local` key under which the options page saves the user's settings. */
export const USER_SETTINGS_KEY = 'settings';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True for `https:` URLs, and for `http:` only on this machine: tokens and passwords must never cross
 * a network in clear text, while the local demo runs on `http://localhost`.
 */
export function isSecureApiUrl(value: string): boolean {
  const url = parseUrl(value);
  if (!url) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (LOOPBACK_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost'));
}

/**
 * What can be wrong with a value. The schemas carry these codes, and {@link validateField} words them
 * in the page's language from the extension's table (i18n.ts), naming the field and its example.
 */
type IssueCode = 'required' | 'url' | 'protocol' | 'https' | 'credentials' | 'tooLong' | 'chars';

const urlField = () =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'required'),
    z.refine((v) => !v || parseUrl(v) !== null, 'url'),
    z.refine((v) => {
      const url = parseUrl(v);
      return !url || url.protocol === 'https:' || url.protocol === 'http:';
    }, 'protocol'),
    z.refine((v) => {
      const url = parseUrl(v);
      return !url || (url.protocol !== 'https:' && url.protocol !== 'http:') || isSecureApiUrl(v);
    }, 'https'),
    z.refine((v) => {
      const url = parseUrl(v);
      return !url || (!url.username && !url.password);
    }, 'credentials'),
  );

/** An optional URL: empty means "not set". */
const optionalUrlField = () =>
  z.pipe(
    z.string().check(z.trim()),
    z.union([z.literal(''), urlField()]),
  );

const idField = () =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'required'),
    z.maxLength(200, 'tooLong'),
    z.regex(/^[\w.:@-]+$/, 'chars'),
  );

/** One zod schema per field; each issue's message is an {@link IssueCode}, worded by {@link validateField}. */
export const SETTING_SCHEMAS = {
  apiBase: urlField(),
  clientId: idField(),
  brand: idField(),
  tokenEndpoint: optionalUrlField(),
  broker: optionalUrlField(),
} satisfies Record<SettingKey, z.ZodMiniType<string>>;

/** The example each URL field's message gives. */
const EXAMPLES: Partial<Record<SettingKey, string>> = {
  apiBase: 'https://api.rechat.com',
  tokenEndpoint: 'https://sso.example.com/oauth2/token',
  broker: 'https://sso.example.com/broker',
};

/** The sentence for `code` on `key`, in `t`'s language: written for the person filling in the form. */
function issueMessage(key: SettingKey, code: IssueCode, t: ExtensionMessages): string {
  const what = t.fieldNames[key];
  switch (code) {
    case 'required':
      return t.required(what);
    case 'url':
      return t.fullUrl(EXAMPLES[key] ?? '');
    case 'protocol':
      return t.useHttpsUrl;
    case 'https':
      return t.httpsOnlyLocalhost;
    case 'credentials':
      return t.noCredentials;
    case 'tooLong':
      return t.tooLong(what);
    case 'chars':
      return t.idChars(what);
  }
}

/**
 * A field message in English (as {@link checkSettings} keeps them, for a policy value) in `t`'s
 * language; any other text as it is.
 */
export function translateFieldMessage(key: SettingKey, message: string, t: ExtensionMessages): string {
  if (message === extEn.enterText) return t.enterText;
  const codes: IssueCode[] = ['required', 'url', 'protocol', 'https', 'credentials', 'tooLong', 'chars'];
  const code = codes.find((c) => issueMessage(key, c, extEn) === message);
  return code ? issueMessage(key, code, t) : message;
}

const URL_KEYS = new Set<SettingKey>(['apiBase', 'tokenEndpoint', 'broker']);

/** The result of checking one value: the cleaned value, or the message to show next to the field. */
export type FieldResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * Checks one field.
 * @example
 * validateField('apiBase', 'http://api.example.com') // { ok: false, message: 'Use https:// (http:// is allowed only for localhost).' }
 */
export function validateField(key: SettingKey, value: unknown, t: ExtensionMessages = extEn): FieldResult {
  if (typeof value !== 'string') return { ok: false, message: t.enterText };
  const result = z.safeParse(SETTING_SCHEMAS[key], value);
  if (result.success) return { ok: true, value: URL_KEYS.has(key) && result.data ? normaliseUrl(result.data) : result.data };
  // A union reports its branches' issues nested; the URL branch's message is the useful one.
  const issue = result.error.issues[0]!;
  const nested = issue.code === 'invalid_union' ? issue.errors.at(-1)?.[0] : undefined;
  return { ok: false, message: issueMessage(key, (nested ?? issue).message as IssueCode, t) };
}

/** The fields of a form or a policy, checked: clean values of the good ones, messages for the bad. */
export interface CheckedSettings {
  values: Partial<Record<SettingKey, string>>;
  errors: Partial<Record<SettingKey, string>>;
}

/**
 * Checks every known field present in `raw` (unknown keys are ignored, absent ones left out).
 * An empty optional field comes out as `''`, meaning "not set".
 */
export function checkSettings(raw: unknown): CheckedSettings {
  const out: CheckedSettings = { values: {}, errors: {} };
  if (typeof raw !== 'object' || raw === null) return out;
  const record = raw as Record<string, unknown>;
  for (const key of SETTING_KEYS) {
    if (record[key] === undefined || record[key] === null) continue;
    const result = validateField(key, record[key]);
    if (result.ok) out.values[key] = result.value;
    else out.errors[key] = result.message;
  }
  return out;
}

/** The effective settings, with where each came from. */
export interface ResolvedSettings {
  settings: Settings;
  source: Record<SettingKey, SettingSource>;
  /** Fields set by policy: shown disabled, "Set by your organisation". */
  locked: SettingKey[];
  /** Policy values that were ignored because they are invalid. */
  policyErrors: Partial<Record<SettingKey, string>>;
  /** True while the API base is the local demo's: the popup says so. */
  usingDemo: boolean;
}

/**
 * Resolves the effective settings: policy over user over default, field by field. Invalid values are
 * skipped at every level (a stored value from an older version must not break the popup).
 * @param managed what `storage.managed.get()` answered (`{}` without a policy)
 * @param user what the options page saved (`storage.local` {@link USER_SETTINGS_KEY}), or undefined
 * @example
 * resolveSettings({ apiBase: 'https://api.rechat.com' }, { apiBase: 'http://localhost:1/api', brand: 'b' })
 * // settings.apiBase from policy (locked), brand from the user, clientId the demo's
 */
export function resolveSettings(managed: unknown, user: unknown): ResolvedSettings {
  const policy = checkSettings(managed);
  const saved = checkSettings(user);
  const values: Partial<Record<SettingKey, string>> = {};
  const source = {} as Record<SettingKey, SettingSource>;
  const locked: SettingKey[] = [];
  for (const key of SETTING_KEYS) {
    const fromPolicy = policy.values[key];
    const fromUser = saved.values[key];
    if (fromPolicy !== undefined) {
      values[key] = fromPolicy;
      source[key] = 'policy';
      locked.push(key);
    } else if (fromUser !== undefined) {
      values[key] = fromUser;
      source[key] = 'user';
    } else {
      values[key] = (DEMO_SETTINGS as Partial<Record<SettingKey, string>>)[key];
      source[key] = 'default';
    }
  }
  const settings: Settings = { apiBase: values.apiBase!, clientId: values.clientId!, brand: values.brand! };
  // '' means "explicitly not set": a policy may lock the token endpoint to none.
  if (values.tokenEndpoint) settings.tokenEndpoint = values.tokenEndpoint;
  if (values.broker) settings.broker = values.broker;
  return { settings, source, locked, policyErrors: policy.errors, usingDemo: settings.apiBase === DEMO_SETTINGS.apiBase };
}

