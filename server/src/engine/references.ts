import type { Reference } from './rule';

/** CIS Kubernetes Benchmark (v1.9) recommendations, by section. */
export function cis(id: string, title: string): Reference {
  return { standard: 'CIS', id, title };
}

/** NSA/CISA Kubernetes Hardening Guide (v1.2) sections. */
export const NSA = {
  podSecurity: { standard: 'NSA/CISA', id: 'Kubernetes Pod security', title: 'Pod security: non-root containers, immutable file systems, pod security enforcement' },
  nonRoot: { standard: 'NSA/CISA', id: 'Non-root containers', title: 'Use containers built to run as non-root users' },
  immutableFs: { standard: 'NSA/CISA', id: 'Immutable container file systems', title: 'Mount the container root file system read-only' },
  images: { standard: 'NSA/CISA', id: 'Building secure container images', title: 'Use trusted, scanned and signed images' },
  serviceAccountTokens: { standard: 'NSA/CISA', id: 'Protecting Pod service account tokens', title: 'Disable automounting of service account tokens' },
  hostIsolation: { standard: 'NSA/CISA', id: 'Hardening container environments', title: 'Keep containers isolated from the host' },
  network: { standard: 'NSA/CISA', id: 'Network separation and hardening', title: 'Network policies, namespaces and resource policies' },
  secrets: { standard: 'NSA/CISA', id: 'Secrets', title: 'Store secrets encrypted and expose them as files' },
  authz: { standard: 'NSA/CISA', id: 'Authentication and authorization', title: 'Role-based access control with least privilege' },
  controlPlane: { standard: 'NSA/CISA', id: 'Control plane hardening', title: 'Secure the API server, etcd and kubelet' },
  audit: { standard: 'NSA/CISA', id: 'Audit logging and threat detection', title: 'Enable and retain audit logs' },
} as const satisfies Record<string, Reference>;

/** MITRE ATT&CK techniques (Enterprise and Containers matrices). */
export const MITRE = {
  escapeToHost: { standard: 'MITRE ATT&CK', id: 'T1611', title: 'Escape to Host', url: 'https://attack.mitre.org/techniques/T1611/' },
  deployContainer: { standard: 'MITRE ATT&CK', id: 'T1610', title: 'Deploy Container', url: 'https://attack.mitre.org/techniques/T1610/' },
  exploitPrivEsc: { standard: 'MITRE ATT&CK', id: 'T1068', title: 'Exploitation for Privilege Escalation', url: 'https://attack.mitre.org/techniques/T1068/' },
  implantImage: { standard: 'MITRE ATT&CK', id: 'T1525', title: 'Implant Internal Image', url: 'https://attack.mitre.org/techniques/T1525/' },
  containerApiCreds: { standard: 'MITRE ATT&CK', id: 'T1552.007', title: 'Unsecured Credentials: Container API', url: 'https://attack.mitre.org/techniques/T1552/007/' },
  credsInFiles: { standard: 'MITRE ATT&CK', id: 'T1552.001', title: 'Unsecured Credentials: Credentials In Files', url: 'https://attack.mitre.org/techniques/T1552/001/' },
  validAccounts: { standard: 'MITRE ATT&CK', id: 'T1078.004', title: 'Valid Accounts: Cloud Accounts', url: 'https://attack.mitre.org/techniques/T1078/004/' },
  containerAdminCommand: { standard: 'MITRE ATT&CK', id: 'T1609', title: 'Container Administration Command', url: 'https://attack.mitre.org/techniques/T1609/' },
  networkSniffing: { standard: 'MITRE ATT&CK', id: 'T1040', title: 'Network Sniffing', url: 'https://attack.mitre.org/techniques/T1040/' },
  exposedService: { standard: 'MITRE ATT&CK', id: 'T1133', title: 'External Remote Services', url: 'https://attack.mitre.org/techniques/T1133/' },
  resourceHijacking: { standard: 'MITRE ATT&CK', id: 'T1496', title: 'Resource Hijacking', url: 'https://attack.mitre.org/techniques/T1496/' },
  accountManipulation: { standard: 'MITRE ATT&CK', id: 'T1098', title: 'Account Manipulation', url: 'https://attack.mitre.org/techniques/T1098/' },
  additionalClusterRoles: { standard: 'MITRE ATT&CK', id: 'T1098.006', title: 'Account Manipulation: Additional Container Cluster Roles', url: 'https://attack.mitre.org/techniques/T1098/006/' },
  adversaryInTheMiddle: { standard: 'MITRE ATT&CK', id: 'T1557', title: 'Adversary-in-the-Middle', url: 'https://attack.mitre.org/techniques/T1557/' },
  exploitPublicApp: { standard: 'MITRE ATT&CK', id: 'T1190', title: 'Exploit Public-Facing Application', url: 'https://attack.mitre.org/techniques/T1190/' },
} as const satisfies Record<string, Reference>;

/** A Pod Security Standards control on kubernetes.io. */
export function pss(control: string): Reference {
  return { standard: 'PSS', id: control, title: `Pod Security Standards: ${control}`, url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' };
}
