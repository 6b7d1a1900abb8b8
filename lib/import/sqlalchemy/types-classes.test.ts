import { describe, expect, test } from "vitest";
import { HEADER_20, HEADER_14, importing, model, field } from "./test-builders";

/** #15: column types and class structure (mixins, abstract bases, declared_attr, Table()), in both styles. */

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

/** An abstract base whose declared_attr names each table after its class, with the id every table gets. */
const ABSTRACT_MODEL = [
  "class Model(Base):",
  "    __abstract__ = True",
  "    @declared_attr",
  "    def __tablename__(cls):",
  "        return cls.__name__.lower()",
  "    id = Column(Integer, primary_key=True)",
];

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
      ...ABSTRACT_MODEL,
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

  test("joined-table inheritance: a subclass of a mapped class keeps only its own columns, keyed to its parent", () => {
    const { graph } = importing(HEADER_14, [
      "from sqlalchemy.ext.declarative import declared_attr",
      ...ABSTRACT_MODEL,
      "class Employee(Model):",
      "    name = Column(String(30))",
      "class Manager(Employee):",
      '    id = Column(Integer, ForeignKey("employee.id"), primary_key=True)',
      "    level = Column(Integer)",
    ]);
    expect(model(graph, "Manager").fields.map((f) => f.name)).toEqual(["id", "employee", "level"]);
    expect(field(graph, "Manager", "employee").relation).toMatchObject({ fields: ["id"], references: ["id"] });
    expect(field(graph, "Employee", "manager")).toMatchObject({ type: "Manager", optional: true, list: false });
  });

  test('a private attribute names its column (_password = Column("password", ...)); a name Prisma cannot take is mapped', () => {
    const { graph } = importing(HEADER_14, [
      "class Account(Base):",
      '    __tablename__ = "account"',
      "    id = Column(Integer, primary_key=True)",
      '    _password = Column("password", String(60))',
      "    _secret = Column(String(10))",
      '    two_fa = Column("2fa", Integer)',
    ]);
    expect(model(graph, "Account").fields.map((f) => [f.name, f.dbName])).toEqual([
      ["id", undefined],
      ["password", undefined],
      ["secret", "_secret"],
      ["two_fa", "2fa"],
    ]);
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
