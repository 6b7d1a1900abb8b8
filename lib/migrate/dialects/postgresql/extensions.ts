/**
 * A revision that fails because the database lacks an extension says which one and how to get
 * it. Real schemas use extension types and operator classes (citext, pg_trgm's gin_trgm_ops)
 * without declaring `extensions`, counting on a database that already has them; PostgreSQL
 * then only says `type "citext" does not exist`.
 */

/** The extension that provides a type, an operator class or a function PostgreSQL did not find. */
const PROVIDERS: [RegExp, string][] = [
  [/^type "(citext)" does not exist/, "citext"],
  [/^type "(hstore)" does not exist/, "hstore"],
  [/^type "(ltree|lquery|ltxtquery)" does not exist/, "ltree"],
  [/^type "(cube)" does not exist/, "cube"],
  [/^type "(geometry|geography|box2d|box3d)" does not exist/, "postgis"],
  [/^type "(vector|halfvec|sparsevec)" does not exist/, "vector"],
  [/^operator class "(gin_trgm_ops|gist_trgm_ops)" does not exist/, "pg_trgm"],
  [/^operator class "(gin_hstore_ops|gist_hstore_ops)" does not exist/, "hstore"],
  [/^function (uuid_generate_v\d)\(\) does not exist/, "uuid-ossp"],
  [/^function (gen_random_bytes|crypt|gen_salt)\(/, "pgcrypto"],
];

/** A sentence on the extension a PostgreSQL error points at, or "" when it points at none. */
export function extensionHint(message: string): string {
  const unavailable = /^extension "([^"]+)" is not available/.exec(message);
  if (unavailable) {
    return ` The server has no extension "${unavailable[1]}" to create: its package must be installed on the PostgreSQL server first (pgvector, for one, is not part of Debian's postgresql package).`;
  }
  for (const [pattern, extension] of PROVIDERS) {
    const found = pattern.exec(message);
    if (found) {
      const declared = extension.includes("-") ? `${extension.replace("-", "_")}(map: "${extension}")` : extension;
      return ` ${found[1]} comes from the PostgreSQL extension ${extension}, which this database does not have: declare it in the datasource (extensions = [${declared}], with previewFeatures = ["postgresqlExtensions"] in the generator), so that every database the revisions run on creates it, the shadow database included.`;
    }
  }
  return "";
}

const CREATE_EXTENSION = /-- CreateExtension\n(CREATE EXTENSION IF NOT EXISTS "([^"]+)"[^;]*;)\n\n?/g;

/**
 * The engine's script without the `CREATE EXTENSION` of extensions the revisions already
 * create. Its shadow database does not describe extensions (Prisma 7.10, through a driver
 * adapter), so every diff from the revisions asks to create every declared extension again,
 * and a schema that declares one would never be up to date.
 */
export function withoutRecreatedExtensions(script: string, revisions: string[]): string {
  const created = new Set<string>();
  for (const sql of revisions) for (const [, , name] of sql.matchAll(CREATE_EXTENSION)) created.add(name);
  for (const sql of revisions)
    for (const [, name] of sql.matchAll(/CREATE EXTENSION IF NOT EXISTS "([^"]+)"/g)) created.add(name);
  return script.replace(CREATE_EXTENSION, (whole, _statement, name: string) => (created.has(name) ? "" : whole));
}
