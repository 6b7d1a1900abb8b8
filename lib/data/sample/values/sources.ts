import type { Field, Model } from "../../../schema/graph";
import { storedDateTime, type SqlValue } from "../../values";
import type { Pools } from "./pools";
import { between, cents, pick, type Rng } from "./random";
import { nativeSource, withinNativeRange } from "./native";
import { normal, stringSource } from "./text";

/** One column's values: the source for each type (numbers, dates, booleans, json, bytes; text in ./text). */

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
const DAYS = new Map<number, string>();

/**
 * storedDateTime for a whole second, several times faster: the date part comes from a
 * cache (sample dates fall on a few thousand days), the time is put together from digits.
 */
export function storedSecond(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let date = DAYS.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 11);
    if (date.length !== 11) return storedDateTime(ms); // years outside 0000-9999
    DAYS.set(day, date);
  }
  const second = Math.floor((ms - day * 86_400_000) / 1000);
  const hours = Math.floor(second / 3600);
  const minutes = Math.floor((second % 3600) / 60);
  return `${date}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[second % 60]}.000+00:00`;
}

// A fixed instant that dates are spread around: never the clock, so a seed always gives the same rows.
const REFERENCE = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const YEAR = 365 * DAY;

/**
 * One column's values. `value(n)`: for a unique column `n` is a counter that never repeats
 * and the value is built around it; for the others it is the row's number in the table.
 */
export interface ValueSource {
  value(n: number): SqlValue;
  /** Share of NULLs in an optional column. */
  nullRate: number;
  /** Distinct values there can be, when few (Boolean, enums): unique columns of these are re-rolled, not counted. */
  domain?: number;
  /** value(n) is n itself (a number): counting from above the largest value in the table gives unique values. */
  numericCounter?: boolean;
}

export interface SourceContext {
  model: Model;
  field: Field;
  /** The values an enum column may hold (@map'd database values). */
  enumValues?: string[];
  /** Build values around a counter (the column is unique, alone or in a composite). */
  unique: boolean;
  pools: Pools;
  rng: Rng;
  /** Rows the table gets: above DERIVED_POOL, composed values (full names, e-mails, paragraphs) come from a pool made once. */
  rows: number;
}

/** A whole number within a range that fits the column's name. */
function intRange(name: string): [number, number] | "position" {
  if (/^age$/.test(name)) return [18, 90];
  if (/year/.test(name)) return [1970, 2025];
  if (/month/.test(name)) return [1, 12];
  if (/^day$|dayofmonth/.test(name)) return [1, 28];
  if (/hour/.test(name)) return [0, 23];
  if (/(minute|second)/.test(name)) return [0, 59];
  if (/(price|amount|cost|total|balance|salary|fee|revenue|budget|income|wage|cents)/.test(name)) return [1, 10_000];
  if (/(rating|stars)/.test(name)) return [1, 5];
  if (/(percent|progress|score)/.test(name)) return [0, 100];
  if (/(views|likes|clicks|visits|followers|downloads|impressions|votes|shares)/.test(name)) return [0, 100_000];
  if (/(quantity|qty|count|stock|inventory|capacity|seats)/.test(name)) return [0, 500];
  if (/(^position$|^order$|^rank$|sort|^index$|priority|sequence|^seq$|ordinal)/.test(name)) return "position";
  if (/(width|height|size|length|weight|depth|distance)/.test(name)) return [1, 2_000];
  if (/(duration|minutes|seconds|runtime)/.test(name)) return [1, 600];
  return [0, 1_000];
}

function numberSource(context: SourceContext, name: string): ValueSource {
  const { rng, field } = context;
  if (context.unique) return { value: (n) => n, nullRate: 0.1, numericCounter: true };
  if (field.type === "Float" || field.type === "Decimal") {
    if (/^(lat|latitude)$/.test(name)) return { value: () => Math.round((rng() * 180 - 90) * 1e6) / 1e6, nullRate: 0.1 };
    if (/^(lng|lon|long|longitude)$/.test(name))
      return { value: () => Math.round((rng() * 360 - 180) * 1e6) / 1e6, nullRate: 0.1 };
    if (/(rating|stars)/.test(name)) return { value: () => Math.round((1 + rng() * 4) * 10) / 10, nullRate: 0.1 };
    if (/(price|amount|cost|total|balance|salary|fee|revenue|budget|income|wage)/.test(name)) {
      return { value: () => cents(1 + rng() * 999), nullRate: 0.1 };
    }
    const range = intRange(name);
    const [low, high] = range === "position" ? [0, 1_000] : range;
    return { value: () => cents(low + rng() * (high - low)), nullRate: 0.1 };
  }
  const range = intRange(name);
  if (range === "position") return { value: (n) => n, nullRate: 0.1 };
  const [low, high] = field.type === "BigInt" && range[1] === 1_000 ? [0, 1_000_000_000_000] : range;
  return { value: () => between(rng, low, high), nullRate: 0.1 };
}

