"""Column(...) and mapped_column(...) calls, with their types and defaults, as plain data."""
import ast

from sa_ast import dotted, is_literal, keyword, literal, name_of

COLUMN_CALLS = {"Column", "mapped_column"}
ENUM_TYPES = {"Enum"}
NOW_NAMES = {"now", "utcnow", "current_timestamp", "localtimestamp", "today", "CURRENT_TIMESTAMP", "sysdate"}
NOW_SQL = {"current_timestamp", "now()", "(datetime('now'))", "datetime('now')", "current_timestamp()", "localtimestamp"}
UUID_NAMES = {"uuid4", "uuid1", "uuid7"}
# Options that say how the ORM or Python treats the column, which the table does not hold.
ORM_ONLY = {"doc", "info", "key", "quote", "init", "repr", "kw_only", "compare", "sort_order", "deferred",
            "deferred_group", "deferred_raiseload", "active_history", "use_existing_column", "hash", "dataclass_metadata"}


SQL_TYPE_NAMES = {"Integer", "SmallInteger", "BigInteger", "String", "Unicode", "Text", "UnicodeText", "Float",
                  "Double", "Numeric", "Boolean", "DateTime", "Date", "Time", "Interval", "LargeBinary", "JSON",
                  "Enum", "Uuid", "UUID", "CHAR", "VARCHAR", "TEXT", "INTEGER", "BIGINT", "SMALLINT", "BOOLEAN",
                  "DATETIME", "TIMESTAMP", "DATE", "TIME", "FLOAT", "REAL", "NUMERIC", "DECIMAL", "BLOB", "PickleType"}


def is_type_expression(node, ctx):
    """A module-level value that is a column type: Enum(Status, name=...), String(64).with_variant(...)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TYPE_WRAPPERS:
        node = node.func.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "as_mutable":
        return bool(node.args) and is_type_expression(node.args[0], ctx)
    target = node.func if isinstance(node, ast.Call) else node
    return ctx.canonical(target) in SQL_TYPE_NAMES


TYPE_WRAPPERS = ("with_variant", "evaluates_none", "execution_options")


def type_class(node, ctx):
    """A local class that is a column type: `class Unused(CHAR)`, or a TypeDecorator with `impl = CHAR(32)`."""
    for base in node.bases:
        if ctx.canonical(base) in SQL_TYPE_NAMES:
            return read_type(base, ctx)
        if ctx.canonical(base) == "TypeDecorator":
            for statement in node.body:
                if isinstance(statement, ast.Assign) and [dotted(t) for t in statement.targets] == ["impl"]:
                    return read_type(statement.value, ctx)
    return None


def read_type(node, ctx):
    """A column type as {name, args, kwargs}; an Enum also says its enum class or values."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TYPE_WRAPPERS:
        return read_type(node.func.value, ctx)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "as_mutable" and node.args:
        return read_type(node.args[0], ctx)  # MutableDict.as_mutable(JSON)
    if isinstance(node, ast.Name) and node.id in ctx.types:
        return ctx.types[node.id]
    if isinstance(node, ast.Call) and name_of(node.func) in ctx.types and not node.args:
        return ctx.types[name_of(node.func)]  # a local type class: GUID(), Unused()
    if isinstance(node, ast.Call):
        name = ctx.canonical(node.func)
        described = {
            "name": name,
            "args": [literal(a) for a in node.args],
            "kwargs": {kw.arg: literal(kw.value) for kw in node.keywords if kw.arg},
        }
        if name == "ARRAY" and node.args:
            described["item"] = read_type(node.args[0], ctx)
        if name in ENUM_TYPES:
            first = node.args[0] if node.args else None
            enum_class = name_of(first) if first is not None and not isinstance(first, ast.Constant) else None
            if enum_class:
                described["enum"] = enum_class
            else:
                described["values"] = [literal(a) for a in node.args if isinstance(a, ast.Constant)]
            described["valuesCallable"] = keyword(node, "values_callable") is not None
        return described
    name = name_of(node)
    if name in ctx.enums:  # Mapped[...] = mapped_column(Status): rare, but SQLAlchemy allows it
        return {"name": "Enum", "args": [], "kwargs": {}, "enum": name, "valuesCallable": False}
    return {"name": ctx.canonical(node), "args": [], "kwargs": {}}


def is_now(node):
    """datetime.utcnow, datetime.now, func.now(), lambda: datetime.now(timezone.utc) ..."""
    if isinstance(node, ast.Lambda):
        return is_now(node.body)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("isoformat", "replace", "astimezone"):
            return is_now(node.func.value)
        return is_now(node.func)
    return name_of(node) in NOW_NAMES


def is_uuid(node):
    """uuid.uuid4, uuid4, lambda: str(uuid.uuid4()), lambda: uuid4().hex ..."""
    if isinstance(node, ast.Lambda):
        return is_uuid(node.body)
    if isinstance(node, ast.Call):
        if name_of(node.func) == "str" and node.args:
            return is_uuid(node.args[0])
        return is_uuid(node.func)
    if isinstance(node, ast.Attribute) and node.attr == "hex":
        return is_uuid(node.value)
    return name_of(node) in UUID_NAMES


