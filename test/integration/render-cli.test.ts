/**
 * `portolan render` end to end: the built CLI on plain Node writes SVG, PNG and PDF, and the
 * real tools read them — xmllint parses the SVG, Poppler renders every PDF page (pdftoppm),
 * extracts its text (pdftotext) and its attachment (pdfdetach) — and `validate`, `export`,
 * `check-format` and `render` itself work on the pictures. The pictures of the templates are left
 * in test-results/ to look at.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { arrange } from '../../shared/diagram/arrange';
import { loadProject, saveProject } from '../../shared/format/index';
import { printable } from '../../shared/model/printable';
import { pngSize, readPngText, readPngTexts } from '../../shared/render/png-text';
import { projectFileName } from '../../shared/model/file-name';
import { redactedStrings, redactProject } from '../../shared/render/redact';
import { projectFromSvg } from '../../shared/render/svg-embed';
import { xmlEscape } from '../../shared/render/xml';
import { TEMPLATES } from '../../shared/templates/index';
import { svgSize } from '../../shared/render/picture-size';
import { diagramProject } from '../support/diagram-projects';
import { hostileProject, withoutFontData } from '../support/picture-projects';
import { needTool } from '../support/tools';

const BIN = resolve('bin/portolan.mjs');
const RESULTS = resolve('test-results');
/** 2026-06-01T00:00:00Z: every picture here is dated by it, so renders are byte-stable. */
const EPOCH = '1780272000';
const DATE = '2026-06-01';

const poppler = ['pdftoppm', 'pdftotext', 'pdfdetach', 'pdffonts'].map((tool) =>
  needTool(tool, 'checking PDFs (poppler-utils)'),
);
const xmllint = needTool('xmllint', 'checking that SVG is well-formed XML (libxml2-utils)');
const noPoppler = poppler.some((t) => t.skip);

let dir: string;

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

