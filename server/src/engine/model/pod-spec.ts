import {
  getBool, getInt, getMap, getSeq, getString, mapItems, stringEntries, stringItems,
  type FieldPath, type Located, type MapRef, type SeqRef, type Span,
} from './located';
import type { K8sObject } from './objects';
import { derived } from './derived';

/** Kinds whose objects carry a pod template, and where it lives. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_GROUPS: readonly ContainerGroup[] = ['containers', 'initContainers', 'ephemeralContainers'];

/** The settings a security context may hold, read once; wrong types are absent. */
export interface SecurityContextModel {
  readonly map: MapRef;
  readonly privileged?: Located<boolean>;
  readonly allowPrivilegeEscalation?: Located<boolean>;
  readonly runAsNonRoot?: Located<boolean>;
  readonly runAsUser?: Located<number>;
  readonly runAsGroup?: Located<number>;
  readonly readOnlyRootFilesystem?: Located<boolean>;
  readonly procMount?: Located<string>;
  readonly seccompProfileType?: Located<string>;
  readonly appArmorProfileType?: Located<string>;
  readonly hostProcess?: Located<boolean>;
  readonly capabilitiesAdd: readonly Located<string>[];
  readonly capabilitiesDrop: readonly Located<string>[];
  readonly capabilities?: MapRef;
  readonly seLinuxOptions?: MapRef;
}

export interface ContainerModel {
  readonly group: ContainerGroup;
  readonly index: number;
  readonly map: MapRef;
  readonly name?: Located<string>;
  /** `container "app"` or `init container "setup"`, for messages. */
  readonly label: string;
  readonly image?: Located<string>;
  readonly securityContext?: SecurityContextModel;
  /** Where to report a *missing* setting: the container's `name: x` entry, else its first key. */
  readonly anchorSpan: Span;
}

export interface PodSpecModel {
  readonly object: K8sObject;
  /** The pod spec map (`spec`, `spec.template.spec`, …). */
  readonly map: MapRef;
  /** The pod template's metadata (`metadata` of a Pod), where pod annotations live. */
  readonly metadata?: MapRef;
  readonly annotations: ReadonlyMap<string, Located<string>>;
  readonly hostNetwork?: Located<boolean>;
  readonly hostPID?: Located<boolean>;
  readonly hostIPC?: Located<boolean>;
  readonly hostUsers?: Located<boolean>;
  readonly securityContext?: SecurityContextModel;
  /** `spec.os.name: windows` exempts a pod from the Linux-only controls. */
  readonly isWindows: boolean;
  readonly volumes?: SeqRef;
  /** containers, initContainers and ephemeralContainers, in that order. */
  readonly containers: readonly ContainerModel[];
  /** Where to report a missing pod-level setting: the key holding the pod spec. */
  readonly anchorSpan: Span;
}

/** Reads a security context map, or undefined when absent or not a map. */
export function readSecurityContext(map: MapRef | undefined): SecurityContextModel | undefined {
  if (!map) return undefined;
  const capabilities = getMap(map, 'capabilities');
  const seLinuxOptions = getMap(map, 'seLinuxOptions');
  // Only present fields become properties; built directly rather than through Object.entries,
  // since every container of every workload passes here.
  const model: Record<string, unknown> = { map };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) model[key] = value;
  };
  set('privileged', getBool(map, 'privileged'));
  set('allowPrivilegeEscalation', getBool(map, 'allowPrivilegeEscalation'));
  set('runAsNonRoot', getBool(map, 'runAsNonRoot'));
  set('runAsUser', getInt(map, 'runAsUser'));
  set('runAsGroup', getInt(map, 'runAsGroup'));
  set('readOnlyRootFilesystem', getBool(map, 'readOnlyRootFilesystem'));
  set('procMount', getString(map, 'procMount'));
  set('seccompProfileType', getString(map, 'seccompProfile', 'type'));
  set('appArmorProfileType', getString(map, 'appArmorProfile', 'type'));
  set('hostProcess', getBool(map, 'windowsOptions', 'hostProcess'));
  set('capabilities', capabilities);
  set('seLinuxOptions', seLinuxOptions);
  model.capabilitiesAdd = stringItems(getSeq(capabilities, 'add'));
  model.capabilitiesDrop = stringItems(getSeq(capabilities, 'drop'));
  return model as unknown as SecurityContextModel;
}

const GROUP_LABEL: Record<ContainerGroup, string> = {
  containers: 'Container',
  initContainers: 'Init container',
  ephemeralContainers: 'Ephemeral container',
};

function readContainer(group: ContainerGroup, index: number, map: MapRef): ContainerModel {
  const name = getString(map, 'name');
  const image = getString(map, 'image');
  const securityContext = readSecurityContext(getMap(map, 'securityContext'));
  const firstKey = map.node.items[0]?.key as { range?: [number, number, number] } | undefined;
  const anchorSpan: Span = name
    ? { start: name.keySpan.start, end: name.span.end }
    : firstKey?.range
      ? { start: firstKey.range[0], end: firstKey.range[1] }
      : map.span;
  return {
    group,
    index,
    map,
    label: `${GROUP_LABEL[group]} "${name?.value ?? `#${index + 1}`}"`,
    anchorSpan,
    ...(name ? { name } : {}),
    ...(image ? { image } : {}),
    ...(securityContext ? { securityContext } : {}),
  };
}

