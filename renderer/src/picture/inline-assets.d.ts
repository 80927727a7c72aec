/**
 * Vite's `?inline` suffix turns an asset into a `data:` URL string at build time; the picture
 * code embeds the bundled fonts this way (see fonts.ts), so an exported picture never depends
 * on the fonts of the machine that opens it.
 */
declare module '*.woff2?inline' {
  const dataUrl: string;
  export default dataUrl;
}
declare module '*.woff?inline' {
  const dataUrl: string;
  export default dataUrl;
}
