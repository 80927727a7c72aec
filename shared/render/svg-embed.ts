/**
 * The project inside its picture: an SVG carries the `*.portolan.yaml` text in
 * `<metadata><portolan:project xmlns:portolan="https://portolan.dev/ns/1" encoding="yaml">`, as
 * XML-escaped text (not CDATA: the text may hold `]]>`), so opening the picture gives back the
 * exact file. A carriage return is written `&#13;` because XML parsers turn raw ones into line
 * feeds. Text XML cannot carry at all (U+FFFE, U+FFFF, C0 controls, lone surrogates — none of
 * them belongs in a YAML file, but a file can hold U+FFFE) is stored as a JSON string instead,
 * `encoding="yaml-json"`, so the round trip is exact for any text.
 *
 * `projectFromSvg` reads it back from any SVG, hostile ones included: one forward scan with
 * `indexOf` (no regular expression over the input, so no backtracking), bounded input size,
 * comments, CDATA sections, processing instructions and the doctype skipped, only the five
 * predefined entities and character references understood (anything else: no project).
 */
import { isXmlText, xmlEscape } from './xml';

export const PORTOLAN_NS = 'https://portolan.dev/ns/1';
/** Far above any picture of a project file (≤ 5 MB, ×5 when every character is escaped). */
export const MAX_SVG_CHARS = 64 * 1024 * 1024;

type Encoding = 'yaml' | 'yaml-json';

const EMBED: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/** JSON string escapes for what XML cannot carry (JSON.stringify already escapes C0 and lone surrogates). */
const jsonString = (value: string): string =>
  JSON.stringify(value).replace(/[\ufffe\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);

/** The `<metadata>` element holding `projectText`. */
export function projectMetadata(projectText: string): string {
  const [encoding, body]: [Encoding, string] = isXmlText(projectText)
    ? ['yaml', projectText.replace(/[&<>\r]/g, (ch) => EMBED[ch]!)]
    : ['yaml-json', xmlEscape(jsonString(projectText))];
  return (
    `<metadata><portolan:project xmlns:portolan="${PORTOLAN_NS}" encoding="${encoding}">` +
    `${body}</portolan:project></metadata>`
  );
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The longest entity or character reference understood, `&#x10FFFF;` and a few leading zeros. */
const MAX_REFERENCE = 16;

const isXmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** Character data: line ends normalised as an XML parser does, then references replaced. */
function decodeText(raw: string): string | undefined {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  let out = '';
  let at = 0;
  for (;;) {
    const amp = text.indexOf('&', at);
    if (amp < 0) return out + text.slice(at);
    const semi = text.indexOf(';', amp);
    if (semi < 0 || semi - amp > MAX_REFERENCE) return undefined;
    const ref = text.slice(amp + 1, semi);
    let value: string | undefined = PREDEFINED[ref];
    if (value === undefined && ref.startsWith('#')) {
      const hex = ref[1] === 'x';
      const digits = ref.slice(hex ? 2 : 1);
      if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) return undefined;
      value = String.fromCodePoint(cp);
    }
    if (value === undefined) return undefined;
    out += text.slice(at, amp) + value;
    at = semi + 1;
  }
}

/** An element's content: text and CDATA sections (comments and processing instructions skipped). */
function decodeContent(content: string): string | undefined {
  let out = '';
  let at = 0;
  for (;;) {
    const lt = content.indexOf('<', at);
    const chunk = decodeText(content.slice(at, lt < 0 ? content.length : lt));
    if (chunk === undefined) return undefined;
    out += chunk;
    if (lt < 0) return out;
    if (content.startsWith('<![CDATA[', lt)) {
      const end = content.indexOf(']]>', lt + 9);
      if (end < 0) return undefined;
      const cdata = content.slice(lt + 9, end);
      out += cdata.includes('\r') ? cdata.replace(/\r\n?/g, '\n') : cdata;
      at = end + 3;
    } else if (content.startsWith('<!--', lt)) {
      const end = content.indexOf('-->', lt + 4);
      if (end < 0) return undefined;
      at = end + 3;
    } else if (content.startsWith('<?', lt)) {
      const end = content.indexOf('?>', lt + 2);
      if (end < 0) return undefined;
      at = end + 2;
    } else return undefined; // an element inside: not ours
  }
}

interface StartTag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  /** Index just past the tag's `>`. */
  readonly end: number;
  readonly selfClosing: boolean;
}

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

