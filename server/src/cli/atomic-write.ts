import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { StoredFile } from '../engine/files';
import { BOM } from '../engine/text';

/** Thrown when the file changed on disk after it was read; writing would lose that change. */
export class ConcurrentChangeError extends Error {}

/**
 * Replaces a file's content so that readers see either the old or the new bytes, never a mix,
 * and a failure at any step leaves the original untouched: write a temporary file in the same
 * folder (rename is atomic only within one file system), fsync it, then rename it over the
 * original. The mode and, where permitted, the owner are copied first.
 */
export async function writeFileAtomic(original: StoredFile, text: string): Promise<void> {
  // Through a symbolic link, replace the target: renaming over the link would turn it into a copy.
  const target = await fs.realpath(original.path);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.kubeward-tmp`);
  const mode = original.mode & 0o7777;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', mode);
    await handle.writeFile(original.bom ? BOM + text : text, 'utf8');
    // `open` applies the umask; set the mode explicitly so that 0664 stays 0664.
    await handle.chmod(mode);
    if (typeof process.getuid === 'function' && (original.uid !== process.getuid() || original.gid !== process.getgid?.())) {
      // Only root may give a file away; for others the new file keeps their ownership.
      await handle.chown(original.uid, original.gid).catch(() => undefined);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    const now = await fs.stat(target);
    if (now.mtimeMs !== original.mtimeMs || now.size !== original.size) {
      throw new ConcurrentChangeError('The file changed on disk while it was being fixed; it was left as it is.');
    }
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  // Makes the rename itself durable. Not every platform can open a folder; the data is safe anyway.
  try {
    const folder = await fs.open(dir, 'r');
    await folder.sync().finally(() => folder.close());
  } catch {
    // Best effort only.
  }
}
