import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const APP_ID = '0b3b1d5e-1111-4222-8333-944444444444';
const TENANT = '11111111-2222-3333-4444-555555555555';

describe('loadConfig', () => {
  it('defaults to the embedded store on port 3978 with authentication off', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.storage).toEqual({ kind: 'sqlite', path: 'data/toolkit.db' });
    expect(config.botAuth).toBeUndefined();
    expect(config.adminObjectIds).toEqual([]);
  });

  it('listens on 127.0.0.1 with authentication off and on every interface with it on, unless HOST says otherwise', () => {
    const auth = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: TENANT };
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ MICROSOFT_APP_TENANT_ID: TENANT }).host).toBe('127.0.0.1');
    expect(loadConfig(auth).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...auth, HOST: '10.0.0.4' }).host).toBe('10.0.0.4');
  });

  it('chooses Cosmos when its endpoint and key are set', () => {
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://toolkit.documents.azure.com:443/', COSMOS_KEY: 'abc' });
    expect(config.storage).toMatchObject({ kind: 'cosmos', database: 'partnership-toolkit', container: 'records', allowSelfSignedCertificate: false });
  });

  it('signs in to Cosmos with a managed identity instead of a key when its client id is set', () => {
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://toolkit.documents.azure.com:443/', COSMOS_MANAGED_IDENTITY_CLIENT_ID: APP_ID });
    expect(config.storage).toMatchObject({ kind: 'cosmos', managedIdentityClientId: APP_ID });
    expect(config.storage).not.toHaveProperty('key');
  });

  it('turns authentication on with an app id, secret and tenant', () => {
    const config = loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: TENANT });
    expect(config.botAuth).toEqual({ appId: APP_ID, appPassword: 's', tenantId: TENANT, appType: 'SingleTenant' });
  });

  it('limits service to the tenant when one is set, with or without authentication', () => {
    expect(loadConfig({ MICROSOFT_APP_TENANT_ID: TENANT }).allowedTenantId).toBe(TENANT);
    expect(loadConfig({ MICROSOFT_APP_TENANT_ID: TENANT }).botAuth).toBeUndefined();
    expect(loadConfig({}).allowedTenantId).toBeUndefined();
  });

  it('refuses to run in production without authentication', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('Setting MICROSOFT_APP_ID is missing: NODE_ENV is production');
    expect(loadConfig({ NODE_ENV: 'production', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: TENANT }).botAuth?.appId).toBe(APP_ID);
  });

  it('reads the advanced token settings only alongside an app id', () => {
    const config = loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: TENANT, BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/openid', BOT_TOKEN_ISSUER: 'https://issuer.test' });
    expect(config.botAuth).toMatchObject({ openIdMetadataUrl: 'http://127.0.0.1:1/openid', tokenIssuer: 'https://issuer.test' });
  });

  it('reads administrators as a list of object ids', () => {
    const config = loadConfig({ ADMIN_OBJECT_IDS: ` ${APP_ID}, ${TENANT} ` });
    expect(config.adminObjectIds).toEqual([APP_ID, TENANT]);
  });

  it("accepts the Agents Playground's own user id as an administrator only without authentication", () => {
    const playgroundUser = '00000000-0000-0000-0000-0000000000020';
    expect(loadConfig({ ADMIN_OBJECT_IDS: playgroundUser }).adminObjectIds).toEqual([playgroundUser]);
    expect(() => loadConfig({ ADMIN_OBJECT_IDS: playgroundUser, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: TENANT })).toThrow('ids that are not GUIDs');
    expect(() => loadConfig({ ADMIN_OBJECT_IDS: playgroundUser, NODE_ENV: 'production' })).toThrow(ConfigError);
  });

  it.each([
    [{ PORT: 'abc' }, 'Setting PORT is invalid'],
    [{ PORT: '70000' }, 'Setting PORT is invalid'],
    [{ LOG_LEVEL: 'loud' }, 'Setting LOG_LEVEL is invalid'],
    [{ MICROSOFT_APP_ID: 'not-a-guid' }, 'Setting MICROSOFT_APP_ID is invalid: must be a GUID'],
    [{ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's' }, 'Setting MICROSOFT_APP_TENANT_ID is missing'],
    [{ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT }, 'Setting MICROSOFT_APP_PASSWORD is missing'],
    [{ MICROSOFT_APP_PASSWORD: 's' }, 'Setting MICROSOFT_APP_ID is missing'],
    [{ COSMOS_KEY: 'k' }, 'Setting COSMOS_ENDPOINT is missing'],
    [{ COSMOS_ENDPOINT: 'https://x.documents.azure.com/' }, 'Setting COSMOS_KEY is missing'],
    [{ COSMOS_ENDPOINT: 'ftp://x' , COSMOS_KEY: 'k' }, 'Setting COSMOS_ENDPOINT is invalid'],
    [{ COSMOS_MANAGED_IDENTITY_CLIENT_ID: APP_ID }, 'Setting COSMOS_ENDPOINT is missing: COSMOS_MANAGED_IDENTITY_CLIENT_ID is set without it'],
    [{ COSMOS_ENDPOINT: 'https://x.documents.azure.com/', COSMOS_KEY: 'k', COSMOS_MANAGED_IDENTITY_CLIENT_ID: APP_ID }, 'use one way to sign in'],
    [{ COSMOS_ENDPOINT: 'https://x.documents.azure.com/', COSMOS_MANAGED_IDENTITY_CLIENT_ID: 'me' }, 'Setting COSMOS_MANAGED_IDENTITY_CLIENT_ID is invalid'],
    [{ ADMIN_OBJECT_IDS: 'bob' }, 'Setting ADMIN_OBJECT_IDS is invalid'],
  ])('stops with a message naming the setting: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
