"""One class statement of a models.py read as plain data: an enum, or a (mixin, abstract or
mapped) class with its columns, relationships, table name rule and __table_args__."""
import ast
import re

from sa_ast import annotation, dotted, literal, name_of
from sa_columns import COLUMN_CALLS, read_column
from sa_tables import read_table_args, read_table_call

ENUM_BASES = {"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"}
RELATIONSHIP_CALLS = {"relationship", "relation", "dynamic_loader"}
# Class attributes the ORM uses that the tables do not hold: nothing to import, nothing to report.
ORM_ONLY_CALLS = {"column_property", "synonym", "association_proxy", "hybrid_property", "query_expression",
                  "composite", "validates", "deferred_property"}
ORM_ONLY_NAMES = {"__mapper_args__", "__repr__", "__str__", "__allow_unmapped__", "__table_cls__",
                  "type_annotation_map", "metadata", "registry", "__init__", "query", "query_class", "__bind_key__"}
# relationship() options that only say how the ORM loads or writes, not what the tables hold.
LOADING_OPTIONS = {"lazy", "order_by", "innerjoin", "passive_deletes", "passive_updates", "single_parent", "overlaps",
                   "collection_class", "post_update", "join_depth", "enable_typechecks", "info", "doc",
                   "cascade_backrefs", "sync_backref", "distinct_target_key", "active_history",
                   "secondaryjoin", "raiseload", "query_class", "order_by", "default", "init",
                   "repr", "default_factory", "compare", "kw_only", "load_on_pending", "bake_queries"}


def is_enum_class(node, ctx):
    return any(ctx.canonical(base) in ENUM_BASES or dotted(base) in ("enum.Enum", "enum.IntEnum", "enum.StrEnum")
               for base in node.bases)


def read_enum(node):
    """class Status(enum.Enum): draft = "draft" -> [{"name": "draft", "value": "draft"}]."""
    members = []
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            name = statement.targets[0].id
            if not name.startswith("_"):
                members.append({"name": name, "value": literal(statement.value)})
    return members


def read_relationship(call, ctx, attr, annotated, line):
    found = {"attr": attr, "line": line, "annotation": annotated, "target": None, "backPopulates": None,
             "backref": None, "secondary": None, "uselist": None, "cascade": None, "foreignKeys": None,
             "primaryjoin": None, "remoteSide": False, "viewonly": False}
    if call.args:
        first = call.args[0]
        found["target"] = literal(first) if isinstance(first, ast.Constant) else name_of(
            first.body if isinstance(first, ast.Lambda) else first)
    for kw in call.keywords:
        value = kw.value
        if kw.arg == "argument":
            found["target"] = literal(value) if isinstance(value, ast.Constant) else name_of(value)
        elif kw.arg == "back_populates":
            found["backPopulates"] = literal(value)
        elif kw.arg == "backref":
            found["backref"] = literal(value.args[0]) if isinstance(value, ast.Call) and value.args else literal(value)
        elif kw.arg == "secondary":
            found["secondary"] = {"text": literal(value)} if isinstance(value, ast.Constant) else {"variable": dotted(
                value.body if isinstance(value, ast.Lambda) else value)}
        elif kw.arg == "uselist":
            found["uselist"] = literal(value)
        elif kw.arg == "cascade":
            found["cascade"] = literal(value)
        elif kw.arg == "viewonly":
            found["viewonly"] = bool(literal(value))
        elif kw.arg == "remote_side":
            found["remoteSide"] = True
        elif kw.arg in ("foreign_keys", "primaryjoin"):
            found["foreignKeys" if kw.arg == "foreign_keys" else "primaryjoin"] = ctx.text(value)
        elif kw.arg not in LOADING_OPTIONS:
            ctx.note(value, f"{kw.arg}=...", f"the relationship option {kw.arg}")
    if isinstance(found["target"], str) and "." in found["target"]:
        found["target"] = found["target"].split(".")[-1]
    return found


def declared_value(function):
    """The value a @declared_attr function returns, when its body is one return statement."""
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(body) == 1 and isinstance(body[0], ast.Return):
        return body[0].value
    return None


