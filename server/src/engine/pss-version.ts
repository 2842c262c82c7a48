/**
 * Pod Security Standards policy versions. The controls changed between Kubernetes releases
 * (k8s.io/pod-security-admission/policy), so checks take the version to judge by.
 */
export interface PssVersion {
  /** `v1.30`, or `latest`. */
  readonly label: string;
  /** The minor version number; `latest` maps to the newest one we know. */
  readonly minor: number;
}

/** The newest policy version whose controls Kubeward implements. */
export const LATEST_PSS_MINOR = 37;

export function parsePssVersion(text: string | undefined): PssVersion | undefined {
  if (text === undefined || text === 'latest') return { label: 'latest', minor: LATEST_PSS_MINOR };
  const match = /^v?1\.(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const minor = Number(match[1]);
  return { label: `v1.${minor}`, minor: Math.min(minor, LATEST_PSS_MINOR) };
}

export const LATEST_PSS: PssVersion = { label: 'latest', minor: LATEST_PSS_MINOR };

/** True when the policy version is at least 1.`minor`. */
export function atLeast(version: PssVersion, minor: number): boolean {
  return version.minor >= minor;
}