function cli(args: readonly string[], env: Record<string, string | undefined> = { SOURCE_DATE_EPOCH: EPOCH }): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tool(cmd: string, args: readonly string[]): string {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
const text = (name: string): string => readFileSync(join(dir, name), 'utf8');

beforeAll(() => {
  if (!existsSync(resolve('out/cli/portolan.js')))
    throw new Error('out/cli is missing: run `npm run build` before the CLI tests');
  dir = mkdtempSync(join(tmpdir(), 'portolan-render-'));
  mkdirSync(RESULTS, { recursive: true });
  for (const t of TEMPLATES) writeFileSync(join(dir, `${t.id}.portolan.yaml`), t.text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEMPLATES.map((t) => [t.id, t.text] as const))('the %s template', (id, source) => {
  const project = (() => {
    const loaded = loadProject(source);
    if (!loaded.ok) throw new Error(`${id} does not load`);
    return loaded.project;
  })();
  const input = `${id}.portolan.yaml`;

  it.each(['light', 'dark'] as const)('SVG (%s): well-formed, every component named, the file carried', (theme) => {
    const out = `${id}-${theme}.svg`;
    const r = cli(['render', input, '--out', out, '--theme', theme]);
    expect(r, r.err).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/: SVG, \d+ x \d+, \d+ KB; project file embedded\n$/);
    const svg = text(out);
    if (!xmllint.skip) tool('xmllint', ['--noout', out]);
    for (const c of project.components) expect(svg).toContain(xmlEscape(printable(c.name)));
    expect(svg).toContain(DATE);
    expect(projectFromSvg(svg)).toBe(source);
    writeFileSync(join(RESULTS, `render-${id}-${theme}.svg`), svg);
  });

  it.each(['light', 'dark'] as const)(
    'PNG (%s): decodes at the SVG size times the scale, carries the file',
    (theme) => {
      const svg = text(`${id}-${theme}.svg`);
      const size = svgSize(svg);
      // 2× once: the scale multiplies the size the same way in both themes.
      for (const scale of theme === 'light' ? [1, 2] : [1]) {
        const out = `${id}-${theme}@${scale}.png`;
        const r = cli(['render', input, '--out', out, '--theme', theme, '--scale', String(scale)]);
        expect(r, r.err).toMatchObject({ code: 0, err: '' });
        const png = bytes(out);
        expect(pngSize(png)).toEqual({ width: Math.ceil(size.width * scale), height: Math.ceil(size.height * scale) });
        expect(readPngText(png, 'portolan:project')).toBe(source);
        writeFileSync(join(RESULTS, `render-${id}-${theme}${scale === 1 ? '' : `@${scale}x`}.png`), png);
      }
    },
  );

  it.skipIf(noPoppler)('PDF: Poppler renders the page, finds the title, and detaches the exact project file', () => {
    for (const [paper, landscape] of [
      ['a4', true],
      ['fit', false],
    ] as const) {
      const out = `${id}-${paper}.pdf`;
      const r = cli(['render', input, '--out', out, '--paper', paper, ...(landscape ? ['--landscape'] : [])]);
      expect(r, r.err).toMatchObject({ code: 0, err: '' });
      tool('pdftoppm', ['-r', '50', '-png', out, `${id}-${paper}-page`]);
      const pages = readdirSync(dir).filter((f) => f.startsWith(`${id}-${paper}-page`) && f.endsWith('.png'));
      expect(pages).toHaveLength(1);
      expect(pngSize(bytes(pages[0]!)).width).toBeGreaterThan(100);
      const pdfText = tool('pdftotext', [out, '-']);
      expect(pdfText).toContain(project.meta.name);
      for (const c of project.components) expect(pdfText.replace(/\s+/g, ' ')).toContain(c.name.replace(/\s+/g, ' '));
      expect(tool('pdfdetach', ['-list', out])).toContain(projectFileName(project.meta.name));
      tool('pdfdetach', ['-save', '1', '-o', `${id}-${paper}.yaml`, out]);
      expect(text(`${id}-${paper}.yaml`)).toBe(source);
      writeFileSync(join(RESULTS, `render-${id}-${paper}.pdf`), bytes(out));
    }
  });
});

/**
 * A picture too large to draw in one piece (render-png.ts draws it in bands at once and deflates
 * them on the threadpool): what comes out is still one PNG of the full size, readable by another
 * decoder, carrying the file, and the same bytes from one process to the next.
 */
describe('a large picture', () => {
  it('renders in bands to one PNG of the full size, the same bytes twice', { timeout: 180_000 }, () => {
    const project = diagramProject(300, 11);
    const moves = arrange(project, { all: true });
    const source = saveProject({
      ...project,
      components: project.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })),
    });
    writeFileSync(join(dir, 'large.portolan.yaml'), source);
    for (const out of ['large.svg', 'large-a.png', 'large-b.png'])
      expect(cli(['render', 'large.portolan.yaml', '--out', out]), out).toMatchObject({ code: 0, err: '' });
    const size = svgSize(text('large.svg'));
    // Taller than tiny-skia's 8191-row tile: several bands, each drawn without tiling.
    expect(size.height).toBeGreaterThan(8191);
    const png = bytes('large-a.png');
    expect(pngSize(png)).toEqual({ width: Math.ceil(size.width), height: Math.ceil(size.height) });
    expect(readPngText(png, 'portolan:project')).toBe(source);
    const decoded = PNG.sync.read(Buffer.from(png));
    expect(decoded.data.length).toBe(4 * decoded.width * decoded.height);
    expect(Buffer.compare(png, bytes('large-b.png'))).toBe(0);
  });
});

