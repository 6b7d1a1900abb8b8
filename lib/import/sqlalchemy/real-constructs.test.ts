import { describe, expect, test } from "vitest";
import { HEADER_20, HEADER_14, importing, model, field, lineOf } from "./test-builders";

/** What real models files hold besides the constructs one by one, and the import for PostgreSQL. */

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
