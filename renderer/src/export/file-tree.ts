import type { ExportFile } from '../../../shared/export/index';

/** One row of the export dialog's file list: a folder heading, or a file under it. */
export type TreeRow =
  | { readonly kind: 'folder'; readonly name: string; readonly path: string; readonly depth: number }
  | {
      readonly kind: 'file';
      readonly name: string;
      readonly file: ExportFile;
      /** The file's index in the export (the list's keyboard order). */
      readonly index: number;
      readonly depth: number;
    };

/**
 * The export's files as a tree, in the exporter's own order (it puts what matters first, the
 * operator's guide where it belongs): a heading for each folder as it is entered, each file by its
 * name, indented by its depth. A folder the order leaves and enters again gets its heading again
 * rather than files moving away from the order the exporter chose.
 */
export function fileTree(files: readonly ExportFile[]): TreeRow[] {
  const rows: TreeRow[] = [];
  let open: readonly string[] = [];
  files.forEach((file, index) => {
    const segments = file.path.split('/');
    const folders = segments.slice(0, -1);
    let common = 0;
    while (common < folders.length && common < open.length && folders[common] === open[common]) common++;
    for (let depth = common; depth < folders.length; depth++)
      rows.push({ kind: 'folder', name: folders[depth]!, path: folders.slice(0, depth + 1).join('/'), depth });
    rows.push({ kind: 'file', name: segments.at(-1)!, file, index, depth: folders.length });
    open = folders;
  });
  return rows;
}
