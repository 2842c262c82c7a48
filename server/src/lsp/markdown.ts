/**
 * Markdown helpers for text that comes from a manifest. Hovers render markdown, so a container
 * named `[x](command:foo)` must not become a link, and `<img>` must not become HTML.
 */

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Flattens line breaks: a manifest value must not start a heading or list in the hover. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/**
 * Escapes every ASCII punctuation character, which CommonMark and marked (VS Code) both allow.
 * Escaping `:` and `.` also defeats GFM's bare-URL and `www.` autolinks.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(ASCII_PUNCTUATION, '\\$&');
}

/** Shows a manifest value verbatim in a code span; nothing inside a code span is a link or HTML. */
export function inlineCode(text: string): string {
  const flat = oneLine(text);
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A span starting or ending with a backtick needs a space so the fence stays unambiguous.
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
