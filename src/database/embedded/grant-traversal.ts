import { chmod, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Every folder from the root down to `path`, root first. */
function foldersDownTo(path: string): string[] {
  const folders: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    folders.unshift(current);
    if (dirname(current) === current) return folders;
  }
}

/**
 * PostgreSQL refuses to run as root, so under root it runs as user `postgres`, which must be able to pass
 * through every folder above its binaries and its data (a clone under a 0700 home or `mktemp -d` folder
 * blocks it). This adds only the search bit for others (`o+x`: enter, not list) to folders that lack
 * it, and says so. Does nothing when not running as root.
 */
export async function grantPostgresTraversal(paths: readonly string[], log: (message: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const folders = new Set(paths.flatMap(foldersDownTo));
  for (const folder of folders) {
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory() || (info.mode & 0o001) !== 0) continue;
    await chmod(folder, (info.mode & 0o7777) | 0o001);
    log(`Allowed the postgres user to pass through ${folder} (added o+x)`);
  }
}
