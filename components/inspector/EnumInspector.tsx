"use client";

import type { Enum } from "@/lib/schema/graph";
import { updateEnum } from "@/lib/schema/operations";
import type { SchemaEditor } from "../canvas/editor-context";
import { DeleteButton, DocumentationSetting, Problems, TextSetting } from "./controls";

export function EnumInspector(props: { enumeration: Enum; problems: string[]; editor: SchemaEditor }) {
  const { enumeration, editor } = props;
  const set = (label: string, changes: Parameters<typeof updateEnum>[2]) =>
    editor.edit(label, (g) => updateEnum(g, enumeration.id, changes));
  return (
    <div className="flex flex-col gap-3">
      <h3 className="text-sm">
        Enum <strong className="font-mono">{enumeration.name}</strong>
      </h3>
      <Problems messages={props.problems} />
      <TextSetting label="Enum name" value={enumeration.name} onCommit={(name) => set("Rename enum", { name })} />
      <TextSetting
        label="Values (one per line)"
        multiline
        value={enumeration.values.map((v) => v.name).join("\n")}
        onCommit={(text) =>
          set("Change enum values", {
            values: text
              .split("\n")
              .map((line) => line.trim())
              .filter(Boolean)
              .map((name) => enumeration.values.find((v) => v.name === name) ?? { name }),
          })
        }
      />
      <TextSetting
        label="Database name (@@map)"
        value={enumeration.dbName ?? ""}
        placeholder={enumeration.name}
        onCommit={(dbName) => set("Change enum database name", { dbName: dbName.trim() || undefined })}
      />
      <DocumentationSetting
        value={enumeration.documentation}
        onCommit={(documentation) => set("Change documentation", { documentation })}
      />
      <DeleteButton onClick={() => editor.deleteNodes([enumeration.id])}>Delete enum</DeleteButton>
    </div>
  );
}