function dateSource(context: SourceContext, name: string): ValueSource {
  const { rng } = context;
  let low = REFERENCE - 3 * YEAR;
  let span = 3 * YEAR;
  let nullRate = 0.1;
  if (/(birth|dob|born)/.test(name)) [low, span] = [Date.UTC(1950, 0, 1), 55 * YEAR];
  else if (/(deleted|archived|cancell?ed|banned|removed|revoked|suspended|locked)/.test(name)) nullRate = 0.85;
  else if (/(expire|expiry|due|deadline|ends|^end|scheduled|until|valid|renew|starts|next)/.test(name))
    [low, span] = [REFERENCE, YEAR];
  else if (/(updated|modified|changed|edited|lastseen|lastlogin|lastactive)/.test(name) || context.field.updatedAt)
    [low, span] = [REFERENCE - YEAR, YEAR];
  if (context.unique) return { value: (n) => storedSecond(low + n * 60_000), nullRate };
  // Whole seconds: what a person would have typed or a clock would have stamped.
  return { value: () => storedSecond(low + Math.floor(rng() * (span / 1000)) * 1000), nullRate };
}

function booleanSource(context: SourceContext, name: string): ValueSource {
  const { rng } = context;
  let share = 0.5;
  if (/(deleted|archived|banned|blocked|suspended|disabled|locked|spam|hidden|flagged)/.test(name)) share = 0.1;
  else if (/(active|enabled|verified|published|visible|available|confirmed|approved|valid|subscribed)/.test(name)) share = 0.8;
  return { value: () => (rng() < share ? 1 : 0), nullRate: 0.1, domain: 2 };
}

function jsonSource(context: SourceContext, name: string): ValueSource {
  const { rng, pools } = context;
  const words = pools.get("word");
  const documents: string[] = [];
  const isList = /(tags|labels|keywords|list|items|array)/.test(name);
  for (let i = 0; i < 64; i++) {
    if (isList) {
      documents.push(JSON.stringify(Array.from({ length: between(rng, 1, 4) }, () => pick(rng, words))));
    } else if (/(settings|preferences|config|options)/.test(name)) {
      documents.push(
        JSON.stringify({
          theme: rng() < 0.5 ? "dark" : "light",
          notifications: rng() < 0.7,
          language: pick(rng, ["en", "fr", "de", "es"]),
        }),
      );
    } else {
      documents.push(
        JSON.stringify({ source: pick(rng, words), score: between(rng, 0, 100), tags: [pick(rng, words), pick(rng, words)] }),
      );
    }
  }
  if (context.unique) return { value: (n) => JSON.stringify({ n, tag: pick(rng, words) }), nullRate: 0.1 };
  return { value: () => pick(rng, documents), nullRate: 0.1 };
}

function bytesSource(context: SourceContext): ValueSource {
  const { rng } = context;
  return {
    value: (n) => {
      const bytes = Buffer.allocUnsafe(16);
      for (let i = 0; i < 16; i += 4) bytes.writeUInt32BE((rng() * 4294967296) >>> 0, i);
      if (context.unique) bytes.writeUInt32BE(n >>> 0, 0);
      return bytes;
    },
    nullRate: 0.1,
  };
}

/** The values of one scalar or enum column: fitting its type, its name and its model. */
export function valueSource(context: SourceContext): ValueSource {
  const source = scalarSource(context);
  return context.field.list ? listSource(source, context.rng) : source;
}

/** A scalar list (PostgreSQL's `String[]`): none to three of the element's values. */
function listSource(element: ValueSource, rng: Rng): ValueSource {
  return {
    value: (n) => Array.from({ length: between(rng, 0, 3) }, () => element.value(n) as Exclude<SqlValue, unknown[]>),
    nullRate: 0,
  };
}

function scalarSource(context: SourceContext): ValueSource {
  const { field, rng } = context;
  const name = normal(field.name);
  const native = nativeSource(context);
  if (native) return native;
  if (field.kind === "enum") {
    const values = context.enumValues ?? [];
    return { value: () => values[(rng() * values.length) | 0], nullRate: 0.1, domain: values.length };
  }
  switch (field.type) {
    case "String":
      return stringSource(context, name);
    case "Int":
    case "BigInt":
    case "Float":
    case "Decimal":
      return withinNativeRange(numberSource(context, name), field);
    case "DateTime":
      return dateSource(context, name);
    case "Boolean":
      return booleanSource(context, name);
    case "Json":
      return jsonSource(context, name);
    case "Bytes":
      return bytesSource(context);
    default:
      throw new Error(`${context.model.name}.${field.name} has type ${field.type}, which sample data cannot fill`);
  }
}

/** Types whose values can be made unique by a counter (unlike Boolean and enums, which have few). */
export function countable(field: Field): boolean {
  return (
    field.kind === "scalar" && ["String", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes"].includes(field.type)
  );
}

export function numericType(field: Field): boolean {
  return field.kind === "scalar" && ["Int", "BigInt", "Float", "Decimal"].includes(field.type);
}
