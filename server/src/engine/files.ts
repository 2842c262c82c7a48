import { closeSync, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import { analyzeText, type AnalysisResult, type AnalyzeOptions } from './analyze';
import { decodeManifest, DEFAULT_MAX_FILE_SIZE, formatSize } from './input';
import { describeFsError } from './walk';

/** What a writer needs to put a fixed text back exactly as the file was stored. */
export interface StoredFile {
  readonly path: string;
  /** The decoded text, without the byte-order mark. */
  readonly text: string;
  readonly bom: boolean;
  /** Permission bits, owner and the modification stamp at read time (to detect concurrent edits). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly size: number;
}

/**
 * The outcome of reading a manifest file. `skipped` files were deliberately not analysed (too
 * large, chart templates) and are not failures; `error` means the input could not be read as a
 * manifest at all, which a CI run must not pass over silently.
 */
export type ReadOutcome =
  | { readonly status: 'ok'; readonly file: StoredFile }
  | { readonly status: 'skipped'; readonly path: string; readonly message: string }
  | { readonly status: 'error'; readonly path: string; readonly message: string };

export interface ReadOptions {
  readonly maxFileSize?: number;
  /** How users raise the limit, for the over-size message: `--max-file-size`, or the setting. */
  readonly limitHint?: string;
}

/** Reads and decodes one manifest; never throws. */
export async function readManifestFile(path: string, options: ReadOptions = {}): Promise<ReadOutcome> {
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let handle;
  try {
    handle = await fs.open(path, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) return { status: 'error', path, message: 'Not a regular file.' };
    // Checked before reading, so that a huge file costs a stat call and not its size in memory.
    if (stat.size > maxSize) {
      const hint = options.limitHint ?? 'setting kubeward.maxFileSize';
      return {
        status: 'skipped',
        path,
        message: `The file is ${formatSize(stat.size)}, over the ${formatSize(maxSize)} limit (${hint}); it was not analysed.`,
      };
    }
    const bytes = await handle.readFile();
    const decoded = decodeManifest(bytes, maxSize);
    if ('skip' in decoded) {
      return decoded.skip.kind === 'too-large'
        ? { status: 'skipped', path, message: decoded.skip.message }
        : { status: 'error', path, message: decoded.skip.message };
    }
    return {
      status: 'ok',
      file: { path, text: decoded.text, bom: decoded.bom, mode: stat.mode, uid: stat.uid, gid: stat.gid, mtimeMs: stat.mtimeMs, size: stat.size },
    };
  } catch (error) {
    return { status: 'error', path, message: describeFsError(error) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * readManifestFile without the promise round trips (open, stat, read, close each cross to the
 * thread pool): for worker threads and bulk passes, where blocking the calling thread costs nothing.
 */
export function readManifestFileSync(path: string, options: ReadOptions = {}): ReadOutcome {
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { status: 'error', path, message: 'Not a regular file.' };
    if (stat.size > maxSize) {
      const hint = options.limitHint ?? 'setting kubeward.maxFileSize';
      return {
        status: 'skipped',
        path,
        message: `The file is ${formatSize(stat.size)}, over the ${formatSize(maxSize)} limit (${hint}); it was not analysed.`,
      };
    }
    const decoded = decodeManifest(readFileSync(fd), maxSize);
    if ('skip' in decoded) {
      return decoded.skip.kind === 'too-large'
        ? { status: 'skipped', path, message: decoded.skip.message }
        : { status: 'error', path, message: decoded.skip.message };
    }
    return {
      status: 'ok',
      file: { path, text: decoded.text, bom: decoded.bom, mode: stat.mode, uid: stat.uid, gid: stat.gid, mtimeMs: stat.mtimeMs, size: stat.size },
    };
  } catch (error) {
    return { status: 'error', path, message: describeFsError(error) };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Closing a read-only descriptor cannot lose data.
      }
    }
  }
}

/** An analysed file, or why it was not analysed. */
export type FileAnalysis =
  | {
      readonly status: 'ok';
      readonly file: StoredFile;
      readonly result: AnalysisResult;
      /** Set when part of the file was not analysed (template documents); the rest was. */
      readonly partlySkipped?: string;
    }
  | { readonly status: 'skipped'; readonly path: string; readonly message: string }
  | { readonly status: 'error'; readonly path: string; readonly message: string };

/**
 * Sorts the engine's notices about analysed text into the file's status: chart templates are
 * skipped (they are not manifests until rendered); text that is not YAML at all is an error.
 */
export function classifyAnalysis(file: StoredFile, result: AnalysisResult): FileAnalysis {
  const fatal = result.notices.find((notice) => notice.kind === 'binary' || notice.kind === 'encoding' || notice.kind === 'not-yaml');
  if (fatal) return { status: 'error', path: file.path, message: fatal.message };
  const tooLarge = result.notices.find((notice) => notice.kind === 'too-large');
  if (tooLarge) return { status: 'skipped', path: file.path, message: tooLarge.message };
  const templates = result.notices.filter((notice) => notice.kind === 'template');
  if (templates.length === 0) return { status: 'ok', file, result };
  if (!result.isKubernetes && result.findings.length === 0) {
    return { status: 'skipped', path: file.path, message: (templates[0] as { message: string }).message };
  }
  const documents = templates.length === 1 ? 'One YAML document contains' : `${templates.length} YAML documents contain`;
  return {
    status: 'ok',
    file,
    result,
    partlySkipped: `${documents} template syntax ({{ }}) and ${templates.length === 1 ? 'was' : 'were'} not analysed; the rest of the file was.`,
  };
}

/** Reads a manifest file and analyses it. Never throws. */
export async function analyzeFile(path: string, options: AnalyzeOptions & ReadOptions): Promise<FileAnalysis> {
  const read = await readManifestFile(path, { maxFileSize: options.maxFileSize ?? options.settings.maxFileSize, ...(options.limitHint ? { limitHint: options.limitHint } : {}) });
  if (read.status !== 'ok') return read;
  return classifyAnalysis(read.file, analyzeText(read.file.text, options));
}

/** analyzeFile with a blocking read, for worker threads. Never throws for bad input. */
export function analyzeFileSync(path: string, options: AnalyzeOptions & ReadOptions): FileAnalysis {
  const read = readManifestFileSync(path, { maxFileSize: options.maxFileSize ?? options.settings.maxFileSize, ...(options.limitHint ? { limitHint: options.limitHint } : {}) });
  if (read.status !== 'ok') return read;
  return classifyAnalysis(read.file, analyzeText(read.file.text, options));
}
