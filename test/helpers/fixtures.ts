/** Valid Rechat response bodies, in the shapes the vendor's docs show, for schema tests and fuzzing. */
import { CHILD_BRAND_ID, PARENT_BRAND_ID } from '../../demo/simulator/index.ts';

export const validUser = { id: 'u1', email: 'agent@example.com', first_name: 'Alex', last_name: null, mfa_enabled: false };

export const validApp = {
  id: 'a1',
  name: 'Rechat CRM',
  authentication_type: 'None',
  open_url: 'https://api.example/sso_applications/open?hash=x',
  url: 'https://app.rechat.com/',
  acs_url: null,
  entity_id: null,
  order: 0,
  icon: null,
  brands: [PARENT_BRAND_ID, CHILD_BRAND_ID],
  created_at: 1769132602.102,
  updated_at: 1769132602.102,
};

export const validTokenResponse = {
  access_token: 'access',
  refresh_token: 'refresh',
  expires_in: 3600,
  token_type: 'Bearer',
  code: 'OK',
  data: validUser,
};

export const validAppList = { code: 'OK', data: [validApp, { ...validApp, id: 'a2', name: 'DocuSign', brands: [{ id: PARENT_BRAND_ID }] }], info: { count: 2, total: 2 } };

export const validUserEnvelope = { code: 'OK', data: validUser };

export const validMfaSetup = {
  code: 'OK',
  data: { ...validUser, mfa_url: 'otpauth://totp/Rechat:agent%40example.com?issuer=Rechat&secret=JBSWY3DPEHPK3PXP', mfa_qr_code: '' },
};

/** `POST`/`PUT /brands/:brand/sso_applications[/:id]`: one app in the envelope. */
export const validAppEnvelope = { code: 'OK', data: validApp };

/** A brand as `/users/self/brands` and `/brands/:id` send it. */
export const validBrand = {
  id: CHILD_BRAND_ID,
  name: 'Child Brand',
  brand_type: 'Team',
  parents: [PARENT_BRAND_ID],
  role: 'Agent',
  parent: { id: PARENT_BRAND_ID, name: 'Admin Brand Parent' },
};

/** `GET /users/self/brands`. */
export const validBrandList = { code: 'OK', data: [validBrand, { id: PARENT_BRAND_ID, name: 'Admin Brand Parent', brand_type: 'Office', parents: null, role: 'Admin', parent: null }] };

/** Xenioo `POST /sso/authorize`, current API (`Data` wrapper; `Expires` in minutes). */
export const validXeniooAuthorize = { Data: { Home: 'https://designer.xenioo.example/auth/sso/tok123', Token: 'tok123', Expires: 60 } };

/** The same from the older API: no wrapper. */
export const validXeniooAuthorizeLegacy = { Home: 'https://designer.xenioo.example/auth/sso/tok456', Token: 'tok456', Expires: 60 };

/** A Mosaic SSO clients group with an OIDC and a SAML client, as the vendor's doc shows it (secret included). */
export const validMosaicGroup = {
  id: 'grp-1',
  name: 'Agent apps',
  description: 'Apps every agent gets',
  configuration: { journey: 'agent_sso_journey', allowSilentLogin: true, sessionTimeout: 8, sessionTimeoutGranularity: 'hours' },
  clients: [
    {
      client_id: 'oidc-1',
      name: 'Rechat CRM',
      client_type: 'web',
      authentication_protocol: 'oidc',
      redirect_uris: ['https://app.rechat.com/callback'],
      client_secret: 'never-passed-on',
      created_at: '2026-01-23T00:00:00Z',
    },
    { client_id: 'saml-1', name: 'DocuSign', authentication_protocol: 'saml', sso_url: 'https://idp.example/saml', sp_acs_url: 'https://docusign.example/acs', sp_entity_id: 'docusign' },
  ],
};

/** `GET /cis/v1/sso-service/sso-group/{id}`. */
export const validMosaicGroupEnvelope = { result: validMosaicGroup };

/** `GET /cis/v1/sso-service/sso-group`. */
export const validMosaicGroupList = { result: [validMosaicGroup, { id: 'grp-2', name: 'Back office', configuration: null, clients: [] }] };
