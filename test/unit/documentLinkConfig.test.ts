import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('settings for links to generated documents', () => {
  it('links use the listening address unless a public one is set, and last seven days', () => {
    const config = loadConfig({});
    expect(config.publicBaseUrl).toBeUndefined();
    expect(config.documentLinkDays).toBe(7);
  });

  it('takes PUBLIC_BASE_URL without a trailing slash, else App Service\'s own host name over https', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://toolkit.example.gov.uk/' }).publicBaseUrl).toBe('https://toolkit.example.gov.uk');
    expect(loadConfig({ WEBSITE_HOSTNAME: 'toolkit-app.azurewebsites.net' }).publicBaseUrl).toBe('https://toolkit-app.azurewebsites.net');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://toolkit.example.gov.uk', WEBSITE_HOSTNAME: 'x.azurewebsites.net' }).publicBaseUrl).toBe('https://toolkit.example.gov.uk');
    expect(loadConfig({ DOCUMENT_LINK_DAYS: '3' }).documentLinkDays).toBe(3);
  });

  it.each([
    [{ PUBLIC_BASE_URL: 'toolkit.example.gov.uk' }, 'Setting PUBLIC_BASE_URL is invalid'],
    [{ PUBLIC_BASE_URL: 'ftp://toolkit.example.gov.uk' }, 'Setting PUBLIC_BASE_URL is invalid'],
    [{ DOCUMENT_LINK_DAYS: '0' }, 'Setting DOCUMENT_LINK_DAYS is invalid'],
    [{ DOCUMENT_LINK_DAYS: '90' }, 'Setting DOCUMENT_LINK_DAYS is invalid'],
    [
      { NODE_ENV: 'production', MICROSOFT_APP_ID: '0b3b1d5e-1111-4222-8333-944444444444', MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TENANT_ID: '11111111-2222-3333-4444-555555555555', PUBLIC_BASE_URL: 'http://toolkit.example.gov.uk' },
      'Setting PUBLIC_BASE_URL is invalid: in production links to documents must use https://',
    ],
  ])('stops with a message naming the setting: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
