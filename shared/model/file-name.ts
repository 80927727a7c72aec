/**
 * The file names a project suggests — for its first save (`acme.portolan.yaml`), for the
 * project file a PDF picture carries, and as the stem of a picture's name (`acme@2x.png`) —
 * decided here once, so the editor, the desktop shell and the CLI name the same project alike.
 */

/** Longest stem: a file name stays readable, and far inside every file system's limit. */
const MAX_STEM = 64;

/**
 * The project's name as a file name stem: lower case ASCII letters and digits joined by single
 * hyphens (`Acme production` → `acme-production`), accents dropped rather than the letters
 * (`café` → `cafe`), at most 64 characters; `deployment` when nothing is left.
 */
export function projectFileStem(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/-+$/, '');
  return slug || 'deployment';
}

/** The project file's name: `<stem>.portolan.yaml`. */
export function projectFileName(name: string): string {
  return `${projectFileStem(name)}.portolan.yaml`;
}
