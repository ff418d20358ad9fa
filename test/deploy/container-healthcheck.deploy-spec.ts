import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Runs docker/healthcheck.mjs as the image's HEALTHCHECK does; resolves with its exit code. */
function healthcheck(env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['docker/healthcheck.mjs'], { env: { PATH: process.env.PATH ?? '', ...env } }, (error) => {
      resolve(error ? Number(error.code ?? 1) : 0);
    });
  });
}

describe('docker/healthcheck.mjs (the image HEALTHCHECK)', () => {
  let server: Server;
  let port: string;
  let healthStatus = 200;
  const requested: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requested.push(request.url ?? '');
      response.statusCode = request.url === '/kici/health' || request.url === '/health' ? healthStatus : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = String((server.address() as AddressInfo).port);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('exits 0 when <base path>/health answers 200, normalising the base path like the Platform', async () => {
    healthStatus = 200;
    expect(await healthcheck({ KICI_PORT: port, KICI_BASE_PATH: 'kici/' })).toBe(0);
    expect(await healthcheck({ PORT: port })).toBe(0);
    expect(requested.slice(-2)).toEqual(['/kici/health', '/health']);
  });

  it('exits 1 when /health answers anything else', async () => {
    healthStatus = 503;
    expect(await healthcheck({ KICI_PORT: port })).toBe(1);
  });

  it('exits 1 when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = String((closed.address() as AddressInfo).port);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await healthcheck({ KICI_PORT: freePort })).toBe(1);
  });
});
