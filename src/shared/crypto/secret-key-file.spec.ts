import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecretKey, SECRET_KEY_FILE } from './secret-key-file.js';

describe('loadOrCreateSecretKey', () => {
  it('creates a private 32-byte key once and reuses it', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'kici-key-')), 'nested');
    const first = await loadOrCreateSecretKey(dir);
    expect(first).toHaveLength(32);
    expect((await stat(join(dir, SECRET_KEY_FILE))).mode & 0o777).toBe(0o600);
    await expect(loadOrCreateSecretKey(dir)).resolves.toEqual(first);
  });
});
