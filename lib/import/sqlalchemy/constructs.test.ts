import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { Field, Model, SchemaGraph } from "../../schema/graph";
import { parseSchemaFile } from "../../schema/parse-file";
import type { Dialect } from "../../schema/provider";
import { importSqlAlchemy, type ImportedSchema } from "./index";

/** One test per construct of #15, in the 2.0 (Mapped/mapped_column) and 1.4 (Column) styles where both exist. */

const HEADER_20 = [
  "import datetime, enum, uuid",
  "from typing import List, Optional",
  "import sqlalchemy as sa",
  "from sqlalchemy import (BigInteger, CheckConstraint, Column, Date, DateTime, Enum, ForeignKey, ForeignKeyConstraint, Index,",
  "    Integer, Interval, JSON, LargeBinary, Numeric, PrimaryKeyConstraint, SmallInteger, String, Table, Text, Time,",
  "    Unicode, UnicodeText, UniqueConstraint, Uuid, func, text)",
  "from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship",
  "class Base(DeclarativeBase):",
  "    pass",
];
const HEADER_14 = [
  "import datetime, enum, uuid",
  "import sqlalchemy as sa",
  "from sqlalchemy import (BigInteger, CheckConstraint, Column, Date, DateTime, Enum, ForeignKey, ForeignKeyConstraint, Index,",
  "    Integer, JSON, LargeBinary, Numeric, PrimaryKeyConstraint, SmallInteger, String, Table, Text, Time, UniqueConstraint, func, text)",
  "from sqlalchemy.orm import declarative_base, relationship, backref",
  "Base = declarative_base()",
];

