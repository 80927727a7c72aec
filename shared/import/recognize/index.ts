/**
 * Recognition for the compose import: what a service IS (kinds.ts, from its image and command)
 * and what its environment MEANS (secrets.ts and environments.ts: text, generated secret,
 * operator input or a URI whose password moved; links.ts: which services it connects to).
 * Pure functions over values the compose loader has already interpolated.
 */
export * from './image-ref';
export * from './kinds';
export { IMAGE_ROWS, LOOKALIKE_ROWS, type Confidence, type ImageRow } from './image-table';
export * from './secrets';
export * from './environments';
export * from './links';
export { findUris, urisIn, wholeUri, portOf, percentDecode, type FoundUri, type UriHost, type Span } from './uri';
export { isSecretByName } from './secret-names';
export { secretShapeOf, SECRET_SHAPE_NAMES, type SecretShape } from './secret-shapes';
