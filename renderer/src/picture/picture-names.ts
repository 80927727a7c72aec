/**
 * Which files are pictures, by name — kept apart from the picture reader (open-picture.ts) so
 * the file chooser and the drop handler can decide without loading PNG, PDF and SVG parsing.
 */
export const PICTURE_EXTENSIONS = ['.svg', '.png', '.pdf'] as const;

/** What the file chooser offers: project files, and pictures that carry a project. */
export const OPEN_ACCEPT = ['.yaml', '.yml', ...PICTURE_EXTENSIONS].join(',');

/** Whether a file name is a picture's (by its extension, case-insensitive). */
export function isPictureName(name: string): boolean {
  const lower = name.toLowerCase();
  return PICTURE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
