import { describe, expect, test } from "vitest";
import { HEADER_20, HEADER_14, importing, model, field, lineOf } from "./test-builders";

/** #15: keys, constraints, indexes and defaults, in the 2.0 and 1.4 styles where both exist. */

describe("constraints and indexes", () => {
  test("__table_args__ as a tuple: UniqueConstraint, Index (unique or not) and a closing dict; CheckConstraint noted", () => {
    const { graph, unknown, source } = importing(HEADER_20, [
      "class Item(Base):",
      '    __tablename__ = "item"',
      "    __table_args__ = (",
      '        UniqueConstraint("owner", "slug", name="uq_item_owner_slug"),',
      '        Index("ix_item_rank", "rank"),',
      '        Index("ix_item_code", "code", unique=True),',
      '        CheckConstraint("rank >= 0", name="ck_rank"),',
      '        {"sqlite_autoincrement": True},',
      "    )",
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      "    owner: Mapped[str] = mapped_column(index=True)",
      "    slug: Mapped[str]",
      "    rank: Mapped[int]",
      "    code: Mapped[str] = mapped_column(unique=True)",
    ]);
    const item = model(graph, "Item");
    expect(item.uniques).toEqual(
      expect.arrayContaining([
        { fields: ["owner", "slug"], dbName: "uq_item_owner_slug" },
        { fields: ["code"], dbName: "ix_item_code" },
      ]),
    );
    expect(item.indexes).toEqual([
      { fields: ["owner"], dbName: "ix_item_owner" },
      { fields: ["rank"], dbName: "ix_item_rank" },
    ]);
    expect(field(graph, "Item", "code").isUnique).toBe(true);
    expect(unknown).toEqual([
      expect.objectContaining({ line: lineOf(source, 'CheckConstraint("rank'), why: expect.stringMatching(/CHECK constraint/) }),
      expect.objectContaining({ line: lineOf(source, "sqlite_autoincrement"), why: "the table option sqlite_autoincrement" }),
    ]);
  });

  test("the dict form, PrimaryKeyConstraint as @@id and ForeignKeyConstraint as a composite relation (1.4)", () => {
    const { graph } = importing(HEADER_14, [
      "class Parent(Base):",
      '    __tablename__ = "parent"',
      '    __table_args__ = (PrimaryKeyConstraint("region", "code", name="pk_parent"),)',
      "    region = Column(String(2))",
      "    code = Column(Integer)",
      "class Child(Base):",
      '    __tablename__ = "child"',
      "    __table_args__ = (",
      '        ForeignKeyConstraint(["parent_region", "parent_code"], ["parent.region", "parent.code"], ondelete="CASCADE"),',
      "    )",
      "    id = Column(Integer, primary_key=True)",
      "    parent_region = Column(String(2), nullable=False)",
      "    parent_code = Column(Integer, nullable=False)",
      '    parent = relationship("Parent", backref="children")',
      "class Note(Base):",
      '    __tablename__ = "note"',
      '    __table_args__ = {"comment": "notes"}',
      "    id = Column(Integer, primary_key=True)",
    ]);
    expect(model(graph, "Parent").primaryKey?.fields).toEqual(["region", "code"]);
    expect(field(graph, "Child", "parent").relation).toMatchObject({
      fields: ["parent_region", "parent_code"],
      references: ["region", "code"],
      onDelete: "Cascade",
    });
    expect(field(graph, "Parent", "children")).toMatchObject({ type: "Child", list: true });
    expect(model(graph, "Note").fields.map((f) => f.name)).toEqual(["id"]);
  });

  test("index=True and unique=True on columns, and a module-level Index(name, Model.col)", () => {
    const { graph } = importing(HEADER_14, [
      "class User(Base):",
      '    __tablename__ = "users"',
      "    id = Column(Integer, primary_key=True)",
      "    email = Column(String(120), unique=True, index=True)",
      "    name = Column(String(50), index=True)",
      "    nick = Column(String(20), unique=True)",
      'Index("ix_users_name_nick", User.name, User.nick)',
    ]);
    const user = model(graph, "User");
    expect(field(graph, "User", "email")).toMatchObject({ isUnique: true, uniqueDbName: "ix_users_email" });
    expect(field(graph, "User", "nick").isUnique).toBe(true);
    expect(user.indexes).toEqual([
      { fields: ["name"], dbName: "ix_users_name" },
      { fields: ["name", "nick"], dbName: "ix_users_name_nick" },
    ]);
  });
});

describe("defaults", () => {
  test("server_default func.now(), text(CURRENT_TIMESTAMP) and literals; default= callables; onupdate (2.0)", () => {
    const { graph, unknown, source } = importing(HEADER_20, [
      "def make_code():",
      '    return "x"',
      "class Event(Base):",
      '    __tablename__ = "event"',
      "    id: Mapped[str] = mapped_column(primary_key=True, default=lambda: str(uuid.uuid4()))",
      "    created: Mapped[datetime.datetime] = mapped_column(server_default=func.now())",
      '    stamped: Mapped[datetime.datetime] = mapped_column(server_default=text("CURRENT_TIMESTAMP"))',
      "    seen: Mapped[datetime.datetime] = mapped_column(default=datetime.datetime.utcnow)",
      "    updated: Mapped[datetime.datetime] = mapped_column(default=func.now(), onupdate=func.now())",
      '    count: Mapped[int] = mapped_column(server_default="0")',
      "    active: Mapped[bool] = mapped_column(server_default=sa.false())",
      "    label: Mapped[str] = mapped_column(server_default=text(\"'none'\"))",
      "    ratio: Mapped[float] = mapped_column(default=0.5)",
      "    code: Mapped[str] = mapped_column(default=make_code)",
    ]);
    const defaults = Object.fromEntries(model(graph, "Event").fields.map((f) => [f.name, f.default]));
    expect(defaults).toEqual({
      id: "uuid()",
      created: "now()",
      stamped: "now()",
      seen: "now()",
      updated: "now()",
      count: "0",
      active: "false",
      label: '"none"',
      ratio: "0.5",
      code: undefined,
    });
    expect(field(graph, "Event", "updated").updatedAt).toBe(true);
    expect(unknown).toEqual([
      expect.objectContaining({
        line: lineOf(source, "default=make_code"),
        why: expect.stringMatching(/computed by code \(make_code\)/),
      }),
    ]);
  });

  test("the same in Column() style, with uuid.uuid4 and datetime.utcnow (1.4)", () => {
    const { graph } = importing(HEADER_14, [
      "class Event(Base):",
      '    __tablename__ = "event"',
      "    id = Column(String(36), primary_key=True, default=uuid.uuid4)",
      "    created = Column(DateTime, default=datetime.datetime.utcnow, nullable=False)",
      "    updated = Column(DateTime, onupdate=datetime.datetime.utcnow)",
      "    done = Column(sa.Boolean, server_default=text('1'))",
    ]);
    expect(field(graph, "Event", "id").default).toBe("uuid()");
    expect(field(graph, "Event", "created")).toMatchObject({ default: "now()", optional: false });
    expect(field(graph, "Event", "updated")).toMatchObject({ updatedAt: true, optional: true });
    expect(field(graph, "Event", "done").default).toBe("true");
  });
});
