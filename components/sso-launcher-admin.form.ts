/**
 * The checks behind the admin forms, kept apart from the element so they can be tested without a DOM:
 * each answers one plain message per field, from the messages table, for the form to show next to it.
 * @module
 */
import { ValidationError } from '../core/errors.ts';
import { checkGroupInput, type MosaicGroupInput, type SessionTimeoutGranularity } from '../core/mosaic.ts';
import { checkIcon } from '../core/rechat/apps.ts';
import type { AdminMessages } from './sso-launcher-admin.messages.ts';

/** The fields of the app form that can be wrong. */
export type AppField = 'name' | 'url' | 'acs_url' | 'entity_id' | 'brands' | 'icon';

/** What the app form holds. */
export interface AppFormValues {
  name: string;
  authentication_type: 'SAML' | 'None';
  url: string;
  acs_url: string;
  entity_id: string;
  brands: readonly string[];
}

/** Longest app name (the simulator's limit; Rechat's doc gives none). */
export const APP_NAME_MAX = 200;

function isUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * A URN as RFC 8141 spells it: `urn:`, a namespace id (2 to 32 letters, digits or hyphens, not starting
 * with a hyphen), `:`, and a non-empty rest without spaces. SAML 2.0 (core, section 8.3.6) allows any URI
 * as an entity ID, and many providers use URNs such as `urn:amazon:webservices`.
 */
const URN_RE = /^urn:[a-z0-9][a-z0-9-]{1,31}:\S+$/i;

/** Whether `value` can be a SAML entity ID here: an https URL or a URN. */
export function isEntityId(value: string): boolean {
  return isUrl(value, ['https:']) || URN_RE.test(value);
}

/**
 * Checks the app form: a name; for SAML an https ACS URL and an entity ID (an https URL or a URN); for a link, an
 * http(s) URL (docs/architecture.md, "Security model": nothing else is ever opened); at least one brand.
 */
export function validateAppForm(values: AppFormValues, m: AdminMessages): Partial<Record<AppField, string>> {
  const errors: Partial<Record<AppField, string>> = {};
  const name = values.name.trim();
  if (!name) errors.name = m.nameRequired;
  else if (name.length > APP_NAME_MAX) errors.name = m.nameTooLong;
  if (values.authentication_type === 'SAML') {
    const acs = values.acs_url.trim();
    const entity = values.entity_id.trim();
    if (!acs) errors.acs_url = m.acsRequired;
    else if (!isUrl(acs, ['https:'])) errors.acs_url = m.httpsRequired;
    if (!entity) errors.entity_id = m.entityRequired;
    else if (!isEntityId(entity)) errors.entity_id = m.entityInvalid;
  } else {
    const url = values.url.trim();
    if (!url) errors.url = m.urlRequired;
    else if (!isUrl(url, ['https:', 'http:'])) errors.url = m.urlInvalid;
  }
  if (values.brands.length === 0) errors.brands = m.brandsRequired;
  return errors;
}

/** The icon's problem in plain words (core's {@link checkIcon}: type and size), or undefined. */
export function iconError(file: Blob, m: AdminMessages): string | undefined {
  try {
    checkIcon(file);
    return undefined;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return /at most/.test(error.issues[0]?.message ?? '') ? m.iconSize : m.iconType;
  }
}

/** The fields of the group form that can be wrong. */
export type GroupField = 'name' | 'description' | 'journey' | 'sessionTimeout' | 'granularity';

/** What the group form holds (the timeout as typed). */
export interface GroupFormValues {
  name: string;
  description: string;
  journey: string;
  allowSilentLogin: boolean;
  sessionTimeout: string;
  granularity: string;
}

const GROUP_FIELD_OF: Record<string, GroupField> = {
  name: 'name',
  description: 'description',
  'configuration.journey': 'journey',
  'configuration.sessionTimeout': 'sessionTimeout',
  'configuration.sessionTimeoutGranularity': 'granularity',
};

/**
 * Checks the group form with the core's {@link checkGroupInput}, and answers either the body to send
 * or one message per field.
 */
export function validateGroupForm(
  values: GroupFormValues,
  m: AdminMessages,
): { input: MosaicGroupInput; errors?: undefined } | { input?: undefined; errors: Partial<Record<GroupField, string>> } {
  const typed = values.sessionTimeout.trim();
  const timeout = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
  try {
    return {
      input: checkGroupInput({
        name: values.name,
        description: values.description,
        configuration: {
          journey: values.journey,
          allowSilentLogin: values.allowSilentLogin,
          sessionTimeout: timeout,
          sessionTimeoutGranularity: values.granularity as SessionTimeoutGranularity,
        },
      }),
    };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors: Partial<Record<GroupField, string>> = {};
    for (const issue of error.issues) {
      const field = GROUP_FIELD_OF[issue.path];
      if (!field || errors[field]) continue;
      if (field === 'name') errors.name = issue.message === 'required' ? m.nameRequired : m.groupNameTooLong;
      else if (field === 'description') errors.description = m.descriptionTooLong;
      else if (field === 'sessionTimeout') errors.sessionTimeout = m.timeoutRequired;
      else errors[field] = issue.message;
    }
    return { errors };
  }
}
