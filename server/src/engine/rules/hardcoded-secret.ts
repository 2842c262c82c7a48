import { isScalar } from 'yaml';
import { entriesOf, findEntry, getSeq, getString, mapItems, spanOf, stringItems, type FieldPath, type Located, type MapRef, type Span } from '../model/located';
import { readPodSpec, type ContainerModel } from '../model/pod-spec';
import type { K8sObject } from '../model/objects';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

/** A credential found at `from`..`to` of a value, and what it is (`an AWS access key ID`). */
export interface Hit {
  readonly from: number;
  readonly to: number;
  readonly what: string;
}

/**
 * Token formats that are credentials wherever they appear. Each is anchored on a vendor prefix
 * and a length, so ordinary words and hashes do not match.
 */
const KNOWN_FORMATS: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'an AWS access key ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { what: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/g },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { what: 'a Stripe secret key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{24,}\b/g },
  { what: 'an OpenAI API key', pattern: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/g },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { what: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { what: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g },
];

/** A PEM private key header line; the body must look like key material, not `xxxx`. */
const PRIVATE_KEY_LINE = /^[ \t]*(-{3,}[ \t]*BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?[ \t]*-{3,})/;
/** `scheme://user:password@host`. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:([^\s@/?#]+)@[^\s/]/gi;
/** `name=value` or `name: value` in config text, env files, JVM flags and query strings. */
const ASSIGNMENT = /(?:^|[\s;,&?{(])(?:export\s+|--?D?)?["']?([A-Za-z_][\w.-]*)["']?[ \t]*(?:=|:(?=[ \t]))[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;,&"'}]+)/gm;

/** Name classes, strongest first; `key` alone is too common to count without a random-looking value. */
type NameClass = 'password' | 'secret' | 'key';

