/** Generated manifests for benchmarks, built in memory so that runs need no fixtures on disk. */

/**
 * `count` Deployments, each with two containers carrying resources, env, ports and a security
 * context — the shape of real application manifests. Every 7th one is privileged, so the rules
 * have findings (and fixes) to build, not only the fast "all good" path.
 */
export function deployments(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const privileged = i % 7 === 0;
    const container = (name: string, image: string, port: number) => `      - name: ${name}
        image: registry.example.com/team-${i % 13}/${image}:1.${i % 20}.${i % 7}
        ports:
          - name: ${name === 'app' ? 'http' : 'metrics'}
            containerPort: ${port}
            protocol: TCP
        env:
          - name: SERVICE_NAME
            value: service-${i}
          - name: LOG_LEVEL
            value: info
          - name: POD_NAMESPACE
            valueFrom:
              fieldRef:
                fieldPath: metadata.namespace
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            cpu: 500m
            memory: 256Mi
        securityContext:
          allowPrivilegeEscalation: ${privileged ? 'true' : 'false'}
          readOnlyRootFilesystem: true${privileged ? '\n          privileged: true' : ''}
          capabilities:
            drop: ["ALL"]
`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  namespace: team-${i % 13}
  labels:
    app.kubernetes.io/name: service-${i}
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: service-${i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: service-${i}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
${container('app', `app-${i}`, 8080)}${container('sidecar', 'metrics-agent', 9090)}`);
  }
  return docs.join('---\n');
}

/** The text with `replicas: 1` changed to `4` in the `index`-th document only. */
export function editReplicas(text: string, index: number): string {
  const marker = `  name: service-${index}\n`;
  const at = text.indexOf(marker);
  const replicas = text.indexOf('  replicas: 1\n', at);
  if (at === -1 || replicas === -1) throw new Error(`document ${index} not found`);
  return `${text.slice(0, replicas)}  replicas: 4\n${text.slice(replicas + '  replicas: 1\n'.length)}`;
}
