import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';

/**
 * Finds manifest files under the paths a user names. Pure Node (no vscode), so the CLI and the
 * editor's workspace scan find the same files in the same order.
 */

/** Folders never entered: version-control metadata and installed packages hold no manifests of ours. */
export const DEFAULT_SKIP_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** `*.yaml` and `*.yml`, in any letter case (Windows checkouts often have `.YAML`). */
export function isYamlFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

export interface WalkOptions {
  /** Base for relative paths; defaults to `process.cwd()`. */
  readonly cwd?: string;
  /** Folder names never entered, at any depth. */
  readonly skipDirs?: ReadonlySet<string>;
  /** Which files found inside folders are taken; a file named explicitly is always taken. */
  readonly isManifest?: (name: string) => boolean;
  /**
   * Further exclusions (`kubeward.exclude`, `files.exclude`, `.gitignore`), asked for every entry
   * below a named folder; `relative` is `/`-separated from that folder, `absolute` is the entry's path.
   */
  readonly exclude?: (relative: string, isDirectory: boolean, absolute: string) => boolean;
  /** Stops the walk early; what was found so far is returned. */
  readonly signal?: AbortSignal;
}

/** A path that could not be read, with a message for users. */
export interface WalkError {
  readonly path: string;
  readonly message: string;
}

export interface WalkResult {
  /** Absolute paths, each once, sorted by code unit so every machine gives the same order. */
  readonly files: readonly string[];
  /** Those of `files` that were named directly rather than found in a folder. */
  readonly named: ReadonlySet<string>;
  readonly errors: readonly WalkError[];
}

/** Sorting by code unit, not locale: `localeCompare` differs between ICU builds and locales. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A message for a failed file-system call, without Node's `ENOENT: ... , open '/x'` noise. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'No such file or directory.';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied.';
    case 'EISDIR':
      return 'Is a directory.';
    case 'ENOTDIR':
      return 'A part of the path is not a directory.';
    case 'ELOOP':
      return 'Too many levels of symbolic links.';
    case 'EROFS':
      return 'The file system is read-only.';
    case 'ENOSPC':
      return 'No space left on the device.';
    case 'EMFILE':
    case 'ENFILE':
      return 'Too many open files.';
    default: {
      const text = error instanceof Error ? error.message : String(error);
      return text.endsWith('.') ? text : `${text}.`;
    }
  }
}

/**
 * Walks files and folders. Named paths are followed even when they are symbolic links; below a
 * folder, links to files are taken but links to folders are not entered, which rules out cycles and
 * scanning outside the tree (ripgrep's default too).
 */
export async function walk(paths: readonly string[], options: WalkOptions = {}): Promise<WalkResult> {
  const cwd = options.cwd ?? process.cwd();
  const skipDirs = options.skipDirs ?? DEFAULT_SKIP_DIRS;
  const isManifest = options.isManifest ?? isYamlFileName;
  const found = new Set<string>();
  const named = new Set<string>();
  const errors: WalkError[] = [];

  const visitDir = async (dir: string, relative: string): Promise<void> => {
    if (options.signal?.aborted) return;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ path: dir, message: describeFsError(error) });
      return;
    }
    entries.sort((a, b) => compareStrings(a.name, b.name));
    for (const entry of entries) {
      if (options.signal?.aborted) return;
      const full = path.join(dir, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        isDir = false;
        isFile = await fs.stat(full).then((stat) => stat.isFile(), () => false);
      } else if (!isDir && !isFile && !entry.isFIFO() && !entry.isSocket() && !entry.isCharacterDevice() && !entry.isBlockDevice()) {
        // Some file systems report no type in the directory listing.
        const stat = await fs.lstat(full).catch(() => undefined);
        isDir = stat?.isDirectory() ?? false;
        isFile = stat?.isFile() ?? false;
      }
      if (isDir) {
        if (skipDirs.has(entry.name) || options.exclude?.(rel, true, full)) continue;
        await visitDir(full, rel);
      } else if (isFile && isManifest(entry.name) && !options.exclude?.(rel, false, full)) {
        found.add(full);
      }
    }
  };

  for (const given of paths.length > 0 ? paths : ['.']) {
    if (options.signal?.aborted) break;
    const absolute = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      errors.push({ path: absolute, message: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) await visitDir(absolute, '');
    else if (stat.isFile()) {
      found.add(absolute);
      named.add(absolute);
    }
    else errors.push({ path: absolute, message: 'Not a regular file or folder.' });
  }
  return { files: [...found].sort(compareStrings), named, errors };
}
