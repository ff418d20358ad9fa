import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  read_only?: boolean;
  stop_grace_period?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
}

const compose = parse(readFileSync('docker/compose.yaml', 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const nginx = readFileSync('docker/nginx.conf', 'utf8');

describe('docker/compose.yaml and docker/nginx.conf', () => {
  it('runs two read-only Platform replicas after a one-shot migration, against postgres:18', () => {
    const { platform, migrate, postgres } = compose.services;
    expect(platform.deploy?.replicas).toBe(2);
    expect(platform.read_only).toBe(true);
    expect(platform.environment).toMatchObject({ NODE_ENV: 'production', KICI_AUTO_MIGRATE: 'false', KICI_DATABASE_URL: 'postgres://kici:kici@postgres:5432/kici' });
    expect(platform.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    expect(migrate.command).toEqual(['node', 'dist/src/cli/main.js', 'migrate']);
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(postgres.image).toBe('postgres:18');
  });

  it('requires the production settings from the caller instead of shipping defaults for them', () => {
    const environment = compose.services.platform.environment ?? {};
    expect(environment.KICI_SECRET_KEY).toMatch(/^\$\{KICI_SECRET_KEY:\?/);
    expect(environment.KICI_OIDC_ISSUER).toMatch(/^\$\{KICI_OIDC_ISSUER:\?/);
  });

  it('gives a stopping replica longer than its shutdown timeout', () => {
    const { platform } = compose.services;
    const timeoutSeconds = Number(platform.environment?.KICI_SHUTDOWN_TIMEOUT_MS) / 1000;
    expect(Number.parseInt(platform.stop_grace_period ?? '10s', 10)).toBeGreaterThan(timeoutSeconds);
  });

  it('proxies WebSocket upgrades and keeps quiet sockets for at least an hour', () => {
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(nginx).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toMatch(/proxy_http_version 1\.1;/);
    for (const directive of ['proxy_read_timeout', 'proxy_send_timeout']) {
      const seconds = Number(new RegExp(`${directive} (\\d+)s;`).exec(nginx)?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(3600);
    }
    expect(nginx).toMatch(/server platform:3000;/);
    expect(nginx).toMatch(/client_max_body_size 25m;/);
  });
});
