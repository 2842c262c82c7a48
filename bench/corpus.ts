/**
 * Deterministic inputs shared by the issue-10 benches (LSP, scan, memory). Nothing here reads the
 * clock or Math.random: two runs of the same revision must feed both servers identical bytes, or
 * run-to-run differences could come from the input rather than the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Every 7th Deployment is privileged and every 11th has a typo'd field, so both rules and schema have findings. */
export const PRIVILEGED_EVERY = 7;
export const TYPO_EVERY = 11;

function container(i: number, name: string, image: string, port: number): string {
  const privileged = i % PRIVILEGED_EVERY === 0;
  const typo = i % TYPO_EVERY === 0;
  // The typo replaces the real key, as a user's slip would; the schema flags it, the rules then see no setting.
  const escalation = typo ? 'allowPrivilegeEscalaton' : 'allowPrivilegeEscalation';
  return `        - name: ${name}
          image: registry.example.com/team-${i % 13}/${image}:1.${i % 20}.${i % 7}
          ports:
            - containerPort: ${port}
          env:
            - name: SERVICE_NAME
              value: service-${i}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          securityContext:
            ${escalation}: ${privileged ? 'true' : 'false'}
            readOnlyRootFilesystem: true${privileged ? '\n            privileged: true' : ''}
            capabilities:
              drop: ["ALL"]
`;
}

/** One Deployment document (no `---`). */
export function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  namespace: team-${i % 13}
  labels:
    app: service-${i}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: service-${i}
  template:
    metadata:
      labels:
        app: service-${i}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
${container(i, 'app', `app-${i}`, 8080)}${container(i, 'sidecar', 'metrics-agent', 9090)}`;
}

/** The big editor file: `count` Deployments in one multi-document stream. */
export function deploymentsFile(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) docs.push(deployment(i));
  return docs.join('---\n');
}

/** Where `replicas: 1` of document `index` sits, as an LSP position of the `1` and as an offset. */
export function replicasPosition(text: string, index: number): { line: number; character: number; offset: number } {
  const at = text.indexOf(`  name: service-${index}\n`);
  const key = '  replicas: ';
  const found = at === -1 ? -1 : text.indexOf(`${key}1\n`, at);
  if (found === -1) throw new Error(`document ${index} has no "replicas: 1"`);
  const offset = found + key.length;
  let line = 0;
  let lineStart = 0;
  for (let p = text.indexOf('\n'); p !== -1 && p < offset; p = text.indexOf('\n', p + 1)) {
    line++;
    lineStart = p + 1;
  }
  return { line, character: offset - lineStart, offset };
}

/** The one-line edit every LSP bench makes: `replicas: 1` → `4` in document `index`. */
export function editReplicas(text: string, index: number): { text: string; line: number; character: number } {
  const { line, character, offset } = replicasPosition(text, index);
  return { text: `${text.slice(0, offset)}4${text.slice(offset + 1)}`, line, character };
}

/** A small seeded generator (mulberry32): the scan corpus must be the same files on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: service-${i}
  namespace: team-${i % 13}
spec:
  selector:
    app: service-${i}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`;
}

function configMap(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
  namespace: team-${i % 13}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"
`;
}

export interface ScanCorpus {
  readonly dir: string;
  readonly files: number;
  readonly documents: number;
  readonly bytes: number;
}

/**
 * Writes `files` manifests of 1–3 documents (a Deployment, often with its Service, sometimes a
 * ConfigMap) under `dir`, 100 per folder, as repositories lay them out.
 */
export function writeScanCorpus(dir: string, files: number, seed = 10): ScanCorpus {
  const random = prng(seed);
  let documents = 0;
  let bytes = 0;
  for (let f = 0; f < files; f++) {
    const folder = path.join(dir, `app-${String(Math.floor(f / 100)).padStart(3, '0')}`);
    if (f % 100 === 0) mkdirSync(folder, { recursive: true });
    const count = 1 + Math.floor(random() * 3);
    const docs = [deployment(f)];
    if (count >= 2) docs.push(service(f));
    if (count >= 3) docs.push(configMap(f));
    const text = docs.join('---\n');
    writeFileSync(path.join(folder, `service-${f}.yaml`), text);
    documents += docs.length;
    bytes += Buffer.byteLength(text);
  }
  return { dir, files, documents, bytes };
}
