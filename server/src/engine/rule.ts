import type { FieldPath, Span } from './model/located';
import type { K8sObject } from './model/objects';
import type { ContainerModel, PodSpecModel } from './model/pod-spec';
import type { Fixer } from './fixer';
import type { PssVersion } from './pss-version';
import type { WorkspaceView } from './workspace';
import type { SchemaValidationMode } from './schema/issues';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type PssLevel = 'baseline' | 'restricted';
/** The profile a user picks: which Pod Security level to hold workloads to, or every rule. */
export type Profile = 'baseline' | 'restricted' | 'all';

/**
 * `safe`: changes only the flagged setting, keeps comments and other keys, and ordinary workloads
 * run unchanged; fix-all and `--fix` apply it. `unsafe`: the hardened value can break a workload
 * or the edit removes text; offered one at a time unless the user opts in.
 */
export type FixSafety = 'safe' | 'unsafe';

/** The rule families, as in shared/design/rule-ids.tsv. */
export type Family =
  | 'pod-security' | 'hardening' | 'images' | 'resources' | 'secrets' | 'identity' | 'rbac' | 'network'
  | 'cluster' | 'schema' | 'parse';

/** The 4C layer of Kubernetes security guidance that a rule protects. */
export type Layer = 'Cloud' | 'Cluster' | 'Container' | 'Code';

/** Pod Security Standards control names, spelled as on kubernetes.io. */
export type PssControl =
  | 'HostProcess' | 'Host Namespaces' | 'Privileged Containers' | 'Capabilities' | 'HostPath Volumes'
  | 'Host Ports' | 'AppArmor' | 'SELinux' | '/proc Mount Type' | 'Seccomp' | 'Sysctls' | 'Host Probes / Lifecycle Hooks'
  | 'Volume Types' | 'Privilege Escalation' | 'Running as Non-root' | 'Running as Non-root user';

export interface Reference {
  /** `CIS 5.2.2`, `NSA/CISA: Pod security`, `MITRE ATT&CK T1611`. */
  readonly standard: 'CIS' | 'NSA/CISA' | 'MITRE ATT&CK' | 'PSS' | 'CVE' | 'Kubernetes docs';
  readonly id: string;
  readonly title: string;
  readonly url?: string;
}

export interface RuleDocs {
  /** What is wrong and why it matters. Full sentences. */
  readonly rationale: string;
  /** How to fix it by hand. */
  readonly remediation: string;
  /** Required when the rule offers a fix: what it changes and why it has its safety. */
  readonly fixSafety?: string;
  /** Smallest manifests showing the problem and its repair; the meta-test runs both. */
  readonly bad: string;
  readonly good: string;
  /**
   * Raw settings (as in `.kubeward.yaml`) the examples need, for rules that are inert by default
   * (image-registry does nothing until `allowedRegistries` is set).
   */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface RuleMeta {
  /** kebab-case, stable forever: Diagnostic.code, settings key, docs anchor, file name. */
  readonly id: string;
  /** Sentence case, no trailing period. */
  readonly title: string;
  readonly severity: Severity;
  readonly family: Family;
  readonly layer: Layer;
  /** The least profile that runs the rule; PSS rules follow their level. */
  readonly profile: Profile;
  /** Absent for good-practice rules that are not part of the Pod Security Standards. */
  readonly pss?: { readonly level: PssLevel; readonly control: PssControl };
  readonly references: readonly Reference[];
  /** The strongest fix the rule can offer; absent when it never offers one. */
  readonly fix?: FixSafety;
  readonly docs: RuleDocs;
}

/** One replacement against the original text. Edits within one fix never overlap. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  /** Imperative and names the key: 'Set allowPrivilegeEscalation to false'. */
  readonly title: string;
  readonly safety: FixSafety;
  readonly edits: readonly TextEdit[];
}

/** What a rule reports; the engine adds the rule, severity, resource and container. */
export interface RuleFinding {
  /** The smallest span that is wrong: the value `true`, not the whole pod. */
  readonly span: Span;
  /** The field that is wrong, or would hold the fix when missing. */
  readonly path: FieldPath;
  /** One sentence ending with a period, naming the object. */
  readonly message: string;
  readonly fix?: Fix;
  /** For pod-scope rules that report on one container: its name. */
  readonly container?: string;
}

/** Settings rules may read; normalized by the config module. */
export interface RuleSettings {
  /** The Pod Security level this object is held to (profile, or its namespace's enforce label). */
  readonly level: PssLevel;
  readonly pssVersion: PssVersion;
  readonly allowedRegistries: readonly string[];
  readonly fix: FixSettings;
  /** Which schema findings to report (`kubeward.schemaValidation`); absent means all. */
  readonly schemaValidation?: SchemaValidationMode;
}

export interface FixSettings {
  /** The non-zero UID the run-as-non-root fix adds when nothing sets one. */
  readonly runAsUser: number;
  /** Whether the read-only-root-filesystem fix also mounts an emptyDir at /tmp. */
  readonly tmpVolume: boolean;
  readonly secretMountRoot: string;
}

export interface CheckContext {
  readonly fixer: Fixer;
  readonly settings: RuleSettings;
  readonly object: K8sObject;
  /** Shared facts of the workspace (this file's included) for cross-object rules; absent outside analyzeText. */
  readonly workspace?: WorkspaceView;
}

interface RuleBase {
  readonly meta: RuleMeta;
}

export interface ContainerRule extends RuleBase {
  readonly scope: 'container';
  check(container: ContainerModel, pod: PodSpecModel, ctx: CheckContext): readonly RuleFinding[];
}

export interface PodRule extends RuleBase {
  readonly scope: 'pod';
  check(pod: PodSpecModel, ctx: CheckContext): readonly RuleFinding[];
}

/** Runs once per Kubernetes object of the listed kinds (every kind when `kinds` is absent). */
export interface ObjectRule extends RuleBase {
  readonly scope: 'object';
  readonly kinds?: readonly string[];
  check(object: K8sObject, ctx: CheckContext): readonly RuleFinding[];
}

/** Findings the engine emits itself (parse errors); the rule exists for its metadata and settings. */
export interface EngineRule extends RuleBase {
  readonly scope: 'engine';
}

export type Rule = ContainerRule | PodRule | ObjectRule | EngineRule;

/** Identity at run time; gives rule files contextual types without annotations. */
export function defineRule<R extends Rule>(rule: R): R {
  return Object.freeze(rule);
}
