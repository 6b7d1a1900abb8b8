/**
 * The schema shape the Alembic peer scales (../shared/peers/alembic/models_scaled.py):
 * N tables t0..t(N-1), six columns each, and for k > 0 an optional parent_id referencing
 * the table before it. Used by benchmarks and tests to compare like with like.
 */
export function chainedSchema(models: number): string {
  const blocks = ['datasource db {\n  provider = "sqlite"\n}\n'];
  for (let k = 0; k < models; k++) {
    const lines = [
      `model T${k} {`,
      "  id         Int       @id @default(autoincrement())",
      "  name       String",
      "  note       String?",
      "  score      Float?",
      "  active     Boolean   @default(true)",
      "  created_at DateTime?",
    ];
    if (k > 0) {
      lines.push("  parent_id  Int?");
      lines.push(`  parent     T${k - 1}?       @relation(fields: [parent_id], references: [id])`);
    }
    if (k < models - 1) lines.push(`  children   T${k + 1}[]`);
    lines.push("", `  @@map("t${k}")`, "}\n");
    blocks.push(lines.join("\n"));
  }
  return blocks.join("\n");
}
