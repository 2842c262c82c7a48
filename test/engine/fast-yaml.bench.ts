/**
 * Fast YAML path benchmark (not a test): node out/test/engine/fast-yaml.bench.js [deployments] [rounds]
 * Medians of interleaved runs in one process, fast path against `yaml`.
 */
import { performance } from 'node:perf_hooks';
import { analyzeText, ChunkCache } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/engine/config';
import { setFastYaml } from '../../server/src/engine/fast-yaml';
import { parseChunk, splitDocuments } from '../../server/src/engine/parse';

/** A Deployment in the style kubectl users write: block maps, compact sequences, small flow maps. */
export function deployment(i: number): string {
  const escalation = i % 11 === 0 ? 'allowPrivilegeEscalaton' : 'allowPrivilegeEscalation';
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: app-${i}`,
    `  namespace: team-${i % 7}`,
    `  labels: {app: app-${i}}`,
    'spec:',
    '  replicas: 1',
    '  selector:',
    `    matchLabels: {app: app-${i}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: app-${i}}`,
    '    spec:',
    '      containers:',
    '      - name: web',
    `        image: registry.example.com/web:1.${i % 5}`,
    '        ports:',
    '        - containerPort: 8080',
    '        env:',
    '        - name: MODE',
    '          value: production',
    '        - name: DB_PASSWORD',
    '          valueFrom: {secretKeyRef: {name: db, key: password}}',
    '        resources:',
    '          requests: {cpu: 100m, memory: 128Mi}',
    '          limits: {cpu: 500m, memory: 256Mi}',
    '        securityContext:',
    `          ${escalation}: false`,
    `          privileged: ${i % 7 === 0}`,
    '          runAsNonRoot: true',
    '      - name: sidecar',
    '        image: registry.example.com/proxy:2.0',
    '        resources:',
    '          limits: {cpu: 100m, memory: 64Mi}',
    '        securityContext:',
    '          readOnlyRootFilesystem: true',
    '',
  ].join('\n');
}

export function deployments(n: number): string {
  return Array.from({ length: n }, (_, i) => deployment(i)).join('---\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Case {
  readonly name: string;
  readonly fast: boolean;
  readonly run: () => void;
  readonly setup?: () => void;
}

/** Wall and CPU time (the machine is shared: CPU time of this process is the steadier figure). */
function measure(cases: readonly Case[], rounds: number): Map<string, { wall: number; cpu: number }> {
  const samples = new Map<string, { wall: number[]; cpu: number[] }>(cases.map((c) => [c.name, { wall: [], cpu: [] }]));
  for (let round = 0; round < rounds + 1; round++) {
    for (const c of cases) {
      setFastYaml(c.fast);
      c.setup?.();
      const cpu = process.cpuUsage();
      const start = performance.now();
      c.run();
      const elapsed = performance.now() - start;
      const used = process.cpuUsage(cpu);
      if (round > 0) {
        samples.get(c.name)?.wall.push(elapsed);
        samples.get(c.name)?.cpu.push((used.user + used.system) / 1000);
      }
    }
  }
  setFastYaml(true);
  return new Map([...samples].map(([name, values]) => [name, { wall: median(values.wall), cpu: median(values.cpu) }]));
}

function main(): void {
  const n = Number(process.argv[2] ?? 2000);
  const rounds = Number(process.argv[3] ?? 7);
  const text = deployments(n);
  const chunks = splitDocuments(text);
  console.log(`${n} Deployments, ${(text.length / 1e6).toFixed(2)} MB, ${chunks.length} chunks, median of ${rounds} interleaved runs`);

  const noSchema: Settings = { ...DEFAULT_SETTINGS, rules: { 'unknown-field': 'off', 'invalid-value': 'off' } };
  const withSchema: Settings = { ...DEFAULT_SETTINGS };
  const parseAll = () => {
    for (const chunk of chunks) parseChunk(chunk.text);
  };
  // A one-line edit in the middle document, warm cache: what the editor sees per keystroke.
  const at = text.indexOf('replicas: 1', Math.floor(text.length / 2));
  const edited = [text.slice(0, at), 'replicas: 2', text.slice(at + 'replicas: 1'.length)].join('');
  const edits: Case[] = [];
  for (const fast of [true, false]) {
    for (const [label, settings] of [['no schema', noSchema], ['schema', withSchema]] as const) {
      const cache = new ChunkCache();
      let flip = false;
      edits.push({
        name: `re-analysis after an edit (${label}) ${fast ? 'fast' : 'yaml'}`,
        fast,
        setup: () => {
          setFastYaml(fast);
          analyzeText(flip ? edited : text, { settings, cache });
          flip = !flip;
        },
        run: () => void analyzeText(flip ? edited : text, { settings, cache }),
      });
    }
  }
  const cases: Case[] = [
    { name: 'parseChunk fast', fast: true, run: parseAll },
    { name: 'parseChunk yaml', fast: false, run: parseAll },
    { name: 'analyzeText (no schema) fast', fast: true, run: () => void analyzeText(text, { settings: noSchema }) },
    { name: 'analyzeText (no schema) yaml', fast: false, run: () => void analyzeText(text, { settings: noSchema }) },
    { name: 'analyzeText (schema) fast', fast: true, run: () => void analyzeText(text, { settings: withSchema }) },
    { name: 'analyzeText (schema) yaml', fast: false, run: () => void analyzeText(text, { settings: withSchema }) },
    ...edits,
  ];
  const results = measure(cases, rounds);
  console.log(`${''.padEnd(48)} ${'wall ms'.padStart(9)} ${'cpu ms'.padStart(9)}`);
  for (const [name, ms] of results) console.log(`${name.padEnd(48)} ${ms.wall.toFixed(1).padStart(9)} ${ms.cpu.toFixed(1).padStart(9)}`);
}

if (require.main === module) main();
