import { saveProject } from '../../../shared/format/index';
import type { Editor } from '../store/editor';
import type { PictureSource } from './compose';
import { localDate } from './date';

/**
 * The document as a picture source: the project, its file text (what the picture carries and
 * its revision hashes — the unsaved document included), its diagnostics and today's date.
 */
export function pictureSourceOf(state: Pick<Editor, 'project' | 'diagnostics'>): PictureSource | null {
  if (state.project === null) return null;
  return {
    project: state.project,
    text: saveProject(state.project),
    diagnostics: state.diagnostics,
    date: localDate(),
  };
}
