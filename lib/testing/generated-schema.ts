/**
 * A large schema for performance work: `models` models of `fieldsPerModel` fields each
 * (id, scalars of every SQLite type, and a foreign key to an earlier model), so that
 * 1,000 models give 10,000 fields and 999 relations.
 */
export function generatedSchema(models: number, fieldsPerModel = 10): string {
  const scalarTypes = ["String", "Int", "Float", "Boolean", "DateTime", "String?", "BigInt", "Decimal", "Json?", "Bytes?"];
  const blocks = ['datasource db {\n  provider = "sqlite"\n}\n'];
  const children = new Map<number, number[]>();
  // A tree: every model but the first points at one of the models before it, three children at most.
  const parentOf = (k: number) => Math.floor((k - 1) / 3);
  for (let k = 1; k < models; k++) {
    const parent = parentOf(k);
    children.set(parent, [...(children.get(parent) ?? []), k]);
  }
  for (let k = 0; k < models; k++) {
    const lines = [`model Entity${k} {`, "  id Int @id @default(autoincrement())"];
    const scalars = fieldsPerModel - 1 - (k > 0 ? 1 : 0);
    for (let f = 0; f < scalars; f++) lines.push(`  field${f} ${scalarTypes[f % scalarTypes.length]}`);
    if (k > 0) {
      lines.push(`  parent_id Int`);
      lines.push(`  parent Entity${parentOf(k)} @relation(fields: [parent_id], references: [id], onDelete: Cascade)`);
    }
    for (const child of children.get(k) ?? []) lines.push(`  children${child} Entity${child}[]`);
    lines.push("}\n");
    blocks.push(lines.join("\n"));
  }
  return blocks.join("\n");
}
