/**
 * Registry digest look-up, for the "pin image digest" fix. Importing this module does nothing on
 * the network: requests happen only inside `RegistryResolver.resolve`.
 */
export { RegistryResolver, MANIFEST_ACCEPT, MEDIA_TYPES } from './resolver';
export type { RegistryResolverOptions, ResolveRequest, ResolveResult, ResolvedDigest, ResolveFailure } from './resolver';
export type { RegistryError, RegistryErrorKind, SettingNames } from './errors';
export { DEFAULT_SETTING_NAMES } from './errors';
export { PIN_DIGEST_RULES, imageAt, imageTargets, pinDigestTitle, pinImages, resolvePin, unpinnedImages } from './pin';
export type { ImageTarget, PinOutcome, PinReport } from './pin';
export { pinImageEdit } from '../engine/pin-image';
export type { PinImageEdit, PinImageOptions } from '../engine/pin-image';
export { parseHostPattern, registryBaseUrl, DOCKER_HUB_API } from './endpoint';
