/**
 * The project file inside an SVG (shared/render/svg-embed.ts): written as escaped text, read back
 * exactly — any text at all — and read defensively from SVG written by anyone: comments, CDATA
 * and doctypes cannot fake it, malformed markup gives no project, and hostile input is read in
 * linear time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SVG_CHARS, PORTOLAN_NS, projectFromSvg, projectMetadata } from '../../../../shared/render/svg-embed';

const picture = (metadata: string, before = '', after = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${before}${metadata}${after}<rect width="10" height="10"/></svg>\n`;

const roundTrip = (text: string): string | undefined => projectFromSvg(picture(projectMetadata(text)));

describe('projectMetadata and projectFromSvg', () => {
  it.each([
    ['plain YAML', 'format: 2\nmeta:\n  name: Acme\n'],
    ['the end of a CDATA section', 'name: "]]>"\nx: <![CDATA[ y ]]>\n'],
    ['markup and entities', 'a: "<b>&amp;&#x41;&lt;</b>"\n\'q\': "\\""\n'],
    ['carriage returns, CRLF and tabs', 'a: 1\r\nb: 2\rc:\t3\n'],
    ['an empty file', ''],
    ['non-ASCII, astral and bidi characters', 'name: Zürich 東京 😀 \u202e\u2028\u0085\u007f\n'],
  ])('gives back %s exactly', (_what, text) => {
    expect(roundTrip(text)).toBe(text);
  });

  it('writes escaped text, not CDATA, in the Portolan namespace', () => {
    const m = projectMetadata('a: "]]>" & <x>\r\n');
    expect(m).toBe(
      `<metadata><portolan:project xmlns:portolan="${PORTOLAN_NS}" encoding="yaml">a: "]]&gt;" &amp; &lt;x&gt;&#13;\n</portolan:project></metadata>`,
    );
  });

  it('stores text XML cannot carry as a JSON string, and still gives it back exactly', () => {
    for (const text of ['a: \ufffe\n', 'b: \u0001\u0000\n', 'lone \ud800 surrogate', 'x\uffff']) {
      const m = projectMetadata(text);
      expect(m).toContain('encoding="yaml-json"');
      // Only characters XML allows: no C0 control but tab, line feed and return, no U+FFFE/U+FFFF.
      expect([...m].every((ch) => (ch >= ' ' || '\t\n\r'.includes(ch)) && ch !== '\ufffe' && ch !== '\uffff')).toBe(
        true,
      );
      expect(roundTrip(text)).toBe(text);
    }
  });

  it('round-trips any text (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'grapheme' }),
          fc.string({
            unit: fc.constantFrom('&', '<', '>', ']', '\r', '\n', '\t', '#', ';', 'x', '\u0001', '\ufffe', '\ud800'),
          }),
        ),
        (text) => roundTrip(text) === text,
      ),
      { numRuns: 500 },
    );
  });
});

describe('projectFromSvg reads SVG written by anyone', () => {
  const ours = projectMetadata('name: real\n');

  it('finds the element under any prefix bound to the namespace, or as the default namespace', () => {
    expect(
      projectFromSvg(
        picture(`<metadata><p:project xmlns:p="${PORTOLAN_NS}" encoding='yaml'>x: &#65;&#x42;</p:project ></metadata>`),
      ),
    ).toBe('x: AB');
    expect(projectFromSvg(picture(`<metadata xmlns:q="${PORTOLAN_NS}"><q:project>y</q:project></metadata>`))).toBe('y');
    expect(projectFromSvg(picture(`<metadata><project xmlns="${PORTOLAN_NS}">z</project></metadata>`))).toBe('z');
    expect(projectFromSvg(picture(`<metadata><p:project xmlns:p="${PORTOLAN_NS}"/></metadata>`))).toBe('');
    expect(
      projectFromSvg(
        picture(`<metadata><p:project xmlns:p="${PORTOLAN_NS}">a<![CDATA[<b>]]><!-- c -->d</p:project></metadata>`),
      ),
    ).toBe('a<b>d');
  });

  it('is not fooled by a fake element in a comment, CDATA, a processing instruction or a doctype', () => {
    const fake = projectMetadata('name: fake\n');
    expect(projectFromSvg(picture(ours, `<!-- ${fake} -->`))).toBe('name: real\n');
    expect(projectFromSvg(picture(ours, `<text><![CDATA[${fake}]]></text>`))).toBe('name: real\n');
    expect(projectFromSvg(picture(ours, `<?pi ${fake} ?>`))).toBe('name: real\n');
    const doctype = `<!DOCTYPE svg [ <!ENTITY e "${fake.replace(/"/g, "'")}"> ]>`;
    expect(projectFromSvg(doctype + picture(ours))).toBe('name: real\n');
    // Quoted values and comments in the internal subset may hold `]>`.
    const tricky = `<!DOCTYPE svg [ <!ENTITY e "]> ${fake.replace(/"/g, "'")}"> <!-- ]> ${fake} --> ]>`;
    expect(projectFromSvg(tricky + picture(ours))).toBe('name: real\n');
  });

  it('ignores the element in another namespace or without one', () => {
    expect(
      projectFromSvg(picture(`<metadata><p:project xmlns:p="https://evil.example/ns">x</p:project></metadata>`)),
    ).toBeUndefined();
    expect(projectFromSvg(picture('<metadata><portolan:project>x</portolan:project></metadata>'))).toBeUndefined();
    expect(projectFromSvg(picture(''))).toBeUndefined();
    expect(projectFromSvg('')).toBeUndefined();
    expect(projectFromSvg('not xml at all')).toBeUndefined();
  });

  it.each([
    ['an unknown entity', `<portolan:project xmlns:portolan="${PORTOLAN_NS}">&xxe;</portolan:project>`],
    [
      'an entity without its semicolon',
      `<portolan:project xmlns:portolan="${PORTOLAN_NS}">a &amp b</portolan:project>`,
    ],
    [
      'a reference to a character XML forbids',
      `<portolan:project xmlns:portolan="${PORTOLAN_NS}">&#0;</portolan:project>`,
    ],
    ['a reference past Unicode', `<portolan:project xmlns:portolan="${PORTOLAN_NS}">&#x110000;</portolan:project>`],
    ['an element inside', `<portolan:project xmlns:portolan="${PORTOLAN_NS}">a<b/>c</portolan:project>`],
    ['no end tag', `<portolan:project xmlns:portolan="${PORTOLAN_NS}">abc`],
    [
      'an unknown encoding',
      `<portolan:project xmlns:portolan="${PORTOLAN_NS}" encoding="base64">YQ==</portolan:project>`,
    ],
    [
      'JSON that is not a string',
      `<portolan:project xmlns:portolan="${PORTOLAN_NS}" encoding="yaml-json">{"a":1}</portolan:project>`,
    ],
    ['broken JSON', `<portolan:project xmlns:portolan="${PORTOLAN_NS}" encoding="yaml-json">"abc</portolan:project>`],
    ['an unterminated attribute', `<portolan:project xmlns:portolan="${PORTOLAN_NS}>x</portolan:project>`],
  ])('gives no project for %s', (_what, element) => {
    expect(projectFromSvg(picture(`<metadata>${element}</metadata>`))).toBeUndefined();
  });

  it('refuses input past its size bound without reading it', () => {
    const huge = { length: MAX_SVG_CHARS + 1 } as unknown as string;
    expect(projectFromSvg(huge)).toBeUndefined();
  });

  // Each shape would take minutes if any step rescanned the rest of the input (quadratic).
  it.each([
    ['declarations', '<!a>'],
    ['unclosed declarations', '<!a['],
    ['quotes in declarations', '<!a "'],
    ['start tags', '<a b="c">'],
    ['end tags', '</a>'],
    ['ampersands in an attribute', '<a b="&amp;&amp;&amp;&amp;">'],
    ['comment openers', '<!--'],
    ['bare angle brackets', '<<<<'],
  ])('reads 4 MB of %s in linear time', (_what, unit) => {
    const input = `<svg xmlns="http://www.w3.org/2000/svg">${unit.repeat(Math.ceil((4 * 1024 * 1024) / unit.length))}`;
    const start = performance.now();
    expect(projectFromSvg(input)).toBeUndefined();
    // A generous bound: linear work is tens of milliseconds; quadratic work would be hours.
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
