import { describe, expect, test } from "vitest";
import { HEADER_20, HEADER_14, importing, model, field, lineOf } from "./test-builders";

/** #15: enums and association tables, in the 2.0 (Mapped) and 1.4 (Column) styles. */

describe("enums", () => {
  const statusEnum = ["class Status(enum.Enum):", '    draft = "draft"', '    published = "published"'];
  test("an enum.Enum subclass as Mapped[...] becomes a Prisma enum, with its default (2.0)", () => {
    const { graph } = importing(HEADER_20, [
      ...statusEnum,
      "class Post(Base):",
      '    __tablename__ = "post"',
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      "    status: Mapped[Status] = mapped_column(default=Status.draft)",
      "    previous: Mapped[Optional[Status]]",
    ]);
    expect(graph.enums).toEqual([
      expect.objectContaining({ name: "Status", values: [{ name: "draft" }, { name: "published" }] }),
    ]);
    expect(field(graph, "Post", "status")).toMatchObject({ kind: "enum", type: "Status", default: "draft", optional: false });
    expect(field(graph, "Post", "previous")).toMatchObject({ kind: "enum", type: "Status", optional: true });
  });

  test("Enum(MyEnum) in a Column, sa.Enum and an aliased SAEnum become the same enum (1.4)", () => {
    const { graph } = importing(
      [...HEADER_14, "from sqlalchemy import Enum as SAEnum", "from enum import Enum as PyEnum"],
      [
        "class Status(PyEnum):",
        "    draft = 1",
        "    published = 2",
        "class Post(Base):",
        '    __tablename__ = "post"',
        "    id = Column(Integer, primary_key=True)",
        "    status = Column(Enum(Status), nullable=False, default=Status.published)",
        "    other = Column(sa.Enum(Status))",
        '    third = Column(SAEnum(Status), server_default="draft")',
      ],
    );
    expect(graph.enums.map((e) => e.name)).toEqual(["Status"]);
    expect(field(graph, "Post", "status")).toMatchObject({ type: "Status", default: "published", optional: false });
    expect(field(graph, "Post", "other")).toMatchObject({ type: "Status", optional: true });
    expect(field(graph, "Post", "third")).toMatchObject({ type: "Status", default: "draft" });
  });

  test('Enum("a", "b", name=...) inline keeps values that are not identifiers with @map', () => {
    const { graph } = importing(HEADER_14, [
      "class Task(Base):",
      '    __tablename__ = "task"',
      "    id = Column(Integer, primary_key=True)",
      '    priority = Column(Enum("low", "very high", name="task_priority"), default="low")',
      '    state = Column(Enum("open", "closed"))',
    ]);
    expect(graph.enums.find((e) => e.name === "TaskPriority")?.values).toEqual([
      { name: "low" },
      { name: "very_high", dbName: "very high" },
    ]);
    expect(field(graph, "Task", "priority")).toMatchObject({ type: "TaskPriority", default: "low" });
    expect(field(graph, "Task", "state").type).toBe("TaskState");
  });

  test("values_callable stores the members' values, kept with @map", () => {
    const { graph } = importing(HEADER_20, [
      "class Kind(str, enum.Enum):",
      '    SMALL = "s"',
      '    LARGE = "l"',
      "class Box(Base):",
      '    __tablename__ = "box"',
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      "    kind: Mapped[Kind] = mapped_column(Enum(Kind, values_callable=lambda e: [m.value for m in e]), default=Kind.LARGE)",
    ]);
    expect(graph.enums[0].values).toEqual([
      { name: "SMALL", dbName: "s" },
      { name: "LARGE", dbName: "l" },
    ]);
    expect(field(graph, "Box", "kind").default).toBe("LARGE");
  });
});

describe("association tables", () => {
  const tags14 = [
    "post_tags = Table(",
    '    "post_tags", Base.metadata,',
    '    Column("post_id", ForeignKey("post.id", ondelete="CASCADE"), primary_key=True),',
    '    Column("tag_id", ForeignKey("tag.id"), primary_key=True),',
    ")",
    "class Post(Base):",
    '    __tablename__ = "post"',
    "    id = Column(Integer, primary_key=True)",
    '    tags = relationship("Tag", secondary=post_tags, back_populates="posts")',
    "class Tag(Base):",
    '    __tablename__ = "tag"',
    "    id = Column(Integer, primary_key=True)",
    '    posts = relationship("Post", secondary=post_tags, back_populates="tags")',
  ];
  test("a two-key association Table() becomes a join model with a composite @@id, its name and ondelete kept (1.4)", () => {
    const { graph, unknown, source } = importing(HEADER_14, tags14);
    const join = model(graph, "PostTags");
    expect(join).toMatchObject({ dbName: "post_tags", primaryKey: { fields: ["post_id", "tag_id"] } });
    expect(join.fields.find((f) => f.type === "Post")?.relation).toMatchObject({
      fields: ["post_id"],
      references: ["id"],
      onDelete: "Cascade",
    });
    expect(join.fields.find((f) => f.type === "Tag")?.relation).toMatchObject({ fields: ["tag_id"], references: ["id"] });
    expect(join.fields.find((f) => f.type === "Tag")?.relation?.onDelete).toBeUndefined();
    expect(field(graph, "Post", "tags")).toMatchObject({ type: "PostTags", list: true });
    expect(field(graph, "Tag", "posts")).toMatchObject({ type: "PostTags", list: true });
    expect(unknown).toEqual([
      expect.objectContaining({
        line: lineOf(source, "post_tags = Table("),
        why: expect.stringMatching(/join model PostTags.*_PostToTag with columns A and B/),
      }),
    ]);
  });

  test("Mapped[list[...]] with secondary as a string, and a table with no primary key (2.0)", () => {
    const { graph, unknown } = importing(HEADER_20, [
      'members = Table("members", Base.metadata, Column("group_id", ForeignKey("group.id")), Column("user_id", ForeignKey("user.id")))',
      "class Group(Base):",
      '    __tablename__ = "group"',
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      '    users: Mapped[list["User"]] = relationship(secondary="members", back_populates="groups")',
      "class User(Base):",
      '    __tablename__ = "user"',
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      '    groups: Mapped[List["Group"]] = relationship(secondary=members, back_populates="users")',
    ]);
    expect(model(graph, "Members").primaryKey?.fields).toEqual(["group_id", "user_id"]);
    expect(field(graph, "Group", "users")).toMatchObject({ type: "Members", list: true });
    expect(unknown.map((u) => u.why).join("\n")).toMatch(/no primary key; .* group_id and user_id form its @@id/);
  });

  test("an association table named as Prisma names one becomes an implicit many-to-many", () => {
    const { graph, unknown } = importing(HEADER_14, [
      'post_tags = Table("_PostToTag", Base.metadata, Column("A", ForeignKey("post.id"), primary_key=True), Column("B", ForeignKey("tag.id"), primary_key=True))',
      ...tags14.slice(5),
    ]);
    expect(graph.models.map((m) => m.name).sort()).toEqual(["Post", "Tag"]);
    expect(field(graph, "Post", "tags")).toMatchObject({ type: "Tag", list: true });
    expect(field(graph, "Tag", "posts")).toMatchObject({ type: "Post", list: true });
    expect(unknown[0].why).toMatch(/implicit many-to-many/);
  });
});
