import { storedDateTime, type SqlValue } from "./values";

/**
 * Where sample values come from. Faker is slow per call (tens of microseconds), so it fills
 * small pools once per run (a few hundred first names, titles, cities...), and every row
 * combines pool entries with a fast seeded PRNG. Nothing here reads the clock or
 * Math.random: the same seed gives the same values.
 */

// The jobs live in lib/data/sample/values/, each file read top to bottom: random (the seeded
// PRNG and picks), pools (Faker's pools), text (ids and String columns) and sources (every
// other type, and the source for a column). This file is the public entry.

export type { SqlValue };
export { storedDateTime };
export { hashSeed, mulberry32, type Rng } from "./sample/values/random";
export { Pools } from "./sample/values/pools";
export { cut } from "./sample/values/text";
export { countable, numericType, storedSecond, valueSource, type SourceContext, type ValueSource } from "./sample/values/sources";
