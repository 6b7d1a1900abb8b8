"use client";

import type { GridRow, GridTable } from "@/lib/data/rows";
import { CellEditor } from "./CellEditor";
import { CellView, isNumeric } from "./cells";
import type { GridView } from "./RowGrid";

/**
 * One row of the grid: its checkbox and refs button, then a cell per column, shown, selected
 * or being edited; a foreign-key cell links to the row it points at.
 */
export function GridRowView(props: {
  table: GridTable;
  row: GridRow;
  index: number;
  height: number;
  checked: boolean;
  /** The selected cell's column in this row, if the selection is here. */
  selectedColumn: number | null;
  editing: { column: number; text: string } | null;
  onCheck(checked: boolean): void;
  onShowReferences(): void;
  onSelect(column: number): void;
  onStartEdit(column: number): void;
  onEditText(text: string): void;
  onCommit(column: number, text: string | null): void;
  onCancelEdit(): void;
  onNavigate(view: GridView): void;
}) {
  const { table, row, editing } = props;
  return (
    <tr data-index={props.index} style={{ height: props.height }} className="odd:bg-white even:bg-slate-50">
      <td className="whitespace-nowrap border-b border-slate-100 px-2">
        <input
          type="checkbox"
          aria-label={`Select row ${row.key.join(", ")}`}
          checked={props.checked}
          onChange={(e) => props.onCheck(e.target.checked)}
        />
        {table.incoming.length > 0 && (
          <button
            type="button"
            aria-label={`Rows pointing at ${table.name} ${row.key.join(", ")}`}
            title="Rows of other tables that point at this one"
            onClick={props.onShowReferences}
            className="ml-1 rounded px-1 text-[10px] text-slate-500 hover:bg-sky-100 hover:text-sky-800"
          >
            refs
          </button>
        )}
      </td>
      {table.columns.map((column, columnIndex) => {
        const isSelected = props.selectedColumn === columnIndex;
        const value = row.values[column.name] ?? null;
        const key = table.outgoing.find((k) => k.columns.includes(column.name));
        return (
          <td
            key={column.name}
            aria-selected={isSelected}
            onClick={() => props.onSelect(columnIndex)}
            onDoubleClick={() => props.onStartEdit(columnIndex)}
            className={`max-w-xs truncate border-b border-slate-100 px-3 font-mono ${isNumeric(column) ? "text-right" : ""} ${
              isSelected ? "outline outline-2 -outline-offset-2 outline-sky-500" : ""
            }`}
          >
            {editing?.column === columnIndex ? (
              <CellEditor
                column={column}
                text={editing.text}
                onChange={props.onEditText}
                onCommit={(text) => props.onCommit(columnIndex, text)}
                onCancel={props.onCancelEdit}
              />
            ) : (
              <span className="flex items-center gap-1">
                <CellView column={column} value={value} />
                {key && value !== null && (
                  <button
                    type="button"
                    aria-label={`Open ${key.references} row ${key.referencedColumns.join(", ")} = ${key.columns.map((c) => row.values[c]).join(", ")}`}
                    title={`Open the ${key.references} row this points at`}
                    onClick={(event) => {
                      event.stopPropagation();
                      props.onNavigate({
                        table: key.references,
                        filters: key.referencedColumns.map((referenced, i) => ({
                          column: referenced,
                          op: "equals",
                          value: String(row.values[key.columns[i]] ?? ""),
                        })),
                      });
                    }}
                    className="text-sky-600 hover:text-sky-900"
                  >
                    ↗
                  </button>
                )}
              </span>
            )}
          </td>
        );
      })}
    </tr>
  );
}
