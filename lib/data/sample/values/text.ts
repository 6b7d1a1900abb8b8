import { characterCount } from "../../constraints";
import { nativeLength } from "./native";
import type { PoolName } from "./pools";
import { ALPHANUMERIC, between, CROCKFORD, HEX, NANOID, pick, randomText, type Rng } from "./random";
import type { SourceContext, ValueSource } from "./sources";

/** String columns: ids as Prisma makes them, and text that fits the column's name and model. */

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

/** How many composed values a column makes up front when it has more rows than that. */
const DERIVED_POOL = 2048;

export const normal = (name: string) => name.replace(/[^A-Za-z0-9]/g, "").toLowerCase();

const PERSON_MODELS =
  /(user|person|people|customer|author|member|employee|student|teacher|contact|owner|player|patient|client|staff|account|profile|admin|writer|artist|driver|guest|buyer|seller)/;
const COMPANY_MODELS =
  /(company|organi[sz]ation|^org|team|vendor|supplier|brand|publisher|business|tenant|workspace|agency|store|shop)/;
const PRODUCT_MODELS = /(product|item|good|article|merch|dish|recipe)/;
const PLACE_MODELS = /(address|location|place|city|region|customer|user|person|profile|contact|store|shop|office|branch)/;
const CATEGORY_MODELS = /(categor|department|tag|genre|topic|label|group|section|collection)/;

function uuid(rng: Rng, version: string): string {
  const hex = randomText(rng, HEX, 32);
  const variant = HEX[8 + ((rng() * 4) | 0)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** An id as Prisma's default function makes it: cuid() / cuid(2), uuid(), uuid(7), nanoid(n), ulid(). */
export function generatedId(rng: Rng, defaultValue: string | undefined): () => string {
  const call = /^(\w+)\((\d*)\)$/.exec(defaultValue ?? "");
  const fn = call?.[1];
  const argument = call?.[2] ? Number(call[2]) : undefined;
  if (fn === "uuid") return () => uuid(rng, argument === 7 ? "7" : "4");
  if (fn === "nanoid") return () => randomText(rng, NANOID, argument ?? 21);
  if (fn === "ulid") return () => randomText(rng, CROCKFORD, 26);
  if (fn === "cuid" && argument === 2) return () => ALPHANUMERIC[10 + ((rng() * 26) | 0)] + randomText(rng, ALPHANUMERIC, 23);
  return () => `c${randomText(rng, ALPHANUMERIC, 24)}`;
}

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

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function stringSource(context: SourceContext, name: string): ValueSource {
  const kind = textKind(context, name);
  const max = context.field.maxLength ?? nativeLength(context.field);
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
