import { useEffect } from 'react';

/** The window title: `● name — Portolan` while unsaved, so the taskbar shows it too. */
export function useDocumentTitle(name: string | null, dirty: boolean): void {
  useEffect(() => {
    document.title = name === null ? 'Portolan' : `${dirty ? '● ' : ''}${name} — Portolan`;
  }, [name, dirty]);
}
