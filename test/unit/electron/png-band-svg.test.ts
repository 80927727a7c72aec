import { describe, expect, it } from 'vitest';
import { bandSvg, outlineSvg, type SvgOutline } from '../../../electron/node/png-band-svg';

const ROOT =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="1000" viewBox="0 0 400 1000" font-family="Inter">';
const svgOf = (body: string, root = ROOT): string => `<?xml version="1.0" encoding="UTF-8"?>\n${root}${body}</svg>`;

/** The texts a band may leave out, by their content, with their extents. */
function texts(outline: SvgOutline, svg: string): Record<string, [number, number]> {
  return Object.fromEntries(
    outline.texts.map((t) => [
      svg.slice(t.start, t.end).replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, ''),
      [t.top, t.bottom],
    ]),
  );
}

const PICTURE = svgOf(
  '<title>T</title><metadata><p:project xmlns:p="urn:x">a: "&lt;b>" &lt; 2</p:project></metadata>' +
    "<defs><style>@font-face{font-family:'Inter';src:url(data:font/woff2;base64,AAAA)}" +
    "@font-face{font-family:'Mono';src:url(data:font/woff2;base64,BBBB)}</style></defs>" +
    '<rect width="400" height="1000" fill="#fff"/>' +
    '<text x="0" y="20" font-size="20">top</text>' +
    '<g transform="translate(10 500)"><text x="0" y="5" font-size="10" fill="#000">middle</text>' +
    '<g font-size="12" class="a &gt; b"><text x="0" y="100">inherited</text></g>' +
    '<g transform="translate(0 200) scale(2)"><text x="0" y="50" font-size="10">scaled</text></g></g>' +
    '<text x="0" y="990" font-size="10" stroke="#fff" stroke-width="3">stroked</text>',
);

describe('the outline of a picture', () => {
  it('finds each text’s rows through translate and scale, with inherited sizes and strokes', () => {
    const outline = outlineSvg(PICTURE)!;
    expect(outline).toMatchObject({ width: 400, height: 1000 });
    const found = texts(outline, PICTURE);
    // Two font sizes above and below the baseline, and a pixel for anti-aliasing.
    expect(found.top).toEqual([20 - 40 - 1, 20 + 40 + 1]);
    expect(found.middle).toEqual([505 - 20 - 1, 505 + 20 + 1]);
    expect(found.inherited).toEqual([600 - 24 - 1, 600 + 24 + 1]);
    expect(found.scaled).toEqual([700 + 2 * (50 - 20) - 1, 700 + 2 * (50 + 20) + 1]);
    // A stroke reaches out by up to four times its width (miter joins).
    expect(found.stroked).toEqual([990 - 20 - 12 - 1, 990 + 20 + 12 + 1]);
  });

  it('drops the metadata and the @font-face rules, and nothing else', () => {
    const outline = outlineSvg(PICTURE)!;
    const dropped = outline.dropped.map((d) => PICTURE.slice(d.start, d.end));
    expect(dropped).toHaveLength(3);
    expect(dropped[0]).toMatch(/^<metadata>.*<\/metadata>$/);
    expect(dropped.slice(1).every((d) => /^@font-face\{[^}]*\}$/.test(d))).toBe(true);
  });

  it('keeps every text whose extent is not known for sure', () => {
    const kept = [
      '<clipPath id="c"><text y="10" font-size="10">in a clip path</text></clipPath>',
      '<defs><text id="t" y="10" font-size="10">in defs</text></defs>',
      '<text y="10" dy="400" font-size="10">moved by dy</text>',
      '<text y="10" font-size="1em">size in em</text>',
      '<text y="10">no size anywhere</text>',
      '<text y="10" font-size="10" style="font-size:90px">styled</text>',
      '<text y="10" font-size="10" transform="rotate(90)">rotated</text>',
      '<g transform="matrix(1 0 0 1 0 0)"><text y="10" font-size="10">matrix</text></g>',
      '<g opacity="0.5"><text y="10" font-size="10">in a layer</text></g>',
      '<g filter="url(#f)"><text y="10" font-size="10">filtered</text></g>',
      '<g writing-mode="tb"><text y="10" font-size="10">vertical</text></g>',
      '<switch><text y="10" font-size="10">in a switch</text></switch>',
      '<svg y="300"><text y="10" font-size="10">nested viewport</text></svg>',
      '<text y="10" font-size="10">a <tspan dy="300">moved</tspan> span</text>',
      '<text y="10" font-size="10">a <tspan font-size="90">bigger</tspan> span</text>',
      '<text y="10 x" font-size="10">bad y</text>',
      '<g stroke-width="1em"><text y="10" font-size="10" stroke="#000">em stroke</text></g>',
    ];
    const svg = svgOf(kept.join('') + '<text y="10" font-size="10">plain <tspan x="4">span</tspan></text>');
    const outline = outlineSvg(svg)!;
    expect(Object.keys(texts(outline, svg))).toEqual(['plain span']);
  });

  it('leaves no text out when something could draw or restyle one elsewhere', () => {
    const plain = '<text y="10" font-size="10">plain</text>';
    for (const extra of [
      '<use href="#x"/>',
      '<defs><style>text { font-size: 90px }</style></defs>',
      '<defs><style><![CDATA[ .a { fill: red } ]]></style></defs>',
      '<text y="10" font-size="10"><textPath href="#p">on a path</textPath></text>',
    ])
      expect(outlineSvg(svgOf(plain + extra))!.texts, extra).toEqual([]);
    expect(outlineSvg(svgOf(plain, ROOT.replace('<svg ', '<svg style="font-size:40px" ')))!.texts).toEqual([]);
    expect(outlineSvg(svgOf(plain, ROOT.replace('<svg ', '<svg transform="scale(2)" ')))!.texts).toEqual([]);
    // @font-face alone, also in CDATA or next to comments, is no restyling.
    const faces = '<style><![CDATA[/* fonts */ @font-face{font-family:X;src:url(a)}]]><!-- c --></style>';
    expect(outlineSvg(svgOf(plain + faces))!.texts).toHaveLength(1);
  });

  it('follows no markup it does not understand, and no root it cannot narrow', () => {
    for (const svg of [
      `<!DOCTYPE svg [<!ENTITY e "<text>">]>${ROOT}</svg>`,
      svgOf('<g><text y="1" font-size="1">a</g></text>'),
      svgOf('<g>'),
      svgOf('</g>'),
      svgOf('<text y="1" font-size="1">1 < 2</text>'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
      '<html><svg width="10" height="10"></svg></html>',
      svgOf('', ROOT.replace('viewBox="0 0 400 1000"', 'viewBox="0 0 200 500"')),
      svgOf('', ROOT.replace('viewBox="0 0 400 1000"', 'viewBox="0 0 400 1000" preserveAspectRatio="none"')),
      svgOf('', ROOT.replace('width="400"', 'width="100%"')),
      svgOf('', ROOT.replace('height="1000"', 'height="0"')),
      `${svgOf('')}<g/>`,
      'not svg at all',
    ])
      expect(outlineSvg(svg), svg).toBeUndefined();
  });

  it('reads markup in attribute values, comments and CDATA as what it is', () => {
    const svg = svgOf(
      '<!-- <text y="10" font-size="10">commented out</text> -->' +
        '<g data-x="a > b" data-y=\'<text y="10" font-size="10">\'><text y="10" font-size="10" data-z="&lt;/text>">real</text></g>' +
        '<desc><![CDATA[</g> <text>]]></desc>',
    );
    const outline = outlineSvg(svg)!;
    expect(Object.keys(texts(outline, svg))).toEqual(['real']);
  });
});