/** The pod spec of a workload object, or undefined for other kinds. */
// Every pod-scoped, container-scoped and control-plane rule asks for the same object's pod spec;
// reading it once per object (the syntax tree is never changed) halved the rule time in profiles.
const POD_SPEC = Symbol('pod spec');

export function readPodSpec(object: K8sObject): PodSpecModel | undefined {
  return derived(object, POD_SPEC, () => readPodSpecOnce(object));
}

function readPodSpecOnce(object: K8sObject): PodSpecModel | undefined {
  const path = POD_SPEC_PATHS[object.kind.value];
  if (!path) return undefined;
  const map = getMap(object.root, ...path);
  if (!map) return undefined;
  const metadata = object.kind.value === 'Pod' ? getMap(object.root, 'metadata') : getMap(object.root, ...path.slice(0, -1), 'metadata');
  const containers: ContainerModel[] = [];
  for (const group of CONTAINER_GROUPS) {
    mapItems(getSeq(map, group)).forEach((item, index) => containers.push(readContainer(group, index, item)));
  }
  const securityContext = readSecurityContext(getMap(map, 'securityContext'));
  const fields = {
    hostNetwork: getBool(map, 'hostNetwork'),
    hostPID: getBool(map, 'hostPID'),
    hostIPC: getBool(map, 'hostIPC'),
    hostUsers: getBool(map, 'hostUsers'),
    securityContext,
    metadata,
    volumes: getSeq(map, 'volumes'),
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return {
    object,
    map,
    annotations: stringEntries(getMap(metadata, 'annotations')),
    isWindows: getString(map, 'os', 'name')?.value === 'windows',
    containers,
    anchorSpan: map.keySpan ?? object.anchorSpan,
    ...present,
  } as PodSpecModel;
}

/** Where an effective setting's value comes from. */
export type SettingSource = 'container' | 'pod' | 'default';

export interface EffectiveSetting<T> {
  readonly value: T | undefined;
  readonly source: SettingSource;
  readonly located?: Located<T>;
}

/** Settings a container inherits from the pod's security context unless it sets them itself. */
export interface EffectiveSecurityContext {
  readonly runAsNonRoot: EffectiveSetting<boolean>;
  readonly runAsUser: EffectiveSetting<number>;
  readonly runAsGroup: EffectiveSetting<number>;
  readonly seccompProfileType: EffectiveSetting<string>;
  readonly appArmorProfileType: EffectiveSetting<string>;
  readonly hostProcess: EffectiveSetting<boolean>;
  readonly privileged: EffectiveSetting<boolean>;
  readonly allowPrivilegeEscalation: EffectiveSetting<boolean>;
  readonly readOnlyRootFilesystem: EffectiveSetting<boolean>;
  readonly procMount: EffectiveSetting<string>;
}

type Inherited = 'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfileType' | 'appArmorProfileType' | 'hostProcess';
type ContainerOnly = 'privileged' | 'allowPrivilegeEscalation' | 'readOnlyRootFilesystem' | 'procMount';

function inherited<K extends Inherited>(pod: PodSpecModel, container: ContainerModel, key: K): EffectiveSetting<NonNullable<SecurityContextModel[K]>['value']> {
  const own = container.securityContext?.[key];
  if (own) return { value: own.value, source: 'container', located: own } as EffectiveSetting<NonNullable<SecurityContextModel[K]>['value']>;
  const fromPod = pod.securityContext?.[key];
  if (fromPod) return { value: fromPod.value, source: 'pod', located: fromPod } as EffectiveSetting<NonNullable<SecurityContextModel[K]>['value']>;
  return { value: undefined, source: 'default' };
}

function containerOnly<K extends ContainerOnly>(container: ContainerModel, key: K): EffectiveSetting<NonNullable<SecurityContextModel[K]>['value']> {
  const own = container.securityContext?.[key];
  return (own ? { value: own.value, source: 'container', located: own } : { value: undefined, source: 'default' }) as EffectiveSetting<
    NonNullable<SecurityContextModel[K]>['value']
  >;
}

/** The security context Kubernetes applies to a container: its own values over the pod's. */
export function effectiveSecurityContext(pod: PodSpecModel, container: ContainerModel): EffectiveSecurityContext {
  return {
    runAsNonRoot: inherited(pod, container, 'runAsNonRoot'),
    runAsUser: inherited(pod, container, 'runAsUser'),
    runAsGroup: inherited(pod, container, 'runAsGroup'),
    seccompProfileType: inherited(pod, container, 'seccompProfileType'),
    appArmorProfileType: inherited(pod, container, 'appArmorProfileType'),
    hostProcess: inherited(pod, container, 'hostProcess'),
    privileged: containerOnly(container, 'privileged'),
    allowPrivilegeEscalation: containerOnly(container, 'allowPrivilegeEscalation'),
    readOnlyRootFilesystem: containerOnly(container, 'readOnlyRootFilesystem'),
    procMount: containerOnly(container, 'procMount'),
  };
}

/** A path below a container, for findings about a field it lacks. */
export function containerPath(container: ContainerModel, ...rest: string[]): FieldPath {
  return [...container.map.path, ...rest];
}
