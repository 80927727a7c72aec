/**
 * The SVG of one band of a picture (png-bands.ts): the root's `height` and `viewBox` narrowed to
 * the band, and the `<text>` elements that cannot reach it left out.
 *
 * Leaving text out is what makes bands pay: resvg lays out and outlines every text when it parses
 * (90 % of the parse of a 500-component diagram), while drawing skips what is outside the pixmap
 * by itself. A text is only left out when its extent is known for sure — a number `y`, a font size
 * in px, inside nothing but plain groups moved by `translate`/`scale` — and the document has
 * nothing that could draw it elsewhere (`<use>`, `<tref>`, `<textPath>`) or restyle it (CSS
 * beyond @font-face). Everything else is kept in every band, which is always correct, only slower.
 * Also dropped from every band: `<metadata>` (the embedded project file) and `@font-face` rules
 * (resvg gets the fonts as files and ignores both) — bytes each band would otherwise parse.
 */

/** A range of the SVG text: `[start, end)`. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** A `<text>` element and the user-unit rows its glyphs may cover. */
export interface TextExtent extends Span {
  readonly top: number;
  readonly bottom: number;
}

export interface SvgOutline {
  /** The root start tag. */
  readonly root: Span;
  /** Root attributes, in order, as written (value without quotes). */
  readonly rootAttributes: readonly (readonly [string, string])[];
  /** Width and height of the root in user units. */
  readonly width: number;
  readonly height: number;
  /** Texts a band may leave out, in document order. */
  readonly texts: readonly TextExtent[];
  /** Ranges no band needs (metadata, @font-face rules), in document order. */
  readonly dropped: readonly Span[];
}

/** Markup that is not an element (comment, CDATA, processing instruction), a tag, or a `<` that is neither. */
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|</g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** A length in user units: a plain number, optionally `px`. */
const LENGTH = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?:px)?\s*$/;
const FONT_FACE = /@font-face\s*\{[^{}]*\}/g;
const NUMBER_LIST = /^\s*[-+\d.eE]+(?:[\s,]+[-+\d.eE]+)*\s*$/;

/** Elements whose presence means a text could be drawn somewhere other than where it stands. */
const REFERENCING = new Set(['use', 'tref', 'textPath', 'feImage']);
/** Plain groups: they draw their children where they stand and nothing else. */
const CONTAINERS = new Set(['g', 'a']);
/**
 * Attributes that make a group or text more than a plain container: they draw through a layer
 * sized by the content, move or turn text vertically, or style it in ways not read here.
 */
const NOT_PLAIN = new Set([
  'filter',
  'clip-path',
  'mask',
  'opacity',
  'style',
  'mix-blend-mode',
  'isolation',
  'writing-mode',
  'glyph-orientation-vertical',
  'baseline-shift',
  'font',
  'systemLanguage',
  'requiredFeatures',
  'requiredExtensions',
]);
/** Also not read on a text or inside it: positions and sizes other than its own `y` and `font-size`. */
const TEXT_NOT_READ = new Set(['dy', 'rotate']);
const TSPAN_NOT_READ = new Set(['y', 'dy', 'rotate', 'transform', 'font-size', 'stroke-width']);
/** Margin around a text, in font sizes: ascenders, stacked accents and descenders stay well inside. */
const TEXT_MARGIN_EM = 2;
/** Miter joins reach out up to the miter limit (4 by default) times half the stroke width; twice that, to be sure. */
const STROKE_MARGIN = 4;

/** A vertical mapping `y ↦ ty + sy·y` from an element's user units to the root's. */
interface Frame {
  readonly name: string;
  readonly ty: number;
  readonly sy: number;
  /** Every ancestor is a plain container with a known vertical mapping. */
  readonly plain: boolean;
  /** Font size set on it or inherited, in px; undefined when none is set, NaN when not in px. */
  readonly fontSize: number | undefined;
  /** Widest stroke width set on it or an ancestor (0 when none is); an inherited width applies in the element's own units. */
  readonly stroke: number;
}

function attributesOf(source: string): [string, string][] {
  return [...source.matchAll(ATTRIBUTE)].map((m) => [m[1]!, m[2] ?? m[3] ?? '']);
}

