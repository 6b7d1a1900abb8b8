"use client";

import { useEffect, useRef } from "react";

export const SHORTCUTS: [string, string][] = [
  ["N", "New table in the middle of the view"],
  ["E", "New enum"],
  ["Double-click a name", "Rename it in place (Enter saves, Escape cancels)"],
  ["Drag from a row's dot to a table", "Draw a relation (its kind and actions are in the inspector)"],
  ["Ctrl/⌘ + Z", "Undo"],
  ["Shift + Ctrl/⌘ + Z, Ctrl + Y", "Redo"],
  ["Delete, Backspace", "Delete the selected tables (asks first)"],
  ["Ctrl/⌘ + C, Ctrl/⌘ + V", "Copy and paste the selected tables"],
  ["Ctrl/⌘ + D", "Duplicate the selected tables"],
  ["Shift + drag", "Select several tables with a box"],
  ["Ctrl/⌘ + click", "Add a table to the selection"],
  ["Ctrl/⌘ + F, /", "Search for a table"],
  ["L", "Arrange the diagram automatically"],
  ["F", "Fit the whole diagram in view"],
  ["?", "This list"],
];

export function HelpDialog(props: { open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (props.open && !dialog.current?.open) dialog.current?.showModal();
    if (!props.open && dialog.current?.open) dialog.current.close();
  }, [props.open]);
  return (
    <dialog
      ref={dialog}
      aria-label="Keyboard shortcuts"
      onClose={props.onClose}
      className="m-auto w-[32rem] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-center border-b border-slate-200 px-4 py-2">
        <h2 className="font-semibold">Keyboard shortcuts</h2>
        <button type="button" aria-label="Close shortcuts" onClick={props.onClose} className="ml-auto text-slate-500">
          ×
        </button>
      </div>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys} className="border-b border-slate-100">
              <th scope="row" className="whitespace-nowrap px-4 py-1.5 text-left font-mono text-xs font-semibold">
                {keys}
              </th>
              <td className="px-4 py-1.5">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
