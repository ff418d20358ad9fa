import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The development fallback for `KICI_SECRET_KEY`: a random key kept in `<dataDir>/secret.key` (mode 0600)
 * and reused on every restart, so secrets encrypted yesterday still open. Created atomically (`wx`): two
 * processes starting together end up with the same key.
 */
export async function loadOrCreateSecretKey(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, SECRET_KEY_FILE);
  const read = async (): Promise<Buffer> => {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold a base64 32-byte key`);
    return key;
  };
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read();
}
