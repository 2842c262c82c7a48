import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitignoreMatcher } from '../engine/gitignore';

/**
 * A walk exclusion that skips what git ignores, so that the CLI and the editor's workspace scan
 * find the same files. Patterns are read from the repository root down, as git reads them; outside
 * a git repository `.gitignore` files mean nothing, as for git itself.
 */
export function gitignoreExclusion(): (relative: string, isDirectory: boolean, absolute: string) => boolean {
  const roots = new Map<string, string | undefined>();
  const matchers = new Map<string, GitignoreMatcher>();
  const repositoryRoot = (dir: string): string | undefined => {
    if (roots.has(dir)) return roots.get(dir);
    const parent = path.dirname(dir);
    const root = fs.existsSync(path.join(dir, '.git')) ? dir : parent === dir ? undefined : repositoryRoot(parent);
    roots.set(dir, root);
    return root;
  };
  return (_relative, isDirectory, absolute) => {
    const root = repositoryRoot(path.dirname(absolute));
    if (root === undefined) return false;
    let matcher = matchers.get(root);
    if (!matcher) matchers.set(root, (matcher = new GitignoreMatcher(root)));
    return matcher.ignores(path.relative(root, absolute).split(path.sep).join('/'), isDirectory);
  };
}