def read_default(node, ctx):
    """A Python-side default= as {kind: literal|now|uuid|enum|other}."""
    if is_literal(node):
        return {"kind": "literal", "value": literal(node)}
    member = enum_member(node, ctx)
    if member:
        return {"kind": "enum", "value": member}
    if is_now(node):
        return {"kind": "now"}
    if is_uuid(node):
        return {"kind": "uuid"}
    return {"kind": "other", "text": ctx.text(node)}


def enum_member(node, ctx):
    """Status.draft (or Status.draft.value) -> "draft" when Status is an enum class of the file."""
    if isinstance(node, ast.Attribute) and node.attr in ("value", "name"):
        inner = enum_member(node.value, ctx)
        if inner:
            return inner
    if isinstance(node, ast.Attribute) and name_of(node.value) in ctx.enums:
        return node.attr
    return None


def read_server_default(node, ctx):
    """server_default= as {kind: now|literal|enum|other}: what the table's DEFAULT clause would hold."""
    member = enum_member(node, ctx)
    if member:  # a str-based enum member is a string to SQLAlchemy
        return {"kind": "enum", "value": member}
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {"kind": "literal", "value": node.value}
    if isinstance(node, ast.Call) and ctx.canonical(node.func) == "text" and node.args and is_literal(node.args[0]):
        sql = str(literal(node.args[0])).strip()
        if sql.lower() in NOW_SQL:
            return {"kind": "now"}
        if len(sql) >= 2 and sql[0] == sql[-1] == "'":
            return {"kind": "literal", "value": sql[1:-1].replace("''", "'")}
        for cast in (int, float):
            try:
                return {"kind": "literal", "value": cast(sql)}
            except ValueError:
                pass
        if sql.lower() in ("true", "false"):
            return {"kind": "literal", "value": sql.lower() == "true"}
        return {"kind": "other", "text": ctx.text(node), "sql": sql}
    if isinstance(node, ast.Call) and (dotted(node.func) or "").split(".")[-1] in ("true", "false") and not node.args:
        return {"kind": "literal", "value": name_of(node.func) == "true"}
    if isinstance(node, ast.Call) and is_now(node.func) and "func" in (dotted(node.func) or ""):
        return {"kind": "now"}
    if isinstance(node, ast.Call) and "func." in (dotted(node.func) or "") and not node.args and not node.keywords:
        return {"kind": "other", "text": ctx.text(node), "sql": f"{node.func.attr}()"}  # func.gen_random_uuid()
    return {"kind": "other", "text": ctx.text(node)}


def read_foreign_key(call, ctx):
    """ForeignKey("user.id", ondelete=...) or ForeignKey(User.id) / ForeignKey(users.c.id)."""
    target = call.args[0] if call.args else keyword(call, "column")
    fk = {"target": column_ref(target), "line": call.lineno}
    for option, key in (("ondelete", "onDelete"), ("onupdate", "onUpdate"), ("name", "name")):
        value = keyword(call, option)
        if value is not None:
            fk[key] = literal(value)
    return fk


def column_ref(node):
    """A column named in a constraint or key: "table.col", "col", Model.attr or table.c.col."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {"text": node.value}
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr in ("c", "columns"):
        return {"variable": dotted(node.value.value), "column": node.attr}
    if isinstance(node, ast.Attribute):
        return {"owner": dotted(node.value), "attr": node.attr}
    if isinstance(node, ast.Name):
        return {"attr": node.id}
    return {"text": None}


def read_column(call, ctx, attr):
    """One Column(...)/mapped_column(...) call: its name, type, keys, nullability and defaults."""
    column = {"attr": attr, "name": attr, "line": call.lineno, "type": None, "foreignKeys": [], "primaryKey": False,
              "nullable": None, "unique": False, "index": False}
    for arg in call.args:
        called = ctx.canonical(arg.func) if isinstance(arg, ast.Call) else None
        if called == "ForeignKey":
            column["foreignKeys"].append(read_foreign_key(arg, ctx))
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            column["name"] = arg.value
        elif called in ("Sequence", "Identity"):
            continue
        elif called == "Computed":
            ctx.note(arg, ctx.text(arg), "a computed column; Prisma schemas cannot declare one, so it is a plain column")
        else:
            column["type"] = read_type(arg, ctx)
    for kw in call.keywords:
        read_column_option(column, kw, ctx)
    return column


def read_column_option(column, kw, ctx):
    value = kw.value
    if kw.arg in ("primary_key", "nullable", "unique", "index"):
        column[{"primary_key": "primaryKey"}.get(kw.arg, kw.arg)] = literal(value)
    elif kw.arg in ("default", "insert_default", "default_factory"):
        column["default"] = read_default(value, ctx)
    elif kw.arg == "server_default":
        column["serverDefault"] = read_server_default(value, ctx)
    elif kw.arg == "onupdate":
        column["onUpdate"] = {"kind": "now"} if is_now(value) else {"kind": "other", "text": ctx.text(value)}
    elif kw.arg == "name":
        column["name"] = literal(value)
    elif kw.arg == "type_":
        column["type"] = read_type(value, ctx)
    elif kw.arg == "comment":
        column["comment"] = literal(value)
    elif kw.arg == "autoincrement":
        column["autoincrement"] = literal(value)
    elif kw.arg == "server_onupdate":
        ctx.note(value, f"server_onupdate={ctx.text(value)}", "a database-side update rule; Prisma has none, so it is left out")
    elif kw.arg not in ORM_ONLY:
        ctx.note(value, f"{kw.arg}=...", f"the column option {kw.arg}")
