"use client";

import { basicSetup, EditorView } from "codemirror";
import { setDiagnostics, lintGutter, type Diagnostic } from "@codemirror/lint";
import { useEffect, useRef, useState } from "react";
import { checkSchemaTextAction, readSchemaTextAction } from "@/app/actions";
import type { SchemaGraph } from "@/lib/schema/graph";
import { SidePanel } from "../SidePanel";
import { prismaLanguage } from "./prisma-language";

const CHECK_DELAY_MS = 400;

/**
 * prisma/schema.prisma as text, beside the canvas. Typing is checked by Prisma's validator
 * (debounced): problems show at their line, and a valid text replaces the canvas's schema
 * (then saved like any edit). Edits on the canvas reload the text when the editor is not
 * being typed in.
 */
export default function SchemaTextPanel(props: {
  savedVersion: string;
  onValidGraph(graph: SchemaGraph): void;
  onClose(): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const typing = useRef(false);
  const stale = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onValid = useRef(props.onValidGraph);
  onValid.current = props.onValidGraph;
  const [problems, setProblemsState] = useState<{ line: number; column: number; message: string }[]>([]);
  const hasProblems = useRef(false);
  const setProblems = (list: { line: number; column: number; message: string }[]) => {
    hasProblems.current = list.length > 0;
    setProblemsState(list);
  };
  const [loading, setLoading] = useState(true);

  const reload = async () => {
    const result = await readSchemaTextAction();
    if (!result.ok || !view.current) return;
    typing.current = false;
    stale.current = false;
    const current = view.current.state.doc.toString();
    if (current !== result.text) view.current.dispatch({ changes: { from: 0, to: current.length, insert: result.text } });
    view.current.dispatch(setDiagnostics(view.current.state, []));
    setProblems([]);
    setLoading(false);
  };

  useEffect(() => {
    const check = async () => {
      const editor = view.current;
      if (!editor) return;
      const text = editor.state.doc.toString();
      const result = await checkSchemaTextAction(text);
      if (editor.state.doc.toString() !== text) return; // typed on since: the next check decides
      if (result.ok) {
        editor.dispatch(setDiagnostics(editor.state, []));
        setProblems([]);
        onValid.current(result.graph);
      } else {
        const diagnostics: Diagnostic[] = (result.diagnostics ?? []).map((d) => ({
          from: d.from,
          to: d.to,
          severity: "error",
          message: d.message,
        }));
        editor.dispatch(setDiagnostics(editor.state, diagnostics));
        setProblems(
          result.diagnostics?.map((d) => ({ line: d.line, column: d.column, message: d.message })) ?? [
            { line: 1, column: 1, message: result.error },
          ],
        );
      }
    };
    view.current = new EditorView({
      parent: host.current!,
      extensions: [
        basicSetup,
        prismaLanguage,
        lintGutter(),
        EditorView.contentAttributes.of({ "aria-label": "Schema text" }),
        EditorView.updateListener.of((update) => {
          if (
            update.docChanged &&
            update.transactions.some(
              (t) =>
                t.isUserEvent("input") ||
                t.isUserEvent("delete") ||
                t.isUserEvent("undo") ||
                t.isUserEvent("redo") ||
                t.isUserEvent("move"),
            )
          ) {
            typing.current = true;
            clearTimeout(timer.current);
            timer.current = setTimeout(() => void check(), CHECK_DELAY_MS);
          }
          if (update.focusChanged && !update.view.hasFocus && stale.current && !hasProblems.current) void reload();
        }),
        EditorView.theme({
          "&": { height: "100%", fontSize: "12px" },
          ".cm-scroller": { fontFamily: "ui-monospace, monospace" },
        }),
      ],
    });
    void reload();
    return () => {
      clearTimeout(timer.current);
      view.current?.destroy();
      view.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The file changed (a canvas edit, or this text saved formatted): show it, unless someone is typing here.
  useEffect(() => {
    if (!view.current) return;
    if (view.current.hasFocus || typing.current) stale.current = true;
    else void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.savedVersion]);

  return (
    <SidePanel
      label="Schema text"
      title="schema.prisma"
      subtitle={loading ? "loading…" : problems.length ? "not saved: fix the problems below" : "in sync with the canvas"}
      width="w-[36rem] max-w-[50vw]"
      onClose={props.onClose}
    >
      <div ref={host} className="min-h-0 flex-1 overflow-hidden" />
      {problems.length > 0 && (
        <ul
          role="alert"
          aria-label="Schema problems"
          className="max-h-40 overflow-auto border-t border-red-200 bg-red-50 px-4 py-2 text-xs text-red-800"
        >
          {problems.map((p, i) => (
            <li key={i}>
              <span className="font-mono">
                {p.line}:{p.column}
              </span>{" "}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </SidePanel>
  );
}