/** Properties every template shares; shown on the manual template (each CLI run costs a Node start). */
describe('pictures of the manual template', () => {
  const id = 'manual';
  const input = `${id}.portolan.yaml`;

  it('renders byte-identical files twice, and from its own pictures', () => {
    for (const format of ['svg', 'png', 'pdf'] as const) {
      expect(cli(['render', input, '--out', `a.${format}`]).code).toBe(0);
      expect(cli(['render', input, '--out', `b.${format}`]).code).toBe(0);
      expect(Buffer.compare(bytes(`a.${format}`), bytes(`b.${format}`)), format).toBe(0);
    }
    // The picture carries the file, so a picture renders the same picture.
    expect(cli(['render', 'a.pdf', '--out', 'c.png']).code).toBe(0);
    expect(Buffer.compare(bytes('a.png'), bytes('c.png'))).toBe(0);
  });

  it('validate, check-format and export work on each picture as on the file', () => {
    const expected = cli(['validate', '--format', 'json', input]);
    for (const picture of [`${id}-light.svg`, `${id}-light@1.png`, ...(noPoppler ? [] : [`${id}-a4.pdf`])]) {
      const v = cli(['validate', '--format', 'json', picture]);
      expect(v.code, v.err).toBe(expected.code);
      expect({ ...JSON.parse(v.out), file: input }).toEqual(JSON.parse(expected.out));
      expect(cli(['check-format', picture]).code).toBe(0);
      const out = `export-${picture.replace(/\W/g, '-')}`;
      const e = cli(['export', picture, '--out', out, '--allow-errors']);
      expect(e.code, e.err).toBe(0);
      expect(text(join(out, 'docker-compose.yml'))).toBe(
        (() => {
          const ref = `export-${id}-ref`;
          if (!existsSync(join(dir, ref))) expect(cli(['export', input, '--out', ref, '--allow-errors']).code).toBe(0);
          return text(join(ref, 'docker-compose.yml'));
        })(),
      );
    }
  });
});

