/**
 * A schema yaml-language-server can use for every kind. schemas/k8s-1.30.json is a library of
 * definitions that Kubeward picks from by apiVersion/kind; it has no root, so given to
 * yaml-language-server as is it would accept any document. The peer gets a root that is the
 * union of kinds instead, as in the documented method (toolchain-pins.md: 19-kind union).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lsp';

/** The kinds of the union in schema-generation.md's recipe, which the peer figures were taken with. */
export const PEER_KINDS = [
  'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount',
  'Namespace', 'PersistentVolumeClaim', 'Job', 'CronJob', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding',
  'Ingress', 'NetworkPolicy',
] as const;

export interface PeerSchema {
  readonly file: string;
  /** Whether our committed schema already had a root usable for every kind. */
  readonly committedHasRoot: boolean;
  readonly kinds: number;
}

/** Writes `<dir>/k8s-1.30-union.json`; throws if a kind of the recipe is missing from our schema. */
export function writePeerSchema(dir: string): PeerSchema {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'k8s-1.30.json'), 'utf8')) as Record<string, unknown>;
  const definitions = (schema['definitions'] ?? {}) as Record<string, unknown>;
  const committedHasRoot = ['$ref', 'anyOf', 'oneOf', 'type', 'properties'].some((key) => key in schema);
  const missing = PEER_KINDS.filter((kind) => !(kind in definitions));
  if (missing.length > 0) throw new Error(`schemas/k8s-1.30.json lacks ${missing.join(', ')}`);
  const union = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated at bench time from schemas/k8s-1.30.json for yaml-language-server (bench/peer-schema.ts).',
    anyOf: PEER_KINDS.map((kind) => ({ $ref: `#/definitions/${kind}` })),
    definitions,
  };
  const file = path.join(dir, 'k8s-1.30-union.json');
  writeFileSync(file, JSON.stringify(union));
  return { file, committedHasRoot, kinds: PEER_KINDS.length };
}
