/* The exercises' code editor: CodeMirror 6, bundled by esbuild at build (runner_assets.py).
 *
 * One entry so a page with an exercise loads one file; pages without one
 * load none. Highlighting uses class names (tok-*) that the site's stylesheet
 * colours from the theme's own code colours, so light and dark both follow
 * Material. Tab indents; Escape then Tab leaves the editor (CodeMirror's own
 * rule), so keyboard users are never trapped.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

/** An editor in parent holding doc; onChange(text) after each edit. {view, get(), set(text), focus()} */
export function createEditor(parent, doc, { onChange, label, readOnly } = {}) {
  const extensions = [
    lineNumbers(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    indentUnit.of("    "),
    EditorState.tabSize.of(4),
    python(),
    syntaxHighlighting(classHighlighter),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ "aria-label": label || "Code editor", spellcheck: "false", autocapitalize: "off" }),
  ];
  if (readOnly) extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
  if (onChange) {
    extensions.push(EditorView.updateListener.of((update) => update.docChanged && onChange(update.state.doc.toString())));
  }
  const view = new EditorView({ parent, state: EditorState.create({ doc, extensions }) });
  return {
    view,
    get: () => view.state.doc.toString(),
    set(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