def table_name_rule(value):
    """What a __tablename__ value gives: a literal, or the class name as is / lower-cased."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {"literal": value.value}
    text = dotted(value.func.value) if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) else None
    if text == "cls.__name__" and value.func.attr == "lower":
        return {"rule": "lower"}
    if dotted(value) == "cls.__name__":
        return {"rule": "name"}
    # camel_to_snake_case(cls.__name__), inflection.underscore(cls.__name__): the usual recipe
    if isinstance(value, ast.Call) and re.search(r"snake|underscore", name_of(value.func) or "", re.I) and \
            len(value.args) == 1 and dotted(value.args[0]) == "cls.__name__":
        return {"rule": "snake"}
    return None


def is_declared_attr(function):
    return any("declared_attr" in (dotted(d.func if isinstance(d, ast.Call) else d) or "") for d in function.decorator_list)


def read_class(node, ctx, tables_by_variable):
    """A class body: its members in order, and what it says of its table."""
    cls = {"name": node.name, "line": node.lineno, "bases": [dotted(b) for b in node.bases], "members": [],
           "tablename": None, "abstract": False, "tableArgs": None, "table": None,
           "decorators": [dotted(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]}
    for statement in node.body:
        read_statement(cls, statement, ctx, tables_by_variable)
    return cls


def read_statement(cls, statement, ctx, tables_by_variable):
    annotated = None
    if isinstance(statement, ast.FunctionDef):
        if not is_declared_attr(statement):
            return
        target, value = statement.name, declared_value(statement)
        if value is None:
            ctx.note(statement, f"def {target}", "a declared_attr with more than a return statement")
            return
    elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        target, value, annotated = statement.target.id, statement.value, annotation(statement.annotation)
    elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
        target, value = statement.targets[0].id, statement.value
    else:
        if not isinstance(statement, (ast.Pass, ast.Expr, ast.AsyncFunctionDef, ast.ClassDef)):
            ctx.note(statement, ctx.text(statement), "a statement the importer does not read")
        return
    read_member(cls, target, value, annotated, statement, ctx, tables_by_variable)


def read_member(cls, target, value, annotated, statement, ctx, tables_by_variable):
    call = value if isinstance(value, ast.Call) else None
    called = ctx.canonical(call.func) if call else None
    if called == "deferred" and call.args and isinstance(call.args[0], ast.Call):  # deferred(Column(...))
        call = call.args[0]
        called = ctx.canonical(call.func)
    if target == "__tablename__":
        cls["tablename"] = table_name_rule(value) or {"unknown": ctx.text(value)}
    elif target == "__abstract__":
        cls["abstract"] = bool(literal(value))
    elif target == "__table_args__":
        cls["tableArgs"] = read_table_args(value, ctx)
    elif target == "__table__":
        if called == "Table":
            cls["table"] = read_table_call(call, ctx, None)
        elif isinstance(value, ast.Name) and value.id in tables_by_variable:
            cls["table"] = tables_by_variable[value.id]
        else:
            ctx.note(statement, ctx.text(statement), "a __table__ the importer cannot find")
    elif target in ORM_ONLY_NAMES or called in ORM_ONLY_CALLS:
        return
    elif called in COLUMN_CALLS:
        column = read_column(call, ctx, target)
        column["annotation"] = annotated
        cls["members"].append({"kind": "column", **column})
    elif called in RELATIONSHIP_CALLS:
        cls["members"].append({"kind": "relationship", **read_relationship(call, ctx, target, annotated, statement.lineno)})
    elif value is None and annotated and not annotated["mapped"]:
        return  # a plain type hint (duration: timedelta) is no column
    elif value is None and annotated:
        column = {"attr": target, "name": target, "line": statement.lineno, "type": None, "foreignKeys": [],
                  "primaryKey": False, "nullable": None, "unique": False, "index": False, "annotation": annotated}
        cls["members"].append({"kind": "column", **column})
    elif target.startswith("__"):
        ctx.note(statement, target, "a class attribute the importer does not read")
    else:
        ctx.note(statement, ctx.text(statement), "an attribute that is neither a column nor a relationship")
