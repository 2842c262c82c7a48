/**
 * Registry digest look-up, for the "pin image digest" fix. Importing this module does nothing on
 * the network or disk: requests happen only inside `RegistryResolver.resolve`, which callers run
 * only when the user asks for a pin (LSP `codeAction/resolve`, CLI `--pin-digests`).
 *
 * Editor wiring, in short:
 *   - one `RegistryResolver` per server; `configure()` it when the registry settings change;
 *   - codeAction: for a diagnostic whose rule is in PIN_DIGEST_RULES, offer an action titled
 *     `pinDigestTitle(image)` with no edit and `data` naming the document and the diagnostic span;
 *   - codeAction/resolve: `imageAt(analysis.objects, span)` → `resolvePin(target, resolver, { signal, dropTag })`
 *     → on `ok`, the edits (file offsets) become the WorkspaceEdit; otherwise show `message`.
 *
 * CLI wiring: `pinImages(targets, resolver)` per file, where targets are `imageAt` of the findings
 * of PIN_DIGEST_RULES (or `unpinnedImages(objects)`), then apply `report.edits`.
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
