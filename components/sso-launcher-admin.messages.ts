/**
 * Every string of `<sso-launcher-admin>`, in one table ready for translation, like the launcher's
 * (./messages.ts). A host adds a language with {@link registerAdminMessages}; the element picks it
 * with its `lang` (or the page's), and a `messages` property can override single strings.
 * @module
 */
import type { MosaicPermission } from '../core/mosaic.ts';
import { catalogue } from './catalogue.ts';

export const adminEn = {
  title: 'Manage apps',
  appsLabel: 'Apps of this brand',
  addApp: 'Add app',
  loadingApps: 'Loading apps…',
  noApps: 'This brand has no apps yet. Add the first one.',
  tryAgain: 'Try again',
  edit: 'Edit',
  delete: 'Delete',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  close: 'Close',
  moveUp: (name: string) => `Move ${name} up`,
  moveDown: (name: string) => `Move ${name} down`,
  dragHint: 'Drag an app, or use its Move up and Move down buttons, to change the order agents see.',
  moved: (name: string, position: number, total: number) => `${name} moved to position ${position} of ${total}.`,
  // The app form.
  addAppTitle: 'Add an app',
  editAppTitle: (name: string) => `Edit ${name}`,
  name: 'Name',
  signInType: 'Sign-in type',
  typeSaml: 'SAML single sign-on',
  typeNone: 'Link only (no single sign-on)',
  url: 'Web address',
  urlHint: 'Where the app opens, such as https://app.example.com/.',
  acsUrl: 'ACS URL',
  acsUrlHint: "The app's Assertion Consumer Service URL, from its SAML settings.",
  entityId: 'Entity ID',
  entityIdHint: "The app's SAML entity ID (an https URL or a URN), from its SAML settings.",
  allowedBrands: 'Who can use it',
  allowedBrandsHint: 'Agents of the brands you tick see the app. A brand includes the teams inside it.',
  otherBrands: (n: number) => (n === 1 ? 'Also allowed for 1 brand you cannot see here.' : `Also allowed for ${n} brands you cannot see here.`),
  thisBrand: "This launcher's brand",
  icon: 'Icon',
  iconHint: 'PNG, JPEG, SVG or WebP, at most 512 KB. Square images look best.',
  iconPreview: 'Preview of the new icon',
  currentIcon: 'Current icon',
  removeIconChoice: 'Keep the current icon',
  // Field errors.
  nameRequired: 'Enter a name.',
  nameTooLong: 'Use at most 200 characters.',
  urlRequired: 'Enter the web address the app opens at.',
  urlInvalid: 'Enter a full web address starting with https:// or http://.',
  acsRequired: 'Enter the ACS URL.',
  entityRequired: 'Enter the entity ID.',
  httpsRequired: 'Enter a full address starting with https://.',
  entityInvalid: 'Enter a full address starting with https://, or a URN such as urn:example:app.',
  brandsRequired: 'Tick at least one brand.',
  iconType: 'Choose a PNG, JPEG, SVG or WebP image.',
  iconSize: 'Choose an image of at most 512 KB.',
  fixErrors: (n: number) => (n === 1 ? 'Check the field marked below.' : `Check the ${n} fields marked below.`),
  // Outcomes.
  created: (name: string) => `${name} was added.`,
  saved: (name: string) => `${name} was saved.`,
  plainHttpWarning: 'Warning: its address starts with http://, so it opens without encryption. Use https:// if the app offers it.',
  deleted: (name: string) => `${name} was deleted.`,
  notInBrand: (name: string) => `${name} is no longer offered to this brand, so it is not listed here.`,
  // Confirmation.
  confirmDeleteApp: (name: string) => `Delete ${name}?`,
  confirmDeleteAppText: 'Agents will no longer see it. This cannot be undone.',
  confirmDeleteGroup: (name: string) => `Delete the group ${name}?`,
  confirmDeleteGroupText: 'Its clients lose this group’s single sign-on settings. This cannot be undone.',
  // Mosaic clients groups.
  groupsTitle: 'SSO clients groups (Mosaic)',
  groupsLabel: 'SSO clients groups',
  addGroup: 'Add group',
  loadingGroups: 'Loading SSO clients groups…',
  noGroups: 'There are no SSO clients groups yet.',
  addGroupTitle: 'Add an SSO clients group',
  editGroupTitle: (name: string) => `Edit ${name}`,
  description: 'Description',
  journey: 'Journey',
  journeyHint: 'The Mosaic journey that signs users in for this group. Leave empty for the default.',
  allowSilentLogin: 'Allow silent login',
  allowSilentLoginHint: 'Users already signed in to another app of the group are signed in without a prompt.',
  sessionTimeout: 'Session timeout',
  sessionTimeoutUnit: 'Unit',
  granularity: { seconds: 'seconds', minutes: 'minutes', hours: 'hours', days: 'days', weeks: 'weeks' } as Record<string, string>,
  timeoutRequired: 'Enter a whole number, at least 1.',
  groupNameTooLong: 'Use at most 100 characters.',
  descriptionTooLong: 'Use at most 500 characters.',
  sessionSummary: (amount: number, unit: string) => `Session: ${amount} ${unit}`,
  silentOn: 'silent login on',
  silentOff: 'silent login off',
  showClients: (name: string, n: number) => `Clients of ${name} (${n})`,
  noClients: 'No clients in this group yet. Add them in the Mosaic console.',
  clientId: 'Client ID',
  redirectUris: 'Redirect URIs',
  ssoUrl: 'SSO URL',
  groupCreated: (name: string) => `The group ${name} was added.`,
  groupSaved: (name: string) => `The group ${name} was saved.`,
  groupDeleted: (name: string) => `The group ${name} was deleted.`,
  // Errors, in plain words.
  notAdmin: 'Only admins of this brand can change its apps.',
  notMosaicAdmin: 'Only brokerage admins can manage SSO clients groups.',
  mosaicPermission: (permission: MosaicPermission) =>
    `Mosaic refused: the broker's management client lacks the “${permission}” permission. Ask your Mosaic administrator to grant it.`,
  groupNotFound: 'This group no longer exists in Mosaic. The list was refreshed.',
  appNotFound: 'This app no longer exists. The list was refreshed.',
  mosaicCredentials: 'The broker cannot sign in to Mosaic. Ask your IT team to check its Mosaic credentials.',
  mosaicInvalid: (detail: string) => `Mosaic refused the group: ${detail}`,
  mosaicFailed: 'Mosaic had a problem. Try again in a moment.',
  brokerMissing: 'The token broker is not reachable, so SSO clients groups cannot be managed here.',
  serverRefused: (detail: string) => `The server refused the change: ${detail}`,
};

export type AdminMessages = typeof adminEn;

/** The admin tools' languages shipped as lazy chunks, like the launcher's (`bundledLanguages` in ./messages.ts). */
export const bundledAdminLanguages: Record<string, () => Promise<{ messages: AdminMessages }>> = {
  es: () => import('./locales/admin-es.ts'),
};

/** The admin tools' table (catalogue.ts); the functions below are its parts. */
export const adminMessageTable = catalogue(adminEn, bundledAdminLanguages);
const table = adminMessageTable;

/** Adds or extends a language of the admin tools. */
export const registerAdminMessages = table.register;
/** The admin strings for a BCP 47 tag ("fr-CA" falls back to "fr", then English). */
export const adminMessagesFor = table.messagesFor;
/** False while `lang` is a bundled language whose chunk has not arrived yet. */
export const adminMessagesReady = table.ready;
/** Loads the bundled admin table of `lang`'s language, once. */
export const loadAdminMessages = table.load;
