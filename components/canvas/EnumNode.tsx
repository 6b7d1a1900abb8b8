"use client";

import { useStore, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { updateEnum } from "@/lib/schema/operations";
import { nodeSize } from "@/lib/layout/sizes";
import { BLOCK_ZOOM } from "@/lib/layout/zoom";
import { useSchemaEditor } from "./editor-context";
import type { EnumFlowNode } from "./graph-to-flow";
import { InlineName } from "./InlineName";
import { NodeBlock } from "./NodeBlock";

/** An enum on the canvas: its name and its values, each renamable in place. */
export const EnumNode = memo(function EnumNode({ data, selected }: NodeProps<EnumFlowNode>) {
  const { enumeration, problems } = data;
  const editor = useSchemaEditor();
  const own = problems[enumeration.id] ?? [];
  const setValues = (label: string, values: typeof enumeration.values) =>
    editor.edit(label, (g) => updateEnum(g, enumeration.id, { values }));
  const block = useStore((state) => state.transform[2] < BLOCK_ZOOM);
  if (block) {
    return (
      <NodeBlock
        label={`Enum ${enumeration.name}`}
        name={enumeration.name}
        size={nodeSize(enumeration)}
        color={data.color}
        tone="bg-violet-700 text-white"
        failing={own.length > 0}
        data={{ "data-enum": enumeration.name }}
      />
    );
  }
  return (
    <section
      aria-label={`Enum ${enumeration.name}`}
      data-enum={enumeration.name}
      className={`w-56 rounded-lg border bg-white shadow-sm ${
        own.length
          ? "border-red-400 ring-2 ring-red-200"
          : selected
            ? "border-violet-500 ring-2 ring-violet-200"
            : "border-violet-300"
      }`}
    >
      <header
        onClick={() => editor.focus({ kind: "enum", id: enumeration.id })}
        style={data.color ? { backgroundColor: data.color } : undefined}
        className={`model-drag-handle flex h-[38px] cursor-grab items-center gap-2 rounded-t-lg px-3 ${data.color ? "text-slate-900" : "bg-violet-700 text-white"}`}
      >
        <span className="text-[10px] uppercase opacity-70">enum</span>
        <InlineName
          label={`Enum ${enumeration.name}`}
          value={enumeration.name}
          className="min-w-0 flex-1 font-semibold"
          onCommit={(name) => editor.edit("Rename enum", (g) => updateEnum(g, enumeration.id, { name }))}
        />
        <button
          type="button"
          aria-label={`Delete enum ${enumeration.name}`}
          className="nodrag opacity-60 hover:opacity-100"
          onClick={(event) => {
            event.stopPropagation();
            editor.deleteNodes([enumeration.id]);
          }}
        >
          ×
        </button>
      </header>
      {own.length > 0 && (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-3 py-1 text-xs text-red-800">
          {own.join(" ")}
        </p>
      )}
      <ul>
        {enumeration.values.map((value, index) => (
          <li
            key={`${index}:${value.name}`}
            className="group flex h-[26px] items-center gap-2 px-3 font-mono text-sm odd:bg-violet-50/50"
          >
            <InlineName
              label={`Value ${value.name}`}
              value={value.name}
              className="min-w-0 flex-1"
              onCommit={(name) =>
                setValues(
                  "Rename enum value",
                  enumeration.values.map((v, i) => (i === index ? { ...v, name } : v)),
                )
              }
            />
            <button
              type="button"
              aria-label={`Delete value ${value.name}`}
              className="nodrag text-slate-300 opacity-0 hover:text-red-600 group-hover:opacity-100 focus:opacity-100"
              onClick={() =>
                setValues(
                  "Delete enum value",
                  enumeration.values.filter((_, i) => i !== index),
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        aria-label={`Add value to ${enumeration.name}`}
        className="nodrag h-[26px] w-full rounded-b-lg border-t border-violet-200 px-3 text-left text-xs text-violet-700 hover:bg-violet-50"
        onClick={() => {
          const names = new Set(enumeration.values.map((v) => v.name));
          let n = enumeration.values.length + 1;
          while (names.has(`VALUE${n}`)) n++;
          setValues("Add enum value", [...enumeration.values, { name: `VALUE${n}` }]);
        }}
      >
        + Add value
      </button>
    </section>
  );
});