describe('the SVG of a band', () => {
  it('narrows the root, drops what no band needs and the texts out of reach', () => {
    const outline = outlineSvg(PICTURE)!;
    const band = bandSvg(PICTURE, outline, 480, 200);
    expect(band).toContain(
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" font-family="Inter" height="200" viewBox="0 480 400 200">',
    );
    expect(band).not.toContain('<metadata');
    expect(band).not.toContain('@font-face');
    expect(band).toContain('<style></style>');
    for (const kept of ['middle', 'inherited', '<rect width="400" height="1000"', '<title>T</title>'])
      expect(band).toContain(kept);
    // `scaled` starts at row 759: out of 480–680.
    for (const gone of ['>top<', '>scaled<', '>stroked<']) expect(band).not.toContain(gone);
    // Still markup this reader follows, every element closed (it takes only a viewBox at 0 0, so
    // that is put back for the check); resvg reading bands is render-png.test.ts's part.
    expect(outlineSvg(band.replace('viewBox="0 480 400 200"', 'viewBox="0 0 400 200"'))).toMatchObject({
      width: 400,
      height: 200,
    });
    expect(band.match(/<g\b/g)).toHaveLength(band.match(/<\/g>/g)!.length);
  });

  it('keeps a text that only touches the band, and quotes root attributes safely', () => {
    const root = ROOT.replace('font-family="Inter"', 'font-family=\'"Inter", sans\'');
    const svg = svgOf('<text x="0" y="100" font-size="10">edge</text>', root);
    const outline = outlineSvg(svg)!;
    // The text's rows are 79–121: a band that reaches them gets it, one a row short does not.
    expect(bandSvg(svg, outline, 121, 100)).toContain('>edge<');
    expect(bandSvg(svg, outline, 122, 100)).not.toContain('>edge<');
    expect(bandSvg(svg, outline, 0, 79)).toContain('>edge<');
    expect(bandSvg(svg, outline, 0, 78)).not.toContain('>edge<');
    expect(bandSvg(svg, outline, 0, 10)).toContain('font-family="&quot;Inter&quot;, sans"');
  });
});