describe('values with XML and PDF special characters, and redaction', () => {
  const project = hostileProject();
  const source = saveProject(project);
  const redacted = saveProject(redactProject(project));
  const replaced = redactedStrings(project);

  beforeAll(() => writeFileSync(join(dir, 'acme.portolan.yaml'), source));

  it('round-trips byte for byte through SVG, PNG and PDF', () => {
    for (const format of ['svg', 'png', 'pdf'] as const) {
      const r = cli(['render', 'acme.portolan.yaml', '--out', `acme.${format}`]);
      expect(r, r.err).toMatchObject({ code: 0 });
    }
    if (!xmllint.skip) tool('xmllint', ['--noout', 'acme.svg']);
    expect(projectFromSvg(text('acme.svg'))).toBe(source);
    expect(readPngText(bytes('acme.png'), 'portolan:project')).toBe(source);
    // Rendering the picture again reads what it carries: the same SVG.
    expect(cli(['render', 'acme.png', '--out', 'again.svg']).code).toBe(0);
    expect(text('again.svg')).toBe(text('acme.svg'));
    if (noPoppler) return;
    tool('pdfdetach', ['-save', '1', '-o', 'acme-out.yaml', 'acme.pdf']);
    expect(text('acme-out.yaml')).toBe(source);
    expect(tool('pdftotext', ['acme.pdf', '-'])).toContain(project.meta.name);
  });

  it('--redact: no redacted string in the SVG, the PNG text chunks, the PDF text or its attachment', () => {
    expect(replaced.length).toBeGreaterThan(5);
    for (const format of ['svg', 'png', 'pdf'] as const) {
      const r = cli(['render', 'acme.portolan.yaml', '--redact', '--out', `redacted.${format}`]);
      expect(r, r.err).toMatchObject({ code: 0 });
      expect(r.out).toContain('(redacted)');
    }
    const svg = withoutFontData(text('redacted.svg'));
    const chunks = readPngTexts(bytes('redacted.png'));
    expect(chunks.map((c) => c.text)).toEqual([redacted]);
    expect(projectFromSvg(text('redacted.svg'))).toBe(redacted);
    const seen: [string, string][] = [
      ['SVG', svg],
      ['PNG text chunks', chunks.map((c) => `${c.keyword} ${c.text}`).join('\n')],
    ];
    if (!noPoppler) {
      tool('pdfdetach', ['-save', '1', '-o', 'redacted-out.yaml', 'redacted.pdf']);
      expect(text('redacted-out.yaml')).toBe(redacted);
      seen.push(['PDF text', tool('pdftotext', ['redacted.pdf', '-'])], ['PDF attachment', text('redacted-out.yaml')]);
      seen.push(['PDF attachment list', tool('pdfdetach', ['-list', 'redacted.pdf'])]);
    }
    for (const [where, content] of seen)
      for (const s of replaced) {
        expect(content, `${where}: ${s}`).not.toContain(s);
        expect(content, `${where}: ${s}`).not.toContain(xmlEscape(s));
      }
    // The same checks find the strings in an unredacted picture: they can fail.
    expect(withoutFontData(text('acme.svg'))).toContain('login.acme-corp.com');
    if (!noPoppler) expect(tool('pdftotext', ['acme.pdf', '-'])).toContain('login.acme-corp.com');
  });

  it.skipIf(noPoppler)('draws names in other scripts in the PDF with the fallback subsets, as text', () => {
    const name = 'Łódź Привет Ελλάδα café';
    writeFileSync(
      join(dir, 'scripts.portolan.yaml'),
      source.replace(/^ {2}name: .*$/m, `  name: ${JSON.stringify(name)}`),
    );
    for (const format of ['png', 'pdf'] as const)
      expect(cli(['render', 'scripts.portolan.yaml', '--out', `scripts.${format}`]).code).toBe(0);
    expect(tool('pdftotext', ['scripts.pdf', '-'])).toContain(name);
    const fonts = tool('pdffonts', ['scripts.pdf']);
    for (const subset of ['Inter-Regular', 'Inter-SemiBold']) expect(fonts).toContain(subset);
    // The semibold title face is embedded in four subsets: Latin, Latin Extended, Cyrillic and Greek.
    expect(fonts.match(/\+Inter-SemiBold/g)?.length).toBe(4);
    writeFileSync(join(RESULTS, 'render-scripts.png'), bytes('scripts.png'));
  });

  it('--flows lists the traffic flows and writes nothing; --redact hides their hosts', () => {
    const before = readdirSync(dir).length;
    const r = cli(['render', 'acme.portolan.yaml', '--flows']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('login.acme-corp.com');
    expect(readdirSync(dir).length).toBe(before);
    const hidden = cli(['render', 'acme.portolan.yaml', '--flows', '--redact']);
    expect(hidden.code).toBe(0);
    expect(hidden.out).not.toContain('login.acme-corp.com');
  });
});

describe('render options and refusals', () => {
  it('names the picture after FILE when --out is missing, and takes the format from --out', () => {
    expect(cli(['render', 'manual.portolan.yaml']).code).toBe(0);
    expect(text('manual.svg').startsWith('<?xml')).toBe(true);
    expect(cli(['render', 'manual.portolan.yaml', '--format', 'png']).code).toBe(0);
    expect(pngSize(bytes('manual.png')).width).toBeGreaterThan(0);
    expect(cli(['render', 'manual.portolan.yaml', '--out', 'X.PNG']).code).toBe(0);
    expect(pngSize(bytes('X.PNG')).width).toBeGreaterThan(0);
  });

  it('dates the title block by SOURCE_DATE_EPOCH, else today (UTC)', () => {
    cli(['render', 'manual.portolan.yaml', '--out', 'dated.svg'], { SOURCE_DATE_EPOCH: '0' });
    expect(text('dated.svg')).toContain('1970-01-01');
    const today = new Date().toISOString().slice(0, 10);
    cli(['render', 'manual.portolan.yaml', '--out', 'today.svg'], { SOURCE_DATE_EPOCH: undefined });
    expect(text('today.svg')).toContain(today);
  });

  it('replaces an earlier picture whole, through a symbolic link', () => {
    writeFileSync(join(dir, 'old.png'), 'not a picture');
    symlinkSync('old.png', join(dir, 'link.png'));
    expect(cli(['render', 'manual.portolan.yaml', '--out', 'link.png']).code).toBe(0);
    expect(pngSize(bytes('old.png')).width).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    [['render', 'missing.portolan.yaml'], 'not-found'],
    [['render', 'manual.portolan.yaml', '--format', 'png', '--out', 'x.pdf'], 'render-format-mismatch'],
    [['render', 'manual.portolan.yaml', '--out', 'x.gif'], 'render-unknown-format'],
    [['render', 'manual.portolan.yaml', '--out', 'manual.portolan.yaml', '--format', 'svg'], 'render-format-mismatch'],
    [['render', 'manual.portolan.yaml', '--out', 'no/such/folder/x.svg'], 'render-folder-missing'],
    [['render', 'manual.portolan.yaml', '--scale', '0'], 'is not a scale'],
    [['render', 'manual.portolan.yaml', '--scale', '9'], 'is not a scale'],
    [['render', 'manual.portolan.yaml', '--paper', 'a5'], 'a5'],
  ] as const)('%j exits 2 with %s', (args, code) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(code);
  });

  it('refuses to overwrite FILE with its own picture, and a bad SOURCE_DATE_EPOCH', () => {
    expect(cli(['render', 'manual.portolan.yaml']).code).toBe(0);
    const same = cli(['render', 'manual.svg', '--out', 'manual.svg']);
    expect(same).toMatchObject({ code: 2 });
    expect(same.err).toContain('render-same-file');
    const epoch = cli(['render', 'manual.portolan.yaml'], { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(epoch).toMatchObject({ code: 2 });
    expect(epoch.err).toContain('render-source-date-epoch');
  });

  it('says when a picture carries no project, or is damaged', () => {
    const plain = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    writeFileSync(join(dir, 'plain.png'), plain);
    for (const command of ['render', 'validate', 'export', 'check-format']) {
      const r = cli([command, 'plain.png', ...(command === 'export' ? ['--out', 'plain-export'] : [])]);
      expect(r.code, command).toBe(2);
      expect(r.err, command).toContain('plain.png:1:1 picture-no-project');
    }
    expect(cli(['render', 'manual.portolan.yaml', '--out', 'whole.pdf']).code).toBe(0);
    // Damage the attachment's compressed data: the project is there, but cannot be read back.
    const damaged = Buffer.from(bytes('whole.pdf'));
    const data = damaged.indexOf('stream\n', damaged.indexOf('/Type /EmbeddedFile')) + 7;
    for (let i = data + 10; i < data + 60; i++) damaged[i] = damaged[i]! ^ 0x5a;
    writeFileSync(join(dir, 'cut.pdf'), damaged);
    // Cut before its file specification: then there is no project in it.
    writeFileSync(join(dir, 'short.pdf'), damaged.subarray(0, data + 60));
    expect(cli(['validate', 'short.pdf']).err).toContain('short.pdf:1:1 picture-no-project');
    expect(cli(['validate', 'cut.pdf']).err).toContain('cut.pdf:1:1 picture-damaged');
    const json = cli(['validate', '--format', 'json', 'plain.png']);
    expect(JSON.parse(json.out).diagnostics[0].rule).toBe('picture-no-project');
  });

  it('exits 1 with located problems when the project does not load', () => {
    writeFileSync(join(dir, 'bad.portolan.yaml'), 'format: 2\nmeta: [\n');
    const r = cli(['render', 'bad.portolan.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\.portolan\.yaml:\d+:\d+ error /);
    expect(existsSync(join(dir, 'bad.svg'))).toBe(false);
  });
});
