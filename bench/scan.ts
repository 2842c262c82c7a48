/**
 * Workspace-scan benchmark: generates N manifest files (default 5,000) in a temporary folder,
 * runs `kubeward.scanWorkspace` against the built server over stdio and reports wall time,
 * files per second and the server's peak RSS (VmHWM, Linux; main thread and workers together).
 *
 *   npm run build && npx tsc -p . && node out/bench/scan.js [files]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ServerCommands, type ScanSummary } from '../server/src/protocol';
import { LspClient } from '../test/harness/lsp-client';

const DEPLOYMENT = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 25}
  labels: {app: app-${i}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
      - name: app
        image: registry.example.com/team/app-${i}:1.${i % 10}
        ports:
        - containerPort: 8080
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {memory: 256Mi}
${i % 3 === 0 ? '        securityContext:\n          privileged: true\n' : ''}---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 25}
spec:
  selector: {app: app-${i}}
  ports:
  - port: 80
    targetPort: 8080
`;

function peakRss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 5000);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-bench-scan-')));
  try {
    for (let i = 0; i < count; i++) {
      const dir = path.join(root, `team-${i % 25}`, `service-${i % 200}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `app-${i}.yaml`), DEPLOYMENT(i));
    }
    const bytes = fs.readdirSync(root, { recursive: true }).length;
    const client = await LspClient.start({ workspaceFolders: [pathToFileURL(root).href], settings: { profile: 'restricted' } });
    const idleRss = peakRss(client.pid);
    const started = process.hrtime.bigint();
    const summary = await client.executeCommand<ScanSummary>(ServerCommands.scanWorkspace);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rss = peakRss(client.pid);
    const published = new Set(client.published.map((p) => p.uri)).size;
    await client.stop();
    const mb = (value: number | undefined) => (value === undefined ? 'n/a' : `${(value / 1024 / 1024).toFixed(0)} MB`);
    console.log(`files: ${summary.filesScanned} of ${count} generated (${bytes} entries on disk), ${published} with diagnostics published`);
    console.log(`findings: ${JSON.stringify(summary.findings)}`);
    console.log(`scan: ${seconds.toFixed(2)} s, ${(summary.filesScanned / seconds).toFixed(0)} files/s (server-side ${summary.durationMs} ms)`);
    console.log(`server peak RSS: ${mb(rss)} (after start: ${mb(idleRss)}); CPUs: ${os.availableParallelism()}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
