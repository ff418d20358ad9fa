import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { promtoolCheckMetrics } from '../support/promtool.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

/** `name → type` of every metric in an exposition, from its `# TYPE` lines. */
function exportedTypes(exposition: string): Map<string, string> {
  return new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1]!, match[2]!]));
}

/** `name → type` of every row of the catalogue's tables (`| \`name\` | type | labels | meaning |`). */
function documentedTypes(catalogue: string): Map<string, string> {
  return new Map([...catalogue.matchAll(/^\| `([a-z0-9_:]+)` \| (counter|gauge|histogram|summary) \|/gm)].map((match) => [match[1]!, match[2]!]));
}

describe('/metrics', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(`${platform.origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };

  it('shows the HTTP histogram by route template after requests', async () => {
    await fetch(`${platform.origin}/health`);
    await fetch(`${platform.origin}/api/v1/orgs/org_abcdefabcdef/does-not-exist`);
    const text = await scrape();
    expect(text).toMatch(/^kici_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/health",status="200"\} \d+$/m);
    expect(text).toMatch(/^kici_http_requests_total\{method="GET",route="\/health",status="200"\} [1-9]\d*$/m);
    expect(text).toMatch(/^kici_http_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]\d*$/m);
    // Raw URLs never become label values: one series for all unmatched requests.
    expect(text).not.toContain('org_abcdefabcdef');
  });

  it('includes the default process metrics', async () => {
    const text = await scrape();
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
  });

  it('passes promtool check metrics apart from the known default-metric lints', async () => {
    const result = promtoolCheckMetrics(await scrape());
    if (!result.available) {
      if (process.env.CI) throw new Error('promtool is missing: .ci/run installs the Debian package prometheus');
      console.warn('promtool not installed (apt-get install prometheus); skipping the lint check');
      return;
    }
    expect(result.problems).toEqual([]);
    expect([0, 3]).toContain(result.exitCode);
  });

  it('exports exactly the metrics docs/metrics.md documents, with the documented types', async () => {
    const exported = exportedTypes(await scrape());
    const documented = documentedTypes(readFileSync(resolve('docs/metrics.md'), 'utf8'));
    const undocumented = [...exported.keys()].filter((name) => !documented.has(name));
    expect(undocumented).toEqual([]);
    for (const [name, type] of exported) expect(`${name} ${documented.get(name)}`).toBe(`${name} ${type}`);
    // The Platform's own metrics must not be documented after they are gone (runtime ones vary by Node version).
    const stale = [...documented.keys()].filter((name) => name.startsWith('kici_') && !exported.has(name));
    expect(stale).toEqual([]);
  });
});