const lengthOf = (value: string | undefined): number | undefined => {
  const m = value === undefined ? null : LENGTH.exec(value);
  const n = m ? Number(m[1]) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** The vertical part of a transform made of `translate` and `scale` only; undefined for anything else. */
function verticalTransform(value: string, ty: number, sy: number): { ty: number; sy: number } | undefined {
  const rest = value.replace(/\s*(translate|scale)\s*\(([^)]*)\)\s*,?/g, (_, op: string, args: string) => {
    const n = args
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (n.length < 1 || n.length > 2 || !n.every(Number.isFinite)) return '!';
    if (op === 'translate') ty += sy * (n[1] ?? 0);
    else sy *= n[1] ?? n[0]!;
    return '';
  });
  return rest.trim() === '' && sy !== 0 ? { ty, sy } : undefined;
}

/** The font size an element sets, or the one it inherits. */
function fontSizeOf(attrs: ReadonlyMap<string, string>, inherited: number | undefined): number | undefined {
  const value = attrs.get('font-size');
  return value === undefined ? inherited : (lengthOf(value) ?? NaN);
}

/** The frame of a child element, from its attributes; `plain: false` when it is not read. */
function childFrame(parent: Frame, name: string, attrs: ReadonlyMap<string, string>, isText: boolean): Frame {
  const notPlain = { name, ty: 0, sy: 1, plain: false, stroke: 0, fontSize: undefined };
  if (!parent.plain || !(isText || CONTAINERS.has(name))) return notPlain;
  for (const a of attrs.keys()) if (NOT_PLAIN.has(a) || (isText && TEXT_NOT_READ.has(a))) return notPlain;
  let { ty, sy, stroke } = parent;
  const transform = attrs.get('transform');
  if (transform !== undefined) {
    const t = verticalTransform(transform, ty, sy);
    if (!t) return notPlain;
    ({ ty, sy } = t);
  }
  const width = attrs.get('stroke-width');
  if (width !== undefined) {
    const w = lengthOf(width);
    if (w === undefined) return notPlain;
    stroke = Math.max(stroke, Math.abs(w));
  }
  // A stroke with no width set anywhere is 1 unit wide.
  if (attrs.has('stroke') && stroke === 0) stroke = 1;
  return { name, ty, sy, plain: true, stroke, fontSize: fontSizeOf(attrs, parent.fontSize) };
}

/** The rows a text's glyphs may cover, or undefined when they are not known for sure. */
function textRows(frame: Frame, attrs: ReadonlyMap<string, string>): { top: number; bottom: number } | undefined {
  const { fontSize } = frame;
  // No size anywhere (the rasteriser's default applies) or one in other units: not known here.
  if (!frame.plain || fontSize === undefined || !(fontSize >= 0)) return undefined;
  const yValue = attrs.get('y') ?? '0';
  if (!NUMBER_LIST.test(yValue)) return undefined;
  const ys = yValue
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (!ys.every(Number.isFinite)) return undefined;
  const margin = TEXT_MARGIN_EM * fontSize + STROKE_MARGIN * frame.stroke;
  const a = frame.ty + frame.sy * (Math.min(...ys) - margin);
  const b = frame.ty + frame.sy * (Math.max(...ys) + margin);
  // And a pixel row either side for anti-aliasing, at any scale.
  return { top: Math.min(a, b) - 1, bottom: Math.max(a, b) + 1 };
}

