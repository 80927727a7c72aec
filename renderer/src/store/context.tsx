import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Editor, EditorStore } from './editor';

const EditorContext = createContext<EditorStore | null>(null);

export function EditorProvider({ store, children }: { readonly store: EditorStore; readonly children: ReactNode }) {
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (store === null) throw new Error('useEditorStore outside <EditorProvider>');
  return store;
}

/** Subscribes to a slice of the editor; select narrowly (or with useShallow) to avoid re-renders. */
export function useEditor<T>(selector: (state: Editor) => T): T {
  return useStore(useEditorStore(), selector);
}
