"use client";

import type { Field } from "@/lib/schema/graph";
import { hasVarChar, NATIVE_TYPES, type Dialect } from "@/lib/schema/provider";
import { TextSetting } from "./controls";

/**
 * A field's column type beyond its Prisma type, as the database allows: a String's maximum
 * length (`@db.VarChar(n)` on PostgreSQL, `/// @maxLength(n)` on SQLite, which has no such
 * type), and on PostgreSQL its native type (`@db.X`), offered from what Prisma accepts there.
 */
export function ColumnTypeSettings(props: { field: Field; dialect: Dialect; set(label: string, changes: Partial<Field>): void }) {
  const { field, dialect, set } = props;
  const varChar = /^VarChar\((\d+)\)$/.exec(field.nativeType ?? "");
  const nativeTypes = field.kind === "scalar" ? (NATIVE_TYPES[dialect][field.type] ?? []) : [];
  const setMaxLength = (text: string) => {
    const n = Number(text.trim());
    if (hasVarChar(dialect)) {
      if (text.trim() === "")
        set("Change maximum length", { nativeType: varChar ? undefined : field.nativeType, maxLength: undefined });
      else if (Number.isInteger(n) && n > 0) set("Change maximum length", { nativeType: `VarChar(${n})`, maxLength: undefined });
      return;
    }
    if (text.trim() === "") set("Change maximum length", { maxLength: undefined });
    else if (Number.isInteger(n) && n > 0) set("Change maximum length", { maxLength: n });
  };
  return (
    <>
      {field.type === "String" && (
        <TextSetting
          label="Maximum length"
          value={varChar ? varChar[1] : field.maxLength ? String(field.maxLength) : ""}
          placeholder="no limit"
          hint={
            hasVarChar(dialect)
              ? "Kept as @db.VarChar(n): the column's type on PostgreSQL."
              : "Kept as /// @maxLength(n); SQLite has no such column type, so the app enforces it."
          }
          onCommit={setMaxLength}
        />
      )}
      {nativeTypes.length > 0 && (
        <TextSetting
          label="Database type (@db)"
          value={field.nativeType ?? ""}
          placeholder="Prisma's default"
          suggestions={nativeTypes}
          hint={`On ${dialect === "postgresql" ? "PostgreSQL" : dialect}: ${nativeTypes.join(", ")}.`}
          onCommit={(text) => set("Change database type", { nativeType: text.trim().replace(/^@db\./, "") || undefined })}
        />
      )}
    </>
  );
}
