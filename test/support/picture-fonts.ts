/**
 * The fonts a picture embeds, for tests: the Latin WOFF2 files of @fontsource Inter and
 * JetBrains Mono (400 and 600) as base64 — the same files the editor and the CLI embed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PictureFont, SvgOptions } from '../../shared/render/types';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '@fontsource');

const file = (family: PictureFont['family'], weight: PictureFont['weight']): string => {
  const pkg = family === 'Inter' ? 'inter' : 'jetbrains-mono';
  return join(FILES, pkg, 'files', `${pkg}-latin-${weight}-normal.woff2`);
};

let cached: PictureFont[] | undefined;

export function pictureFonts(): PictureFont[] {
  cached ??= (['Inter', 'JetBrains Mono'] as const).flatMap((family) =>
    ([400, 600] as const).map((weight) => ({
      family,
      weight,
      woff2Base64: readFileSync(file(family, weight)).toString('base64'),
    })),
  );
  return cached;
}

/** Options for a picture of `project`-like title data, with the fonts; override what a test varies. */
export function svgOptions(overrides: Partial<SvgOptions> = {}): SvgOptions {
  return {
    theme: 'light',
    view: 'full',
    fonts: pictureFonts(),
    title: { name: 'Acme', description: 'A deployment', date: '2026-12-05', revision: '3fa9c21' },
    ...overrides,
  };
}
