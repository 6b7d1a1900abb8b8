import { faker } from "@faker-js/faker/locale/en";
import type { Field, Model } from "../schema/graph";
import { characterCount } from "./constraints";
import { storedDateTime, type SqlValue } from "./values";

/**
 * Where sample values come from. Faker is slow per call (tens of microseconds), so it fills
 * small pools once per run (a few hundred first names, titles, cities...), and every row
 * combines pool entries with a fast seeded PRNG. Nothing here reads the clock or
 * Math.random: the same seed gives the same values.
 */

export type { SqlValue };
/** A number in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG, good enough for sample data. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts: one 32-bit seed per table, per pool. */
export function hashSeed(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x1f; // a separator, so ("ab", "c") and ("a", "bc") differ
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export { storedDateTime };

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

/** The first `max` characters (code points, never half a surrogate pair), trailing spaces dropped. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text; // UTF-16 length ≥ code points
  return Array.from(text).slice(0, max).join("").trimEnd();
}

const fit = (text: string, max: number | undefined) => (max && text.length > max ? cut(text, max) : text);

/** prefix + suffix within `max` characters, shortening the prefix first so the suffix (which makes it unique) stays. */
function joinWithin(prefix: string, suffix: string, max: number | undefined): string {
  const whole = prefix + suffix;
  if (!max || whole.length <= max) return whole;
  const room = max - characterCount(suffix);
  if (room >= 1) return cut(prefix, room) + suffix;
  return cut(suffix, max);
}

// A fixed instant that dates are spread around: never the clock, so a seed always gives the same rows.
const REFERENCE = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const YEAR = 365 * DAY;

type PoolName = keyof typeof POOLS;

const POOLS = {
  firstName: [200, () => faker.person.firstName()],
  lastName: [200, () => faker.person.lastName()],
  username: [200, () => faker.internet.username()],
  domain: [40, () => faker.internet.domainName()],
  word: [200, () => faker.word.sample()],
  noun: [150, () => faker.word.noun()],
  adjective: [100, () => faker.word.adjective()],
  sentence: [120, () => faker.lorem.sentence()],
  title: [120, (i: number) => (i % 2 ? faker.book.title() : faker.company.catchPhrase())],
  bio: [80, () => faker.person.bio()],
  jobTitle: [100, () => faker.person.jobTitle()],
  company: [120, () => faker.company.name()],
  product: [120, () => faker.commerce.productName()],
  department: [40, () => faker.commerce.department()],
  city: [150, () => faker.location.city()],
  country: [120, () => faker.location.country()],
  countryCode: [80, () => faker.location.countryCode()],
  state: [60, () => faker.location.state()],
  street: [200, () => faker.location.streetAddress()],
  zip: [120, () => faker.location.zipCode()],
  phone: [200, () => faker.phone.number()],
  url: [120, () => faker.internet.url()],
  avatar: [100, () => faker.image.avatar()],
  image: [100, () => faker.image.url()],
  slug: [200, () => faker.lorem.slug()],
  color: [40, () => faker.color.human()],
  currency: [60, () => faker.finance.currencyCode()],
  ip: [200, () => faker.internet.ipv4()],
  userAgent: [40, () => faker.internet.userAgent()],
  timeZone: [60, () => faker.location.timeZone()],
  fileName: [100, () => faker.system.fileName()],
  sex: [20, () => faker.person.sex()],
} satisfies Record<string, [number, (i: number) => string]>;

/** Faker's values for one run, each pool filled on first use from its own seed. */
export class Pools {
  private readonly filled = new Map<PoolName, string[]>();
  constructor(private readonly seed: number) {}

  get(name: PoolName): string[] {
    let pool = this.filled.get(name);
    if (!pool) {
      const [size, make] = POOLS[name];
      faker.seed(hashSeed(this.seed, name));
      pool = Array.from({ length: size }, (_, i) => make(i));
      this.filled.set(name, pool);
    }
    return pool;
  }

  /** Letters only, lower case: the parts of an e-mail address or a username. */
  lowerLetters(name: "firstName" | "lastName"): string[] {
    const key = `${name}:lower` as PoolName;
    let pool = this.filled.get(key);
    if (!pool) {
      pool = this.get(name).map((value) => value.toLowerCase().replace(/[^a-z]/g, "") || "sam");
      this.filled.set(key, pool);
    }
    return pool;
  }

  freeEmailDomains(): readonly string[] {
    return faker.definitions.internet.free_email;
  }
}

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

/** How many composed values a column makes up front when it has more rows than that. */
const DERIVED_POOL = 2048;

const normal = (name: string) => name.replace(/[^A-Za-z0-9]/g, "").toLowerCase();

const PERSON_MODELS =
  /(user|person|people|customer|author|member|employee|student|teacher|contact|owner|player|patient|client|staff|account|profile|admin|writer|artist|driver|guest|buyer|seller)/;
const COMPANY_MODELS =
  /(company|organi[sz]ation|^org|team|vendor|supplier|brand|publisher|business|tenant|workspace|agency|store|shop)/;
const PRODUCT_MODELS = /(product|item|good|article|merch|dish|recipe)/;
const PLACE_MODELS = /(address|location|place|city|region|customer|user|person|profile|contact|store|shop|office|branch)/;
const CATEGORY_MODELS = /(categor|department|tag|genre|topic|label|group|section|collection)/;

const ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz";
const NANOID = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const HEX = "0123456789abcdef";

function randomText(rng: Rng, alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[(rng() * alphabet.length) | 0];
  return text;
}

function uuid(rng: Rng, version: string): string {
  const hex = randomText(rng, HEX, 32);
  const variant = HEX[8 + ((rng() * 4) | 0)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** An id as Prisma's default function makes it: cuid() / cuid(2), uuid(), uuid(7), nanoid(n), ulid(). */
function generatedId(rng: Rng, defaultValue: string | undefined): () => string {
  const call = /^(\w+)\((\d*)\)$/.exec(defaultValue ?? "");
  const fn = call?.[1];
  const argument = call?.[2] ? Number(call[2]) : undefined;
  if (fn === "uuid") return () => uuid(rng, argument === 7 ? "7" : "4");
  if (fn === "nanoid") return () => randomText(rng, NANOID, argument ?? 21);
  if (fn === "ulid") return () => randomText(rng, CROCKFORD, 26);
  if (fn === "cuid" && argument === 2) return () => ALPHANUMERIC[10 + ((rng() * 26) | 0)] + randomText(rng, ALPHANUMERIC, 23);
  return () => `c${randomText(rng, ALPHANUMERIC, 24)}`;
}

function pick<T>(rng: Rng, pool: readonly T[]): T {
  return pool[(rng() * pool.length) | 0];
}

const between = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));
const cents = (value: number) => Math.round(value * 100) / 100;

/** A String column: a random pick, and a unique form around a counter. */
interface TextKind {
  pick: () => string;
  unique?: (n: number, max: number | undefined) => string;
  separator?: string;
  nullRate?: number;
}

function textKind(context: SourceContext, name: string): TextKind {
  const { pools, rng, field, model } = context;
  const from = (pool: PoolName) => {
    const values = pools.get(pool);
    return () => values[(rng() * values.length) | 0];
  };
  const modelName = normal(model.name);
  const hasFullName = model.fields.some((f) => /^(fullname|displayname)$/.test(normal(f.name)));

  if (/^(id|uuid|guid|cuid)$/.test(name) || field.isId || /^(cuid|uuid|nanoid|ulid)\(/.test(field.default ?? "")) {
    const make = generatedId(
      rng,
      field.isId || /\(/.test(field.default ?? "") ? field.default : name === "uuid" ? "uuid()" : undefined,
    );
    return { pick: make, unique: () => make() };
  }
  if (name.includes("email")) {
    const first = pools.lowerLetters("firstName");
    const last = pools.lowerLetters("lastName");
    const domains = [...pools.freeEmailDomains(), ...pools.get("domain")];
    const local = () => `${pick(rng, first)}.${pick(rng, last)}`;
    return {
      pick: () => `${local()}@${pick(rng, domains)}`,
      unique: (n, max) => {
        const start = local();
        const whole = `${start}${n}@${pick(rng, domains)}`;
        return !max || characterCount(whole) <= max ? whole : joinWithin(start, `${n}@x.io`, max);
      },
    };
  }
  if (/(username|login|handle|nickname|screenname|^nick$|^user$)/.test(name) || (name === "name" && hasFullName)) {
    const first = pools.lowerLetters("firstName");
    const usernames = pools.get("username");
    return {
      pick: () => (rng() < 0.5 ? pick(rng, first) : pick(rng, usernames)),
      unique: (n, max) => joinWithin(pick(rng, first), String(n), max),
    };
  }
  const fullName = () => {
    const first = pools.get("firstName");
    const last = pools.get("lastName");
    return { pick: () => `${pick(rng, first)} ${pick(rng, last)}`, separator: " " };
  };
  if (/^(fullname|displayname|realname|contactname|authorname|customername|ownername|personname)$/.test(name)) return fullName();
  if (/^(firstname|givenname|forename|fname)$/.test(name)) return { pick: from("firstName"), separator: " " };
  if (/^(middlename)$/.test(name)) return { pick: from("firstName"), separator: " ", nullRate: 0.6 };
  if (/^(lastname|surname|familyname|lname)$/.test(name)) return { pick: from("lastName"), separator: " " };
  if (name === "name" || name === "label" || name === "displaytitle") {
    if (PERSON_MODELS.test(modelName)) return fullName();
    if (COMPANY_MODELS.test(modelName)) return { pick: from("company"), separator: " " };
    if (PRODUCT_MODELS.test(modelName)) return { pick: from("product"), separator: " " };
    if (CATEGORY_MODELS.test(modelName)) {
      const departments = pools.get("department");
      const nouns = pools.get("noun");
      return { pick: () => (rng() < 0.5 ? pick(rng, departments) : capitalize(pick(rng, nouns))), separator: " " };
    }
    if (/(city|town)/.test(modelName)) return { pick: from("city"), separator: " " };
    if (/country/.test(modelName)) return { pick: from("country"), separator: " " };
    const adjectives = pools.get("adjective");
    const nouns = pools.get("noun");
    return { pick: () => `${capitalize(pick(rng, adjectives))} ${pick(rng, nouns)}`, separator: " " };
  }
  if (/(company|organi[sz]ation|employer|business|^org$|brand)/.test(name)) return { pick: from("company"), separator: " " };
  if (/(product|itemname)/.test(name)) return { pick: from("product"), separator: " " };
  if (/(jobtitle|occupation|^job$|^position$|profession)/.test(name)) return { pick: from("jobTitle"), separator: " " };
  if (/filename/.test(name)) return { pick: from("fileName"), separator: "-" };
  if (/(city|town)(name)?$/.test(name)) return { pick: from("city"), separator: " " };
  if (/countrycode/.test(name)) return { pick: from("countryCode"), separator: "-" };
  if (/country/.test(name)) return { pick: from("country"), separator: " " };
  if (/(province|region|county)/.test(name) || (name === "state" && PLACE_MODELS.test(modelName))) {
    return { pick: from("state"), separator: " " };
  }
  if (/(zip|postalcode|postcode|postal)/.test(name)) return { pick: from("zip"), separator: "-" };
  if (/(^ip$|ipaddress|ipv4)/.test(name)) return { pick: from("ip"), separator: ":" };
  if (/(street|address|addressline|line1|line2)/.test(name)) return { pick: from("street"), separator: " " };
  if (/(phone|mobile|^tel$|telephone|^fax$|^cell$)/.test(name)) return { pick: from("phone"), separator: " x" };
  if (/(avatar)/.test(name)) return { pick: from("avatar"), separator: "?v=" };
  if (/(image|photo|picture|thumbnail|logo|icon|cover|banner)/.test(name)) return { pick: from("image"), separator: "?v=" };
  if (/(url|website|link|homepage|href|uri|site)$/.test(name)) return { pick: from("url"), separator: "/" };
  if (/slug/.test(name)) return { pick: from("slug"), separator: "-" };
  if (/title|subject|headline|heading/.test(name)) return { pick: from("title"), separator: " " };
  if (/^bio$|biography/.test(name)) return { pick: from("bio"), separator: " " };
  if (/(description|summary|excerpt|abstract|about|caption|subtitle|tagline|intro)/.test(name)) {
    const sentences = pools.get("sentence");
    return {
      pick: () => (rng() < 0.5 ? pick(rng, sentences) : `${pick(rng, sentences)} ${pick(rng, sentences)}`),
      separator: " ",
    };
  }
  if (/(body|content|text|message|comment|notes?|details|remarks|review|html|markdown|answer|question|reply)/.test(name)) {
    const sentences = pools.get("sentence");
    return {
      pick: () => {
        const paragraphs: string[] = [];
        for (let p = between(rng, 1, 3); p > 0; p--) {
          let paragraph = pick(rng, sentences);
          for (let s = between(rng, 1, 4); s > 0; s--) paragraph += ` ${pick(rng, sentences)}`;
          paragraphs.push(paragraph);
        }
        return paragraphs.join("\n\n");
      },
      separator: " ",
    };
  }
  if (/(colou?r)/.test(name)) return { pick: from("color"), separator: " " };
  if (/currency/.test(name)) return { pick: from("currency"), separator: "-" };
  if (/useragent/.test(name)) return { pick: from("userAgent"), separator: " " };
  if (/(timezone|^tz$)/.test(name)) return { pick: from("timeZone"), separator: "/" };
  if (/(domain|hostname|^host$)/.test(name)) return { pick: from("domain"), separator: "." };
  if (/(^gender$|^sex$)/.test(name)) return { pick: from("sex"), separator: " " };
  if (/(language|^lang$|locale)/.test(name)) {
    const languages = ["en", "en-GB", "fr", "de", "es", "it", "pt-BR", "nl", "ja", "zh", "ko", "sv"];
    return { pick: () => pick(rng, languages), separator: "-" };
  }
  if (/^(status|state)$/.test(name)) {
    const statuses = ["active", "pending", "inactive", "archived", "draft"];
    return { pick: () => pick(rng, statuses), separator: "-" };
  }
  if (/(password|passwordhash|hash|digest|secret|token|apikey|^key$|salt|signature)/.test(name)) {
    return { pick: () => randomText(rng, ALPHANUMERIC, 32), unique: () => randomText(rng, ALPHANUMERIC, 32) };
  }
  if (/(sku|^code$|reference|^ref$|serial|barcode|isbn)/.test(name)) {
    const upper = ALPHANUMERIC.toUpperCase();
    return { pick: () => randomText(rng, upper, 8), separator: "-" };
  }
  if (/id$/.test(name)) return { pick: () => randomText(rng, ALPHANUMERIC, 12), unique: () => randomText(rng, ALPHANUMERIC, 12) };
  // A literal default ("draft") says what a value looks like better than lorem does.
  const literal = field.default && /^".*"$/.test(field.default) ? (JSON.parse(field.default) as string) : undefined;
  const words = pools.get("word");
  return {
    pick: () => {
      if (literal !== undefined && rng() < 0.5) return literal;
      const count = between(rng, 1, 3);
      let text = pick(rng, words);
      for (let w = 1; w < count; w++) text += ` ${pick(rng, words)}`;
      return text;
    },
    separator: "-",
  };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function stringSource(context: SourceContext, name: string): ValueSource {
  const kind = textKind(context, name);
  const max = context.field.maxLength;
  const nullRate = kind.nullRate ?? 0.1;
  if (context.unique) {
    const unique = kind.unique ?? ((n: number) => joinWithin(kind.pick(), `${kind.separator ?? "-"}${n}`, max));
    return { value: (n) => fit(unique(n, max), max), nullRate };
  }
  if (context.rows > DERIVED_POOL) {
    // Composing a value per row (a full name, an e-mail, paragraphs) costs time and garbage: compose a pool once.
    const values = Array.from({ length: DERIVED_POOL }, () => fit(kind.pick(), max));
    const { rng } = context;
    return { value: () => values[(rng() * DERIVED_POOL) | 0], nullRate };
  }
  return { value: max ? () => fit(kind.pick(), max) : kind.pick, nullRate };
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
  const { field, rng } = context;
  const name = normal(field.name);
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
      return numberSource(context, name);
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
