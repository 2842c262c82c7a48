import { getMap, getString, type Located, type MapRef } from '../model/located';
import { containerPath, type ContainerModel, type PodSpecModel } from '../model/pod-spec';
import { atLeast } from '../pss-version';
import { defineRule, type CheckContext, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

const VALID = new Set(['RuntimeDefault', 'Localhost']);
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** A security context's seccompProfile as PSA sees it: absent, or present with a type ('' when unset). */
interface Profile {
  readonly map: MapRef;
  readonly type?: Located<string>;
}

function profileOf(securityContext: MapRef | undefined): Profile | undefined {
  const map = getMap(securityContext, 'seccompProfile');
  if (!map) return undefined;
  const type = getString(map, 'type');
  return type ? { map, type } : { map };
}

function valid(profile: Profile): boolean {
  return profile.type !== undefined && VALID.has(profile.type.value);
}

function named(container: ContainerModel | undefined): { container?: string } {
  const name = container?.name?.value;
  return name !== undefined ? { container: name } : {};
}

/** A finding for an explicit profile whose type is not allowed. */
function badProfile(profile: Profile, who: string, container: ContainerModel | undefined, { fixer }: CheckContext): RuleFinding {
  const title = 'Set seccompProfile.type to RuntimeDefault';
  if (profile.type) {
    return {
      span: profile.type.span,
      path: profile.type.path,
      message: `${who} sets the seccomp profile type "${profile.type.value}"; only RuntimeDefault and Localhost are allowed.`,
      // An explicit Unconfined was chosen on purpose; confining it may block a syscall the program needs.
      fix: { title, safety: 'unsafe', edits: fixer.replaceValue(profile.type, 'RuntimeDefault') },
      ...named(container),
    };
  }
  return {
    span: profile.map.keySpan ?? profile.map.span,
    path: [...profile.map.path, 'type'],
    message: `${who} sets a seccomp profile without a type; only RuntimeDefault and Localhost are allowed.`,
    fix: { title, safety: 'safe', edits: fixer.setKey(profile.map, ['type'], 'RuntimeDefault') },
    ...named(container),
  };
}

/** seccompProfile_baseline before policy v1.19: the alpha annotations. */
function annotationsCheck(pod: PodSpecModel, ctx: CheckContext): RuleFinding[] {
  const ok = (v: string) => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
  const findings: RuleFinding[] = [];
  const report = (value: Located<string> | undefined, who: string, container?: ContainerModel) => {
    if (!value || ok(value.value)) return;
    findings.push({
      span: value.span,
      path: value.path,
      message: `${who} sets the seccomp profile "${value.value}" by annotation; only runtime/default, docker/default and localhost/ profiles are allowed.`,
      fix: { title: 'Set the annotation to runtime/default', safety: 'unsafe', edits: ctx.fixer.replaceValue(value, 'runtime/default') },
      ...named(container),
    });
  };
  report(pod.annotations.get(POD_ANNOTATION), ctx.object.label);
  for (const container of pod.containers) {
    const name = container.name?.value ?? '';
    report(pod.annotations.get(CONTAINER_ANNOTATION_PREFIX + name), `${container.label} in ${ctx.object.label}`, container);
  }
  return findings;
}

export default defineRule({
  meta: {
    id: 'seccomp-profile',
    title: 'Container runs without a seccomp profile',
    severity: 'warning',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'Seccomp' },
    references: [pss('Seccomp'), cis('5.7.2', 'Ensure that the seccomp profile is set to docker/default in your Pod definitions'), NSA.podSecurity, MITRE.escapeToHost],
    fix: 'safe',
    docs: {
      rationale:
        'Seccomp filters the system calls a container may make; the runtime default profile blocks about sixty ' +
        'rarely needed calls that many kernel exploits use. Kubernetes runs containers Unconfined unless a profile ' +
        'is set. The baseline level forbids an explicit profile other than RuntimeDefault or Localhost; the ' +
        'restricted level requires one of them on the pod or on every container (Windows pods are exempt from ' +
        'policy v1.25).',
      remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (containers inherit it), or Localhost with a profile written for the workload.',
      fixSafety:
        'Adding RuntimeDefault where nothing is set is safe: it is the profile Docker and containerd apply outside ' +
        'Kubernetes, and ordinary programs never call what it blocks. The fix sets it on the pod when no container ' +
        'has a profile of its own. Replacing an explicit Unconfined is unsafe, because it was chosen on purpose.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, ctx) {
    const { settings, object, fixer } = ctx;
    const version = settings.pssVersion;
    const restricted = settings.level === 'restricted' && atLeast(version, 19);
    // seccompProfile_restricted overrides the baseline check and, from v1.25, admits Windows pods outright.
    if (restricted && pod.isWindows && atLeast(version, 25)) return [];
    if (!atLeast(version, 19)) return annotationsCheck(pod, ctx);

    const findings: RuleFinding[] = [];
    const podProfile = profileOf(pod.securityContext?.map);
    if (podProfile && !valid(podProfile)) findings.push(badProfile(podProfile, object.label, undefined, ctx));
    const own = pod.containers.map((container) => ({ container, profile: profileOf(container.securityContext?.map) }));
    for (const { container, profile } of own) {
      if (profile && !valid(profile)) findings.push(badProfile(profile, `${container.label} in ${object.label}`, container, ctx));
    }
    if (!restricted || (podProfile && valid(podProfile))) return findings;
    // A bad pod-level profile is already reported; the containers that inherit it are fixed with it.
    if (podProfile) return findings;
    const noneSet = own.every(({ profile }) => !profile);
    for (const { container, profile } of own) {
      if (profile) continue;
      const edits = noneSet
        ? fixer.setKey(pod.map, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault')
        : fixer.setKey(container.map, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault');
      findings.push({
        span: container.anchorSpan,
        path: containerPath(container, 'securityContext', 'seccompProfile', 'type'),
        message: `${container.label} in ${object.label} has no seccomp profile, in its own or the pod's security context, so it runs Unconfined.`,
        fix: { title: noneSet ? 'Set the pod seccompProfile.type to RuntimeDefault' : 'Set seccompProfile.type to RuntimeDefault', safety: 'safe', edits },
        ...named(container),
      });
    }
    return findings;
  },
});
