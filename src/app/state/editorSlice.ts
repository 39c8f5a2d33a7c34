// The diagram editor: the diagram being built, the selected nodes, and the last refused edit.
import type { StateCreator } from 'zustand';
import { DiagramError, type Diagram, parseDiagram, validateFor } from '../../theory/diagram';
import { addChild, deleteNode, tie, untie, type Edit } from '../diagrams/diagramEdit';
import type { AppState } from './store';

export interface EditorState {
  diagram: Diagram;
  selection: number[];
  /** why the last edit was refused (role alert in the UI) */
  message: string | null;
}

export interface EditorSlice {
  editor: EditorState;
  loadDiagram: (notation: string) => boolean;
  addChildTo: (v: number) => void;
  deleteEditorNode: (v: number) => void;
  toggleSelected: (v: number) => void;
  tieSelected: () => void;
  untieSelected: () => void;
  clearEditorMessage: () => void;
}

export const INITIAL_DIAGRAM = 'c(01-2-3)(02-12-23)';

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => {
  const apply = (e: Edit) => {
    const cur = get().editor;
    if (e.ok) set({ editor: { diagram: e.diagram, selection: [], message: null } });
    else set({ editor: { ...cur, message: e.reason } });
  };
  return {
    editor: { diagram: parseDiagram(INITIAL_DIAGRAM), selection: [], message: null },
    loadDiagram: (notation) => {
      try {
        const d = parseDiagram(notation);
        validateFor(d, get().observable);
        set({ editor: { diagram: d, selection: [], message: null } });
        return true;
      } catch (e) {
        if (!(e instanceof DiagramError)) throw e;
        set({ editor: { ...get().editor, message: e.message } });
        return false;
      }
    },
    addChildTo: (v) => apply(addChild(get().editor.diagram, v, get().observable)),
    deleteEditorNode: (v) => apply(deleteNode(get().editor.diagram, v)),
    toggleSelected: (v) => {
      const ed = get().editor;
      const selection = ed.selection.includes(v)
        ? ed.selection.filter((u) => u !== v)
        : [...ed.selection, v].sort((a, b) => a - b);
      set({ editor: { ...ed, selection, message: null } });
    },
    tieSelected: () => apply(tie(get().editor.diagram, get().editor.selection, get().observable)),
    untieSelected: () => apply(untie(get().editor.diagram, get().editor.selection)),
    clearEditorMessage: () => set({ editor: { ...get().editor, message: null } }),
  };
};