/** `@font-face` rules in a style element's content at `offset`, and whether the content has any other CSS. */
function styleContent(content: string, offset: number): { faces: Span[]; otherCss: boolean } {
  const faces: Span[] = [];
  for (const m of content.matchAll(FONT_FACE))
    faces.push({ start: offset + m.index, end: offset + m.index + m[0].length });
  const rest = content.replace(FONT_FACE, '').replace(/<!\[CDATA\[|\]\]>|<!--[\s\S]*?-->|\/\*[\s\S]*?\*\//g, '');
  return { faces, otherCss: rest.trim() !== '' };
}

/**
 * The outline of an SVG a band can be cut from, or undefined when the markup is not what this
 * reader follows (the picture is then drawn whole).
 */
export function outlineSvg(svg: string): SvgOutline | undefined {
  const stack: Frame[] = [];
  const texts: TextExtent[] = [];
  const dropped: Span[] = [];
  let root: { span: Span; attrs: [string, string][] } | undefined;
  let pruning = true;
  /** The text being read: where it starts and its extent (undefined when it must be kept). */
  let text: { start: number; depth: number; rows: { top: number; bottom: number } | undefined } | undefined;
  let metadata: { start: number; depth: number } | undefined;
  let style: { contentStart: number; depth: number } | undefined;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(svg); m; m = TOKEN.exec(svg)) {
    const [token, close, name, attrSource, selfClose] = m;
    // A `<` that starts no markup this reader knows (a DOCTYPE among them): not followed.
    if (token === '<') return undefined;
    if (name === undefined) continue;
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== name) return undefined;
      const depth = stack.length;
      if (text && depth === text.depth) {
        if (text.rows) texts.push({ start: text.start, end: TOKEN.lastIndex, ...text.rows });
        text = undefined;
      }
      if (metadata && depth === metadata.depth) {
        dropped.push({ start: metadata.start, end: TOKEN.lastIndex });
        metadata = undefined;
      }
      if (style && depth === style.depth) {
        const { faces, otherCss } = styleContent(svg.slice(style.contentStart, m.index), style.contentStart);
        if (!metadata) dropped.push(...faces);
        if (otherCss) pruning = false;
        style = undefined;
      }
      continue;
    }
    // Attributes are read only where they decide something: most elements are shapes in a group.
    const source = attrSource ?? '';
    if (REFERENCING.has(name)) pruning = false;
    if (!root) {
      if (name !== 'svg' || selfClose) return undefined;
      const attrs = attributesOf(source);
      const map = new Map(attrs);
      root = { span: { start: m.index, end: TOKEN.lastIndex }, attrs };
      if (map.has('transform') || attrs.some(([a]) => NOT_PLAIN.has(a))) pruning = false;
      stack.push({ name, ty: 0, sy: 1, plain: true, stroke: 0, fontSize: fontSizeOf(map, undefined) });
      continue;
    }
    if (stack.length === 0) return undefined;
    const parent = stack[stack.length - 1]!;
    if (text) {
      // Inside a text: only tspans that keep to the text's own position and size.
      if (
        text.rows &&
        (name !== 'tspan' || attributesOf(source).some(([a]) => NOT_PLAIN.has(a) || TSPAN_NOT_READ.has(a)))
      )
        text.rows = undefined;
    } else if (name === 'text') {
      const map = new Map(attributesOf(source));
      const frame = childFrame(parent, name, map, true);
      const rows = textRows(frame, map);
      if (selfClose) {
        if (rows) texts.push({ start: m.index, end: TOKEN.lastIndex, ...rows });
        continue;
      }
      text = { start: m.index, depth: stack.length, rows };
      stack.push(frame);
      continue;
    } else if (name === 'metadata' && !metadata && !selfClose) {
      metadata = { start: m.index, depth: stack.length };
    } else if (name === 'style' && !style && !selfClose) {
      style = { contentStart: TOKEN.lastIndex, depth: stack.length };
    }
    if (selfClose) continue;
    if (text) stack.push({ ...parent, name });
    else if (parent.plain && CONTAINERS.has(name))
      stack.push(childFrame(parent, name, new Map(attributesOf(source)), false));
    else stack.push({ name, ty: 0, sy: 1, plain: false, stroke: 0, fontSize: undefined });
  }
  if (!root || stack.length > 0) return undefined;
  const size = new Map(root.attrs);
  const width = lengthOf(size.get('width'));
  const height = lengthOf(size.get('height'));
  if (width === undefined || height === undefined || !(width > 0 && height > 0)) return undefined;
  // Only the viewBox this project's pictures have (or none): the band's viewBox is then exact.
  const viewBox = size.get('viewBox');
  if (viewBox !== undefined) {
    const v = viewBox
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (v.length !== 4 || v[0] !== 0 || v[1] !== 0 || v[2] !== width || v[3] !== height) return undefined;
  }
  if (size.has('preserveAspectRatio')) return undefined;
  return {
    root: root.span,
    rootAttributes: root.attrs,
    width,
    height,
    texts: pruning ? texts : [],
    dropped,
  };
}

const quoteAttribute = (value: string): string => value.replace(/"/g, '&quot;');

/** The SVG of the user-unit rows `[top, top + height)`: root narrowed, unneeded text and dropped ranges left out. */
export function bandSvg(svg: string, outline: SvgOutline, top: number, height: number): string {
  const attrs = outline.rootAttributes.filter(([name]) => name !== 'height' && name !== 'viewBox');
  attrs.push(['height', String(height)], ['viewBox', `0 ${top} ${outline.width} ${height}`]);
  const rootTag = `<svg ${attrs.map(([n, v]) => `${n}="${quoteAttribute(v)}"`).join(' ')}>`;
  const bottom = top + height;
  const skipped: Span[] = [
    ...outline.dropped,
    ...outline.texts.filter((t) => t.bottom < top || t.top > bottom),
    outline.root,
  ].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const s of skipped) {
    parts.push(svg.slice(at, s.start));
    if (s === outline.root) parts.push(rootTag);
    at = s.end;
  }
  parts.push(svg.slice(at));
  return parts.join('');
}