/** The start tag at `lt` (which holds `<`), or undefined when it is malformed. */
function startTag(svg: string, lt: number): StartTag | undefined {
  let i = lt + 1;
  const nameStart = i;
  while (i < svg.length && !isSpace(svg[i]) && svg[i] !== '>' && svg[i] !== '/') i++;
  const name = svg.slice(nameStart, i);
  if (name === '') return undefined;
  const attributes = new Map<string, string>();
  for (;;) {
    while (isSpace(svg[i])) i++;
    if (i >= svg.length) return undefined;
    if (svg[i] === '>') return { name, attributes, end: i + 1, selfClosing: false };
    if (svg.startsWith('/>', i)) return { name, attributes, end: i + 2, selfClosing: true };
    const attrStart = i;
    while (i < svg.length && !isSpace(svg[i]) && svg[i] !== '=' && svg[i] !== '>' && svg[i] !== '/') i++;
    const attr = svg.slice(attrStart, i);
    while (isSpace(svg[i])) i++;
    if (attr === '' || svg[i] !== '=') return undefined;
    i++;
    while (isSpace(svg[i])) i++;
    const quote = svg[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = svg.indexOf(quote, i + 1);
    if (close < 0) return undefined;
    const value = decodeText(svg.slice(i + 1, close));
    if (value === undefined) return undefined;
    attributes.set(attr, value);
    i = close + 1;
  }
}

/**
 * Index past the doctype (or other `<!…>` declaration) at `lt`, an internal subset included
 * (its quoted values and comments may hold `]` and `>`); −1 when it does not end.
 */
function skipDoctype(svg: string, lt: number): number {
  let quote = '';
  let subset = false;
  for (let i = lt + 2; i < svg.length; i++) {
    const ch = svg[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (subset && svg.startsWith('<!--', i)) {
      const end = svg.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 2;
    } else if (ch === '[') subset = true;
    else if (ch === ']') subset = false;
    else if (ch === '>' && !subset) return i + 1;
  }
  return -1;
}

/**
 * The project text embedded in an SVG picture, exactly as it was written; undefined when there
 * is none or the picture is malformed where it matters. A namespace prefix counts when it is
 * bound to Portolan's namespace on the element itself or on one before it in the document.
 */
export function projectFromSvg(svg: string): string | undefined {
  if (typeof svg !== 'string' || svg.length > MAX_SVG_CHARS) return undefined;
  const prefixes = new Set<string>();
  let defaultIsOurs = false;
  let at = 0;
  for (;;) {
    const lt = svg.indexOf('<', at);
    if (lt < 0) return undefined;
    let skip: [string, number] | undefined;
    if (svg.startsWith('<!--', lt)) skip = ['-->', lt + 4];
    else if (svg.startsWith('<![CDATA[', lt)) skip = [']]>', lt + 9];
    else if (svg.startsWith('<?', lt)) skip = ['?>', lt + 2];
    if (skip) {
      const end = svg.indexOf(skip[0], skip[1]);
      if (end < 0) return undefined;
      at = end + skip[0].length;
      continue;
    }
    if (svg.startsWith('<!', lt)) {
      at = skipDoctype(svg, lt);
      if (at < 0) return undefined;
      continue;
    }
    if (svg.startsWith('</', lt)) {
      at = lt + 2;
      continue;
    }
    const tag = startTag(svg, lt);
    if (!tag) return undefined;
    for (const [attr, value] of tag.attributes) {
      if (attr === 'xmlns') defaultIsOurs = value === PORTOLAN_NS;
      else if (attr.startsWith('xmlns:') && value === PORTOLAN_NS) prefixes.add(attr.slice('xmlns:'.length));
    }
    const colon = tag.name.indexOf(':');
    const ours =
      colon < 0
        ? tag.name === 'project' && defaultIsOurs
        : tag.name.slice(colon + 1) === 'project' && prefixes.has(tag.name.slice(0, colon));
    if (!ours) {
      at = tag.end;
      continue;
    }
    const encoding = tag.attributes.get('encoding') ?? 'yaml';
    if (encoding !== 'yaml' && encoding !== 'yaml-json') return undefined;
    let content = '';
    if (!tag.selfClosing) {
      const close = svg.indexOf(`</${tag.name}`, tag.end);
      if (close < 0) return undefined;
      let after = close + 2 + tag.name.length;
      while (isSpace(svg[after])) after++;
      if (svg[after] !== '>') return undefined;
      const decoded = decodeContent(svg.slice(tag.end, close));
      if (decoded === undefined) return undefined;
      content = decoded;
    }
    return encoding === 'yaml' ? content : fromJson(content);
  }
}

function fromJson(content: string): string | undefined {
  try {
    const value: unknown = JSON.parse(content);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
