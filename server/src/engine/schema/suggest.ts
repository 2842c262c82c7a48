/**
 * Edit distance with adjacent transpositions (optimal string alignment), so `runAsUesr` is one
 * edit from `runAsUser`, as a typist sees it.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = new Array<number>(cols).fill(0);
  let prev: number[] = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row: number[] = new Array<number>(cols).fill(0);
    row[0] = i;
    let best = row[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      row[j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1] as number;
}

export interface Suggestion {
  readonly name: string;
  /** Differs only in case, `_` or `-`: the intent is certain. */
  readonly exact: boolean;
  readonly distance: number;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The candidate `name` most likely meant, or undefined when none is close or two are equally
 * close. Case and separators are ignored first (`runAsNonroot`, `read_only_root_filesystem`),
 * then up to one edit per four characters, at most two.
 */
export function closestName(name: string, candidates: Iterable<string>): Suggestion | undefined {
  const wanted = normalize(name);
  const limit = Math.min(2, Math.max(1, Math.floor(wanted.length / 4)));
  let best: Suggestion | undefined;
  let tie = false;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const normalized = normalize(candidate);
    const distance = normalized === wanted ? 0 : editDistance(wanted, normalized, limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance) {
      best = { name: candidate, exact: distance === 0, distance };
      tie = false;
    } else if (distance === best.distance) {
      tie = true;
    }
  }
  return best && !tie ? best : undefined;
}
