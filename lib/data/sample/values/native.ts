import type { Field } from "../../../schema/graph";
import { between, pick } from "./random";
import type { SourceContext, ValueSource } from "./sources";
import { generatedId } from "./text";

/**
 * PostgreSQL's native types (`@db.X`) where they ask more of a value than its Prisma type:
 * a `String @db.Uuid` must be a UUID, a `@db.VarChar(20)` at most 20 characters, a
 * `Decimal @db.Decimal(5, 2)` below 1,000, a `DateTime @db.Time` a time of day.
 */

function nativeOf(field: Field): { name: string; args: number[] } | undefined {
  const match = /^(\w+)(?:\(([^)]*)\))?$/.exec(field.nativeType ?? "");
  if (!match) return undefined;
  return { name: match[1], args: (match[2] ?? "").split(",").filter(Boolean).map(Number) };
}

/** The length a `@db.VarChar(n)` or `@db.Char(n)` allows. */
export function nativeLength(field: Field): number | undefined {
  const native = nativeOf(field);
  return native && /^(VarChar|Char)$/.test(native.name) && native.args[0] ? native.args[0] : undefined;
}

const TWO = (n: number) => String(n).padStart(2, "0");

/** A source for a native type whose values differ from its Prisma type's; undefined for the rest. */
export function nativeSource(context: SourceContext): ValueSource | undefined {
  const native = nativeOf(context.field);
  const { rng, pools } = context;
  switch (native?.name) {
    case "Uuid": {
      const make = generatedId(rng, "uuid()");
      return { value: () => make(), nullRate: 0.1 };
    }
    case "Inet": {
      const ips = pools.get("ip");
      return {
        value: (n) => (context.unique ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` : pick(rng, ips)),
        nullRate: 0.1,
      };
    }
    case "Time":
    case "Timetz":
      return {
        value: () => `${TWO(between(rng, 0, 23))}:${TWO(between(rng, 0, 59))}:${TWO(between(rng, 0, 59))}`,
        nullRate: 0.1,
      };
    case "Xml": {
      const words = pools.get("word");
      return { value: () => `<note>${pick(rng, words)}</note>`, nullRate: 0.1 };
    }
    case "Bit":
    case "VarBit": {
      const length = native.args[0] ?? 8;
      return { value: () => Array.from({ length }, () => (rng() < 0.5 ? "0" : "1")).join(""), nullRate: 0.1 };
    }
    default:
      return undefined;
  }
}

/** A number source kept within what `@db.Decimal(p, s)` and `@db.SmallInt` hold. */
export function withinNativeRange(source: ValueSource, field: Field): ValueSource {
  const native = nativeOf(field);
  let limit: number | undefined;
  let scale: number | undefined;
  if (native?.name === "SmallInt") limit = 32_767;
  if (native?.name === "Decimal" && native.args.length) {
    scale = native.args[1] ?? 0;
    limit = 10 ** (native.args[0] - scale) - 10 ** -scale;
  }
  if (limit === undefined) return source;
  const max = limit;
  const places = scale === undefined ? 1 : 10 ** scale;
  return {
    ...source,
    value: (n) => {
      const value = source.value(n);
      if (typeof value !== "number") return value;
      const kept = Math.abs(value) > max ? value % (max + 1) : value;
      return Math.round(kept * places) / places;
    },
  };
}
