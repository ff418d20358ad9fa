import { loadConfig } from '../config/load-config.js';
import { describeConfig, maskUrlPassword } from './config-summary.js';

describe('describeConfig', () => {
  it('masks the database password and the secret key', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const lines = describeConfig(loadConfig({ KICI_DATABASE_URL: 'postgres://kici:s3cret-pw@db:5432/kici', KICI_SECRET_KEY: key }, '/srv'));
    const text = lines.join('\n');
    expect(text).toContain('database.url = postgres://kici:****@db:5432/kici');
    expect(text).toContain('secretKey = **** (set, 32 bytes)');
    expect(text).not.toContain('s3cret-pw');
    expect(text).not.toContain(key);
  });

  it('lists nested settings as dotted keys and says when the embedded database is used', () => {
    const lines = describeConfig(loadConfig({ KICI_PORT: '8080' }, '/srv'));
    expect(lines).toContain('http.port = 8080');
    expect(lines).toContain('database.url = (embedded PostgreSQL under dataDir)');
    expect(lines).toContain('oidc.audiences = []');
    expect(lines.some((line) => line.startsWith('unknownVariables'))).toBe(false);
  });

  it('masks what it cannot parse rather than echo it', () => {
    expect(maskUrlPassword('not a url')).toBe('****');
  });
});