const NOT_SECRET_LAST = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'directory', 'location', 'url', 'uri', 'urls', 'endpoint', 'endpoints',
  'host', 'hostname', 'server', 'port', 'address', 'addr', 'ttl', 'timeout', 'expiry', 'expires', 'expiration',
  'lifetime', 'duration', 'age', 'interval', 'period', 'length', 'len', 'size', 'bits', 'name', 'names', 'id', 'ids',
  'enabled', 'enable', 'disabled', 'disable', 'required', 'optional', 'ref', 'reference', 'type', 'kind', 'mode',
  'policy', 'header', 'field', 'param', 'format', 'algorithm', 'alg', 'provider', 'backend', 'store', 'mount',
  'volume', 'version', 'prefix', 'suffix', 'issuer', 'audience', 'scope', 'scopes', 'region', 'namespace', 'count',
  'min', 'max', 'limit', 'retries', 'cache', 'rotation', 'strategy', 'label', 'hash', 'user', 'username', 'login',
  'email', 'pattern', 'regex', 'rules', 'complexity', 'reset', 'manager', 'generator', 'encoding', 'hint', 'prompt',
  'description', 'help', 'key_id', 'keyid', 'env', 'var', 'source', 'secrets', 'tokens', 'validation', 'grace',
]);
const NOT_SECRET_FIRST = new Set(['enable', 'disable', 'allow', 'use', 'require', 'skip', 'no', 'has', 'is', 'with', 'without', 'show', 'hide', 'max', 'min', 'num']);

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password` into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// The same variable names (LOG_LEVEL, DB_PASSWORD) recur across a repository's containers, and
// splitting them into words was a few per cent of an analysis; the answer depends on the name alone.
const nameClasses = new Map<string, NameClass | null>();

export function classifyName(name: string): NameClass | undefined {
  let known = nameClasses.get(name);
  if (known === undefined) {
    if (nameClasses.size >= 10_000) nameClasses.clear();
    known = classifyWords(words(name)) ?? null;
    nameClasses.set(name, known);
  }
  return known ?? undefined;
}

function classifyWords(parts: readonly string[]): NameClass | undefined {
  const last = parts[parts.length - 1];
  const first = parts[0];
  if (!last || !first || NOT_SECRET_LAST.has(last) || (parts.length > 1 && NOT_SECRET_FIRST.has(first))) return undefined;
  const joined = parts.join('');
  if (/passw(?:or)?d|passphrase|passwd/.test(joined) || parts.includes('pwd') || parts.includes('pass') || parts.includes('pw')) return 'password';
  if (/secret|credential|(?<!de)tokens?(?!iz)|bearer|apikey|accesskey|privatekey|secretkey|signingkey|encryptionkey|masterkey|authkey|sessionkey|licensekey|webhookkey|sharedkey|accountkey/.test(joined)) return 'secret';
  if (parts.includes('key') || parts.includes('sas') || /key$/.test(joined)) return 'key';
  return undefined;
}

/** Bits per character; random tokens are above 3.5, words and repeated characters well below. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER_WORDS = /change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|placeholder|redacted|example|dummy|sample|your[-_ ]|[-_ ]here$|^(?:todo|tbd|fixme|none|null|nil|undefined|empty|unset|notset|n\/a|secret|password|passwd|token|key|apikey|xxx+|\*+)$/i;

/** Not a credential, whatever the name: references, paths, plain URLs, flags, numbers, placeholders. */
export function isObviouslyNotSecret(value: string, name?: string): boolean {
  const text = value.trim();
  if (text.length === 0) return true;
  // References resolved elsewhere: $(VAR), ${VAR}, {{ template }}, secret-manager and vault URIs.
  if (/\$\(|\$\{|\{\{|%\(|#\{|^\$[A-Za-z_]|@Microsoft\.KeyVault\(/.test(text)) return true;
  if (/^(?:vault:|ref\+|arn:aws|projects\/[^/]+\/secrets\/|(?:aws|gcp|azure)?sm:\/\/|op:\/\/|akv:\/\/|secret:\/\/|k8s:\/\/)/i.test(text)) return true;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|file:)/.test(text)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return true;
  if (/^(?:true|false|yes|no|on|off|y|n|enabled|disabled)$/i.test(text)) return true;
  if (/^[+-]?\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y|[KMGTP]i?|[kmgtp]b)?$/.test(text)) return true;
  if (/^(.)\1*$/.test(text) || PLACEHOLDER_WORDS.test(text) || /^<.*>$|^\[.*\]$/.test(text)) return true;
  if (name !== undefined && text.toLowerCase() === name.toLowerCase()) return true;
  return false;
}

/** Whether a literal under a credential-like name is itself credential-shaped. */
function looksLikeCredential(value: string, cls: NameClass): boolean {
  const text = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (isObviouslyNotSecret(text) || /\s/.test(text)) return false;
  // Host names and e-mail addresses are configuration, not secrets.
  if (/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?::\d+)?$/.test(text) && !/\d{3,}/.test(text.split('.')[0] ?? '')) return false;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(text)) return false;
  if (cls === 'password') return text.length >= 4;
  // Lower-case words joined by dashes are resource names (`db-credentials`), not secret values.
  if (/^[a-z]+(?:[-_.][a-z0-9]+)+$/.test(text)) return false;
  if (cls === 'secret') return text.length >= 6;
  return text.length >= 16 && /[0-9]/.test(text) && /[A-Za-z]/.test(text) && entropy(text) >= 3.5;
}

function whatFor(cls: NameClass): string {
  return cls === 'password' ? 'a literal password' : cls === 'secret' ? 'a literal secret' : 'a literal key';
}

/** Private keys whose body is real base64, not a `xxxx` stand-in. */
function privateKeys(value: string): Hit[] {
  const hits: Hit[] = [];
  // Found by the fixed text first and matched per line from its start, so that long runs of
  // dashes cannot make the search quadratic.
  let found = value.indexOf('PRIVATE KEY');
  while (found !== -1) {
    const lineStart = value.lastIndexOf('\n', found) + 1;
    const lineEnd = value.indexOf('\n', found);
    const line = value.slice(lineStart, lineEnd === -1 ? value.length : lineEnd);
    // One header per line at most: continue on the next line.
    found = lineEnd === -1 ? -1 : value.indexOf('PRIVATE KEY', lineEnd);
    const header = PRIVATE_KEY_LINE.exec(line)?.[1];
    if (!header) continue;
    const from = lineStart + line.indexOf(header);
    const body = value.slice(from + header.length, from + header.length + 400);
    const material = /[A-Za-z0-9+/=]{24,}/.exec(body)?.[0];
    if (material && !/^(.)\1+$/.test(material) && entropy(material) >= 3.5) hits.push({ from, to: from + header.length, what: 'a private key' });
  }
  return hits;
}

/** Every credential in a value; `name` is the env variable or ConfigMap key that holds it. */
export function findCredentials(value: string, name?: string): Hit[] {
  const hits: Hit[] = [];
  const add = (hit: Hit) => {
    if (!hits.some((h) => h.from < hit.to && hit.from < h.to)) hits.push(hit);
  };
  for (const { what, pattern } of KNOWN_FORMATS) {
    for (const match of value.matchAll(pattern)) {
      // AWS documents its sample keys with EXAMPLE in them; they are not credentials.
      if (/EXAMPLE/i.test(match[0])) continue;
      const at = match.index ?? 0;
      add({ from: at, to: at + match[0].length, what });
    }
  }
  privateKeys(value).forEach(add);
  for (const match of value.matchAll(URL_CREDENTIALS)) {
    const password = match[1] as string;
    if (isObviouslyNotSecret(decodeSafe(password))) continue;
    const at = (match.index ?? 0) + match[0].lastIndexOf(`:${password}@`) + 1;
    add({ from: at, to: at + password.length, what: 'a password in a URL' });
  }
  for (const match of value.matchAll(ASSIGNMENT)) {
    const key = match[1] as string;
    const raw = match[2] as string;
    const cls = classifyName(key);
    if (!cls || !looksLikeCredential(raw, cls)) continue;
    const end = (match.index ?? 0) + match[0].length;
    const quoted = /^["']/.test(raw) ? 1 : 0;
    add({ from: end - raw.length + quoted, to: end - quoted, what: `${whatFor(cls)} (${key})` });
  }
  if (hits.length === 0 && name !== undefined && !value.includes('\n')) {
    const cls = classifyName(name);
    if (cls && looksLikeCredential(value, cls)) {
      const lead = value.length - value.trimStart().length;
      hits.push({ from: lead, to: value.trimEnd().length, what: whatFor(cls) });
    }
  }
  return hits.sort((a, b) => a.from - b.from);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Maps value offsets to text spans, also inside block scalars (whose indentation subSpan cannot
 * see). Hits come in order, so each search resumes where the previous one stopped: linear in the
 * value however many hits it has.
 */
function spanMapper(field: Located<string>): (from: number, to: number) => Span {
  const written = field.source.text.slice(field.span.start, field.span.end);
  const verbatim = written.indexOf(field.value);
  let valueCursor = 0;
  let writtenCursor = 0;
  return (from, to) => {
    if (verbatim !== -1) return { start: field.span.start + verbatim + from, end: field.span.start + verbatim + to };
    const needle = field.value.slice(from, to);
    if (needle.includes('\n') || from < valueCursor) return field.span;
    let skip = 0;
    for (let at = field.value.indexOf(needle, valueCursor); at !== -1 && at < from; at = field.value.indexOf(needle, at + 1)) skip++;
    let at = written.indexOf(needle, writtenCursor);
    for (let i = 0; i < skip && at !== -1; i++) at = written.indexOf(needle, at + 1);
    if (at === -1) return field.span;
    valueCursor = to;
    writtenCursor = at + needle.length;
    return { start: field.span.start + at, end: field.span.start + at + needle.length };
  };
}

function findingsIn(field: Located<string>, name: string | undefined, describe: (what: string) => string, container?: string): RuleFinding[] {
  const hits = findCredentials(field.value, name);
  if (hits.length === 0) return [];
  const spanOfHit = spanMapper(field);
  return hits.map((hit) => ({
    span: spanOfHit(hit.from, hit.to),
    path: field.path,
    message: describe(hit.what),
    ...(container !== undefined ? { container } : {}),
  }));
}

function containerFindings(container: ContainerModel, object: K8sObject): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const who = `${container.label} in ${object.label}`;
  const named = container.name?.value;
  for (const env of mapItems(getSeq(container.map, 'env'))) {
    const value = getString(env, 'value');
    if (!value) continue;
    const name = getString(env, 'name')?.value;
    findings.push(...findingsIn(value, name, (what) => `${who} sets the environment variable ${name !== undefined ? `"${name}"` : '(unnamed)'} to ${what}.`, named));
  }
  for (const key of ['command', 'args'] as const) {
    const items = stringItems(getSeq(container.map, key));
    items.forEach((item, index) => {
      // `--password hunter2`: the flag before a value names it.
      const flag = /^--?([A-Za-z][\w.-]*)$/.exec(items[index - 1]?.value ?? '')?.[1];
      const adjacent = flag !== undefined && items[index - 1]?.path[items[index - 1]!.path.length - 1] === (item.path[item.path.length - 1] as number) - 1;
      findings.push(...findingsIn(item, adjacent ? flag : undefined, (what) => `${who} passes ${what} in its ${key}.`, named));
    });
  }
  return findings;
}

function configMapFindings(object: K8sObject): RuleFinding[] {
  const entry = findEntry(object.root, 'data');
  if (!entry || !entry.value || !('items' in entry.value)) return [];
  const data: MapRef = { node: entry.value as MapRef['node'], span: entry.valueSpan, path: entry.path, source: object.root.source };
  const findings: RuleFinding[] = [];
  for (const [key, found] of entriesOf(data)) {
    if (!isScalar(found.value) || typeof found.value.value !== 'string') continue;
    const field: Located<string> = {
      value: found.value.value,
      span: spanOf(found.value) ?? found.valueSpan,
      keySpan: found.keySpan,
      parent: data.node,
      entry: found.pair,
      path: found.path as FieldPath,
      source: data.source,
    };
    findings.push(...findingsIn(field, key, (what) => `${object.label} holds ${what} under the key "${key}"; ConfigMaps are not meant for secrets.`));
  }
  return findings;
}

export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    title: 'Credential is written in plain text',
    severity: 'error',
    family: 'secrets',
    layer: 'Code',
    profile: 'baseline',
    references: [cis('5.4.1', 'Prefer using Secrets as files over Secrets as environment variables'), NSA.secrets, MITRE.credsInFiles],
    docs: {
      rationale:
        'A password, token or key written into an environment variable, a command line or a ConfigMap is stored ' +
        'in plain text in source control, in the API server and in every `kubectl get -o yaml`; ConfigMaps are ' +
        'readable by far more people and controllers than Secrets. Kubeward flags known token formats (AWS access ' +
        'keys, GitHub, GitLab, Slack, Stripe, Google and npm tokens, JWTs), private key blocks, passwords embedded ' +
        'in URLs, and literal values of credential-like names (password, secret, token, API key) that look like ' +
        'credentials. References such as `$(VAR)` and `${VAR}`, paths, plain URLs, booleans, numbers, empty ' +
        'values and placeholders like `changeme` or `xxxx` are not flagged.',
      remediation:
        'Move the value into a Secret (created outside the repository) and mount it as a file, or reference it ' +
        'with `valueFrom.secretKeyRef`. Rotate the credential: once committed, assume it is known.',
      bad:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n' +
        '    env:\n    - name: DB_PASSWORD\n      value: hunter2-but-longer\n',
      good:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n' +
        '    env:\n    - name: DB_PASSWORD_FILE\n      value: /etc/secrets/db/password\n',
    },
  },
  // Object scope: the rule reads containers of workloads and the data of ConfigMaps.
  scope: 'object',
  check(object) {
    if (object.kind.value === 'ConfigMap') return configMapFindings(object);
    const pod = readPodSpec(object);
    return pod ? pod.containers.flatMap((container) => containerFindings(container, object)) : [];
  },
});
