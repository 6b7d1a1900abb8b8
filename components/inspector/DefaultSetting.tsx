"use client";

import { useEffect, useState } from "react";
import { defaultExpression, describeDefault, functionsFor, type DefaultChoice } from "@/lib/schema/defaults";
import type { Field } from "@/lib/schema/graph";
import type { Dialect } from "@/lib/schema/provider";
import { Row } from "./controls";

/** A field's @default: none, a function that fits its type, or a value checked against it. */
export function DefaultSetting(props: {
  field: Field;
  enumValues: string[];
  dialect: Dialect;
  onChange(expression: string | undefined): void;
}) {
  const { field } = props;
  const current = describeDefault(field);
  const [choice, setChoice] = useState<DefaultChoice>(current);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setChoice(describeDefault(field));
    setError(null);
  }, [field]);

  const apply = (next: DefaultChoice) => {
    setChoice(next);
    // Left as it was (a blur, Enter on an unchanged value): nothing to write, whatever its form.
    if (next.kind === "literal" && current.kind === "literal" && next.text === current.text) return setError(null);
    const check = defaultExpression(field, next, props.enumValues, props.dialect);
    if (!check.ok) return setError(check.message);
    setError(null);
    if (check.expression !== field.default) props.onChange(check.expression);
  };
  const functions = functionsFor(field.type);
  const selectValue = choice.kind === "function" ? choice.fn : choice.kind;
  return (
    <Row label="Default (@default)">
      <div className="flex gap-2">
        <select
          aria-label="Default kind"
          className="rounded border border-slate-300 px-1 py-1 text-sm font-normal normal-case tracking-normal"
          value={selectValue}
          onChange={(e) => {
            const value = e.target.value;
            if (value === "none") apply({ kind: "none" });
            else if (value === "literal") setChoice({ kind: "literal", text: "" });
            else apply({ kind: "function", fn: value as (typeof functions)[number] });
          }}
        >
          <option value="none">none</option>
          {functions.map((fn) => (
            <option key={fn} value={fn}>
              {fn}
            </option>
          ))}
          <option value="literal">value…</option>
        </select>
        {choice.kind === "literal" && (
          <input
            aria-label="Default value"
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-sm font-normal normal-case tracking-normal"
            defaultValue={choice.text}
            key={`${field.id}:${field.default}`}
            placeholder={field.kind === "enum" ? props.enumValues[0] : field.type === "Boolean" ? "true" : "value"}
            onBlur={(e) => apply({ kind: "literal", text: e.target.value })}
            onKeyDown={(e) => e.key === "Enter" && apply({ kind: "literal", text: e.currentTarget.value })}
          />
        )}
      </div>
      {error && (
        <span role="alert" className="font-normal normal-case tracking-normal text-red-700">
          {error}
        </span>
      )}
    </Row>
  );
}
