/**
 * `.gitignore` matching for workspace scans, so that build output and vendored trees a repository
 * ignores are not scanned. Covers what repositories use in practice: nested `.gitignore` files,
 * `!` negation, directory-only patterns (`build/`), anchored patterns (`/out`, `a/b`), `*`, `?`,
 * `**` and character classes. Not covered: `.git/info/exclude` and the user's global excludes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Pattern {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly regex: RegExp;
}

/** One glob segment sequence as a regex source; `*` and `?` never cross `/`. */
function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '\\' && i + 1 < glob.length) {
      out += (glob[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const slashAfter = glob[i + 2] === '/';
      if (atStart && slashAfter) {
        out += '(?:.*/)?';
        i += 2;
      } else if (atStart && i + 2 === glob.length) {
        out += '.*';
        i += 1;
      } else {
        // `a**b` is two ordinary stars in git.
        out += '[^/]*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return out;
}

/** Parses one `.gitignore` file's text. */
export function parseGitignore(text: string): Pattern[] {
  const patterns: Pattern[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith('/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (line === '') continue;
    // A slash anywhere but at the end anchors the pattern to the .gitignore's folder.
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    const source = globSource(line);
    patterns.push({ negate, dirOnly, regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}$`) });
  }
  return patterns;
}

/**
 * Answers "is this path ignored?" for paths below `root`, reading `.gitignore` files lazily (once
 * per folder) as the walk reaches them. Paths are `/`-separated and relative to `root`.
 */
export class GitignoreMatcher {
  private readonly byDir = new Map<string, Pattern[]>();

  constructor(
    private readonly root: string,
    private readonly read: (file: string) => string | undefined = (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  ) {}

  /** Whether git would ignore `relative` (a folder when `isDirectory`). A parent being ignored is the walker's job: it does not descend. */
  ignores(relative: string, isDirectory: boolean): boolean {
    const parts = relative.split('/');
    let ignored = false;
    // Deeper files override shallower ones; later lines override earlier ones.
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const rest = parts.slice(depth).join('/');
      for (const pattern of this.patternsOf(dir)) {
        if (pattern.dirOnly && !isDirectory) continue;
        if (pattern.negate === ignored && pattern.regex.test(rest)) ignored = !pattern.negate;
      }
    }
    return ignored;
  }

  /** Whether the path or any folder above it (below `root`) is ignored. */
  ignoresPathOrParent(relative: string, isDirectory: boolean): boolean {
    const parts = relative.split('/');
    for (let i = 1; i < parts.length; i++) if (this.ignores(parts.slice(0, i).join('/'), true)) return true;
    return this.ignores(relative, isDirectory);
  }

  /** Forgets what was read, after a `.gitignore` changed. */
  clear(): void {
    this.byDir.clear();
  }

  private patternsOf(dir: string): Pattern[] {
    let patterns = this.byDir.get(dir);
    if (!patterns) {
      const text = this.read(path.join(this.root, ...(dir ? dir.split('/') : []), '.gitignore'));
      patterns = text === undefined ? [] : parseGitignore(text);
      this.byDir.set(dir, patterns);
    }
    return patterns;
  }
}

/** Expands `{a,b}` alternatives (VS Code globs use them; the engine's glob does not). */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open === -1) return [glob];
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) {
      const options: string[] = [];
      let start = open + 1;
      let level = 0;
      for (let j = open + 1; j < i; j++) {
        if (glob[j] === '{') level++;
        else if (glob[j] === '}') level--;
        else if (glob[j] === ',' && level === 0) {
          options.push(glob.slice(start, j));
          start = j + 1;
        }
      }
      options.push(glob.slice(start, i));
      const head = glob.slice(0, open);
      const tail = glob.slice(i + 1);
      return options.flatMap((option) => expandBraces(head + option + tail));
    }
  }
  return [glob];
}

/**
 * VS Code's `files.exclude` (glob → true, or `{ when }` for sibling conditions, which are not
 * evaluated and so exclude nothing) as a predicate on `/`-separated paths relative to the
 * workspace folder. As in VS Code, a pattern without `**` matches from the folder's root.
 */
export function filesExcludeMatcher(filesExclude: unknown): (relative: string) => boolean {
  if (filesExclude === null || typeof filesExclude !== 'object' || Array.isArray(filesExclude)) return () => false;
  const regexes: RegExp[] = [];
  for (const [glob, value] of Object.entries(filesExclude as Record<string, unknown>)) {
    if (value !== true) continue;
    for (const expanded of expandBraces(glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''))) {
      if (!expanded) continue;
      regexes.push(new RegExp(`^${globSource(expanded.replace(/^\//, ''))}$`));
    }
  }
  if (regexes.length === 0) return () => false;
  return (relative) => regexes.some((regex) => regex.test(relative));
}