function importing(
  header: string[],
  body: string[],
  dialect: Dialect = "sqlite",
): ImportedSchema & { graph: SchemaGraph; source: string[] } {
  const source = [...header, ...body];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "models-")), "models.py");
  fs.writeFileSync(file, source.join("\n") + "\n");
  const imported = importSqlAlchemy(file, dialect);
  return { ...imported, graph: parseSchemaFile(imported.text), source };
}
const model = (graph: SchemaGraph, name: string): Model => {
  const found = graph.models.find((m) => m.name === name);
  if (!found) throw new Error(`no model ${name} in ${graph.models.map((m) => m.name).join(", ")}`);
  return found;
};
const field = (graph: SchemaGraph, modelName: string, name: string): Field => {
  const found = model(graph, modelName).fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${modelName}.${name}`);
  return found;
};
/** The line of the first source line containing `text`, 1-based as Python counts. */
const lineOf = (source: string[], text: string) => source.findIndex((l) => l.includes(text)) + 1;

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

describe("types", () => {
  const columns = [
    ["price", "Numeric(10, 2)"],
    ["body", "Text"],
    ["title", "Unicode(80)"],
    ["story", "UnicodeText"],
    ["blob", "LargeBinary"],
    ["data", "JSON"],
    ["day", "Date"],
    ["at", "Time"],
    ["span", "Interval"],
    ["small", "SmallInteger"],
    ["name", "String(30)"],
  ];
  const expected = {
    id: "BigInt",
    price: "Decimal",
    body: "String",
    title: "String",
    story: "String",
    blob: "Bytes",
    data: "Json",
    day: "DateTime",
    at: "DateTime",
    span: "DateTime",
    small: "Int",
    name: "String",
  };
  const lost = ["price: Numeric(10, 2)", "day: Date", "at: Time", "span: Interval"];

  test.each([
    [
      "2.0",
      HEADER_20,
      "    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)",
      (n: string, t: string) => `    ${n} = mapped_column(${t})`,
    ],
    [
      "1.4",
      [...HEADER_14, "from sqlalchemy import Interval, Unicode, UnicodeText"],
      "    id = Column(BigInteger, primary_key=True)",
      (n: string, t: string) => `    ${n} = Column(${t})`,
    ],
  ] as const)(
    "each SQLAlchemy type maps as Prisma's SQLite connector allows, noting what is lost (%s)",
    (_, header, id, column) => {
      const { graph, unknown } = importing(
        [...header],
        ["class Kinds(Base):", '    __tablename__ = "kinds"', id, ...columns.map(([name, type]) => column(name, type))],
      );
      expect(Object.fromEntries(model(graph, "Kinds").fields.map((f) => [f.name, f.type]))).toEqual(expected);
      expect(field(graph, "Kinds", "name").maxLength).toBe(30);
      expect(field(graph, "Kinds", "title").maxLength).toBe(80);
      expect(unknown.map((u) => u.text)).toEqual(lost);
    },
  );

  test("annotations alone: Mapped[datetime.date], Mapped[uuid.UUID], Mapped[dict] (2.0)", () => {
    const { graph, unknown } = importing(HEADER_20, [
      "class Row(Base):",
      '    __tablename__ = "row"',
      "    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)",
      "    when: Mapped[datetime.date]",
      "    extra: Mapped[dict]",
    ]);
    expect(model(graph, "Row").fields.map((f) => [f.name, f.type, f.default])).toEqual([
      ["id", "String", "uuid()"],
      ["when", "DateTime", undefined],
      ["extra", "Json", undefined],
    ]);
    expect(unknown.map((u) => u.text)).toEqual(["id: Uuid", "when: date"]);
  });
});

describe("class structure", () => {
  test("mixins, an abstract base, a declared_attr __tablename__ and declared_attr columns (1.4)", () => {
    const { graph } = importing(HEADER_14, [
      "from sqlalchemy.ext.declarative import declared_attr",
      "class TimestampMixin:",
      "    created_at = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)",
      "class OwnedMixin:",
      "    @declared_attr",
      "    def owner_id(cls):",
      '        return Column(Integer, ForeignKey("account.id"), nullable=False)',
      "class Model(Base):",
      "    __abstract__ = True",
      "    @declared_attr",
      "    def __tablename__(cls):",
      "        return cls.__name__.lower()",
      "    id = Column(Integer, primary_key=True)",
      "class Account(Model):",
      "    name = Column(String(40))",
      "class Project(TimestampMixin, OwnedMixin, Model):",
      "    title = Column(String(80))",
    ]);
    expect(graph.models.map((m) => [m.name, m.dbName])).toEqual([
      ["Account", "account"],
      ["Project", "project"],
    ]);
    expect(model(graph, "Project").fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["id", "created_at", "owner_id", "title"]),
    );
    expect(field(graph, "Project", "account").relation).toMatchObject({ fields: ["owner_id"], references: ["id"] });
  });

  test("a declarative base holding columns, a mixin with mapped_column and a declared_attr.directive __tablename__ (2.0)", () => {
    const { graph } = importing(
      [
        "import datetime",
        "from sqlalchemy import ForeignKey, String, func",
        "from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column",
      ],
      [
        "class Base(DeclarativeBase):",
        "    id: Mapped[int] = mapped_column(primary_key=True)",
        "    @declared_attr.directive",
        "    def __tablename__(cls) -> str:",
        "        return cls.__name__.lower()",
        "class Stamped:",
        "    created_at: Mapped[datetime.datetime] = mapped_column(server_default=func.now())",
        "class Team(Stamped, Base):",
        "    name: Mapped[str] = mapped_column(String(40), index=True)",
        "class Player(Stamped, Base):",
        '    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))',
      ],
    );
    expect(graph.models.map((m) => [m.name, m.dbName])).toEqual([
      ["Team", "team"],
      ["Player", "player"],
    ]);
    expect(model(graph, "Team").fields.map((f) => f.name)).toEqual(["id", "created_at", "name", "players"]);
    expect(model(graph, "Team").indexes).toEqual([{ fields: ["name"], dbName: "ix_team_name" }]);
    expect(field(graph, "Player", "created_at").default).toBe("now()");
    expect(field(graph, "Player", "team").relation).toMatchObject({ fields: ["team_id"], references: ["id"] });
  });

  test("Optional[...], X | None, nullable= overriding the annotation (2.0)", () => {
    const { graph } = importing(HEADER_20, [
      "class Profile(Base):",
      '    __tablename__ = "profile"',
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      "    bio: Mapped[Optional[str]]",
      "    site: Mapped[str | None] = mapped_column(String(200))",
      "    nick: Mapped[Optional[str]] = mapped_column(nullable=False)",
      "    age: Mapped[int] = mapped_column(nullable=True)",
    ]);
    const optional = Object.fromEntries(model(graph, "Profile").fields.map((f) => [f.name, f.optional]));
    expect(optional).toEqual({ id: false, bio: true, site: true, nick: false, age: true });
  });

  test("an imperative Table() mapped with __table__ = ...", () => {
    const { graph } = importing(HEADER_14, [
      "user_table = Table(",
      '    "users", Base.metadata,',
      '    Column("id", Integer, primary_key=True),',
      '    Column("email", String(100), nullable=False, unique=True),',
      ")",
      "class User(Base):",
      "    __table__ = user_table",
      "class Address(Base):",
      '    __table__ = Table("addresses", Base.metadata, Column("id", Integer, primary_key=True), Column("user_id", ForeignKey("users.id")))',
      '    user = relationship("User", backref="addresses")',
    ]);
    expect(model(graph, "User")).toMatchObject({ dbName: "users" });
    expect(field(graph, "User", "email")).toMatchObject({ isUnique: true, optional: false, maxLength: 100 });
    expect(field(graph, "Address", "user").relation).toMatchObject({ fields: ["user_id"] });
    expect(field(graph, "User", "addresses")).toMatchObject({ type: "Address", list: true });
  });

  test("two foreign keys to one table are told apart by foreign_keys=, with named relations", () => {
    const { graph } = importing(HEADER_20, [
      "class Person(Base):",
      '    __tablename__ = "person"',
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      "class Message(Base):",
      '    __tablename__ = "message"',
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      '    sender_id: Mapped[int] = mapped_column(ForeignKey("person.id"))',
      '    recipient_id: Mapped[int] = mapped_column(ForeignKey("person.id"))',
      '    recipient: Mapped["Person"] = relationship(foreign_keys=[recipient_id])',
      '    sender: Mapped["Person"] = relationship(foreign_keys=[sender_id])',
    ]);
    expect(field(graph, "Message", "sender").relation).toMatchObject({ fields: ["sender_id"] });
    expect(field(graph, "Message", "recipient").relation).toMatchObject({ fields: ["recipient_id"] });
  });

  test("a self-referential parent (remote_side=) with its children", () => {
    const { graph } = importing(HEADER_14, [
      "class Node(Base):",
      '    __tablename__ = "node"',
      "    id = Column(Integer, primary_key=True)",
      '    parent_id = Column(Integer, ForeignKey("node.id"))',
      '    parent = relationship("Node", remote_side=[id], back_populates="children")',
      '    children = relationship("Node", back_populates="parent")',
    ]);
    expect(field(graph, "Node", "parent")).toMatchObject({ optional: true, relation: { fields: ["parent_id"] } });
    expect(field(graph, "Node", "children")).toMatchObject({ type: "Node", list: true });
  });
});

describe("what real files hold besides", () => {
  test("module constants and f-strings as names, module-level type variables, enums nested in a class", () => {
    const { graph, unknown } = importing(
      [...HEADER_20, "from sqlalchemy import Enum as SAEnum", "from sqlalchemy.ext.mutable import MutableDict"],
      [
        'TABLE_USERS = "users"',
        "NAME_LENGTH = 64",
        "class Role(str, enum.Enum):",
        '    admin = "admin"',
        '    member = "member"',
        'RoleEnum = SAEnum(Role, name="role_enum")',
        "JsonDict = MutableDict.as_mutable(JSON)",
        "class User(Base):",
        "    __tablename__ = TABLE_USERS",
        "    class Kind(enum.Enum):",
        "        human = 1",
        "        robot = 2",
        "    id: Mapped[int] = mapped_column(primary_key=True)",
        "    name: Mapped[str] = mapped_column(String(NAME_LENGTH))",
        "    role: Mapped[Role] = mapped_column(RoleEnum, default=Role.member, server_default=Role.member)",
        "    kind = mapped_column(Enum(Kind))",
        "    prefs: Mapped[dict] = mapped_column(JsonDict)",
        "class Post(Base):",
        '    __tablename__ = "post"',
        "    id: Mapped[int] = mapped_column(primary_key=True)",
        '    author_id: Mapped[int] = mapped_column(ForeignKey(f"{TABLE_USERS}.id"))',
      ],
    );
    expect(model(graph, "User").dbName).toBe("users");
    expect(field(graph, "User", "name").maxLength).toBe(64);
    expect(field(graph, "User", "role")).toMatchObject({ type: "Role", default: "member" });
    expect(field(graph, "User", "kind").type).toBe("Kind");
    expect(field(graph, "User", "prefs").type).toBe("Json");
    expect(field(graph, "Post", "user").relation).toMatchObject({ fields: ["author_id"] });
    expect(unknown).toEqual([]);
  });

  test("a snake-case __tablename__ recipe, a plain type hint, a viewonly relationship and a many-to-many through a mapped class", () => {
    const { graph, unknown, source } = importing(
      [...HEADER_20, "import re"],
      [
        "def camel_to_snake_case(name):",
        "    return re.sub(r'(?<!^)(?=[A-Z])', '_', name).lower()",
        "class Model(Base):",
        "    __abstract__ = True",
        "    @declared_attr",
        "    def __tablename__(cls):",
        "        return camel_to_snake_case(cls.__name__)",
        "    id: Mapped[int] = mapped_column(primary_key=True)",
        "class UserGroup(Model):",
        "    note: str",
        '    users: Mapped[list["AppUser"]] = relationship(secondary="group_member", back_populates="groups")',
        '    admins: Mapped[list["AppUser"]] = relationship(viewonly=True, primaryjoin="UserGroup.id == AppUser.id")',
        "class AppUser(Model):",
        '    groups: Mapped[list["UserGroup"]] = relationship(secondary="group_member", back_populates="users")',
        "class GroupMember(Model):",
        '    group_id: Mapped[int] = mapped_column(ForeignKey("user_group.id"))',
        '    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))',
      ],
    );
    expect(graph.models.map((m) => m.dbName)).toEqual(["user_group", "app_user", "group_member"]);
    expect(model(graph, "UserGroup").fields.map((f) => f.name)).toEqual(["id", "users"]);
    expect(field(graph, "UserGroup", "users")).toMatchObject({ type: "GroupMember", list: true });
    expect(field(graph, "AppUser", "groups")).toMatchObject({ type: "GroupMember", list: true });
    expect(unknown).toEqual([
      expect.objectContaining({ line: lineOf(source, "admins:"), why: expect.stringMatching(/^a viewonly relationship/) }),
    ]);
  });

  test("a Json default is left out on SQLite, with a note: Prisma would write it unquoted", () => {
    const { graph, unknown } = importing(HEADER_20, [
      "class Doc(Base):",
      '    __tablename__ = "doc"',
      "    id: Mapped[int] = mapped_column(primary_key=True)",
      '    tags = mapped_column(JSON, server_default="[]")',
    ]);
    expect(field(graph, "Doc", "tags").default).toBeUndefined();
    expect(unknown[0].why).toMatch(/Json default "\[\]"; Prisma cannot migrate a Json default on SQLite/);
  });
});

describe("for PostgreSQL", () => {
  test("types keep their precision as native types; an interval is kept as Unsupported", () => {
    const { graph, unknown, text } = importing(
      [...HEADER_20, "from sqlalchemy import ARRAY, CHAR"],
      [
        "class Kinds(Base):",
        '    __tablename__ = "kinds"',
        "    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, server_default=func.gen_random_uuid())",
        "    price = mapped_column(Numeric(10, 2))",
        "    day = mapped_column(Date)",
        "    at = mapped_column(Time)",
        "    stamp = mapped_column(DateTime(timezone=True))",
        "    name = mapped_column(String(30))",
        "    code = mapped_column(CHAR(3))",
        "    small = mapped_column(SmallInteger)",
        "    data = mapped_column(JSON, server_default='{}')",
        "    tags = mapped_column(ARRAY(String(20)))",
        "    span = mapped_column(Interval)",
        "    when: Mapped[datetime.date]",
      ],
      "postgresql",
    );
    const native = Object.fromEntries(
      model(graph, "Kinds").fields.map((f) => [f.name, [f.type, f.nativeType, f.list || undefined]]),
    );
    expect(native).toEqual({
      id: ["String", "Uuid", undefined],
      price: ["Decimal", "Decimal(10, 2)", undefined],
      day: ["DateTime", "Date", undefined],
      at: ["DateTime", "Time", undefined],
      stamp: ["DateTime", "Timestamptz", undefined],
      name: ["String", "VarChar(30)", undefined],
      code: ["String", "Char(3)", undefined],
      small: ["Int", "SmallInt", undefined],
      data: ["Json", "Json", undefined],
      tags: ["String", "VarChar(20)", true],
      when: ["DateTime", "Date", undefined],
    });
    expect(field(graph, "Kinds", "id").default).toBe('dbgenerated("gen_random_uuid()")');
    expect(field(graph, "Kinds", "data").default).toBe('"{}"');
    expect(text).toMatch(/span\s+Unsupported\("interval"\)\?/);
    expect(unknown.map((u) => u.text)).toEqual(["span: Interval"]);
  });

  test("enum types keep SQLAlchemy's names; primary and foreign key names are kept", () => {
    const { graph } = importing(
      HEADER_14,
      [
        "class Status(enum.Enum):",
        "    draft = 1",
        "class Parent(Base):",
        '    __tablename__ = "parent"',
        '    __table_args__ = (PrimaryKeyConstraint("id", name="pk_parent_id"),)',
        "    id = Column(Integer)",
        "    status = Column(Enum(Status))",
        '    mood = Column(Enum("happy", "sad", name="mood_kind"))',
        "class Child(Base):",
        '    __tablename__ = "child"',
        "    id = Column(Integer, primary_key=True)",
        '    parent_id = Column(Integer, ForeignKey("parent.id", name="fk_child_parent"))',
      ],
      "postgresql",
    );
    expect(graph.enums.map((e) => [e.name, e.dbName])).toEqual([
      ["Status", "status"],
      ["MoodKind", "mood_kind"],
    ]);
    expect(field(graph, "Parent", "id").idDbName).toBe("pk_parent_id");
    expect(field(graph, "Child", "parent").relation?.dbName).toBe("fk_child_parent");
  });

  test("on SQLite the same key names are noted, not kept", () => {
    const { unknown } = importing(HEADER_14, [
      "class Parent(Base):",
      '    __tablename__ = "parent"',
      '    __table_args__ = (PrimaryKeyConstraint("id", name="pk_parent_id"),)',
      "    id = Column(Integer)",
      "class Child(Base):",
      '    __tablename__ = "child"',
      "    id = Column(Integer, primary_key=True)",
      '    parent_id = Column(Integer, ForeignKey("parent.id", name="fk_child_parent"))',
    ]);
    expect(unknown.map((u) => [u.text, u.why])).toEqual([
      ["pk_parent_id", "a primary key name; SQLite keeps none, so it is left out"],
      ["fk_child_parent", "a foreign key name; Prisma's SQLite connector names none, so it is left out"],
    ]);
  });
});
