"""Reads a SQLAlchemy models.py with Python's own parser (ast) and prints, as JSON, what
Base.metadata would hold: the tables with their columns, keys, constraints and indexes,
the enums they use, and the ORM relationships that name them.

Nothing in the file is imported or run. Both declaration styles are read: 2.0
(Mapped[...] = mapped_column(...) / relationship(...)) and 1.4 (name = Column(...)),
with mixins, abstract bases, declared_attr for simple cases, Table() definitions and
module-level Index(). Anything else found is listed under "unknown" with its line.
"""
import ast
import copy
import json
import re
import sys

from sa_ast import Context, import_aliases, is_literal
from sa_classes import is_enum_class, read_class, read_enum
from sa_columns import is_type_expression, read_type, type_class
from sa_tables import read_constraint, read_table_call

DECLARATIVE_CALLS = {"declarative_base", "generate_base"}
DECLARATIVE_CLASSES = {"DeclarativeBase", "DeclarativeBaseNoMeta"}


def inline_constants(tree):
    """Module constants assigned once to a literal (TABLE_EVENTS = "events", MAX_LENGTH = 255,
    f"{TABLE}.id") put in place of their names, in file order, so that `__tablename__ = TABLE_EVENTS`
    reads as the literal it is. Nothing is run: only literals, names of literals and f-strings of them."""
    counts = {}
    for node in tree.body:
        for target in assigned(node):
            counts[target.id] = counts.get(target.id, 0) + 1
    constants = {}

    class Inline(ast.NodeTransformer):
        def visit_Name(self, node):
            if isinstance(node.ctx, ast.Load) and node.id in constants:
                return ast.copy_location(copy.deepcopy(constants[node.id]), node)
            return node

        def visit_JoinedStr(self, node):
            self.generic_visit(node)
            parts = []
            for value in node.values:
                if isinstance(value, ast.FormattedValue) and value.conversion == -1 and value.format_spec is None:
                    value = value.value
                if not (isinstance(value, ast.Constant) and isinstance(value.value, (str, int, float))):
                    return node
                parts.append(str(value.value))
            return ast.copy_location(ast.Constant("".join(parts)), node)

    inline = Inline()
    for index, node in enumerate(tree.body):
        tree.body[index] = node = inline.visit(node)
        targets = assigned(node)
        if len(targets) == 1 and counts[targets[0].id] == 1 and node.value is not None and is_literal(node.value):
            constants[targets[0].id] = node.value
    return tree


def assigned(node):
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    return [t for t in targets if isinstance(t, ast.Name)]


def camel_to_snake(name):
    """A class name as a table name ('OAuth2Application' -> 'o_auth2_application'): the common recipe
    that declared_attr table names use, which gives Flask-SQLAlchemy's names for class names too."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub(r"__([A-Z])", r"_\1", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


class Module:
    def __init__(self, tree, ctx):
        self.ctx = ctx
        self.classes = {}
        self.tables = []  # Table() definitions, in file order
        self.tables_by_variable = {}
        self.declarative = set()  # names of declarative bases (Base = declarative_base(), class Base(DeclarativeBase))
        self.indexes = []  # module-level Index(...)
        self.mapped = {}  # class name -> its table (or None), once worked out
        for node in ast.walk(tree):  # enums first, nested ones too: a column may name one declared further down
            if isinstance(node, ast.ClassDef) and is_enum_class(node, ctx):
                ctx.enums[node.name] = read_enum(node)
        for node in tree.body:  # then the file's own column types
            described = type_class(node, ctx) if isinstance(node, ast.ClassDef) else None
            if described:
                ctx.types[node.name] = described
        for node in tree.body:
            self.read(node)

    def read(self, node):
        ctx = self.ctx
        if isinstance(node, ast.ClassDef):
            if is_enum_class(node, ctx) or node.name in ctx.types:
                return
            cls = read_class(node, ctx, self.tables_by_variable)
            if any(ctx.canonical(ast.Name(b.split(".")[-1])) in DECLARATIVE_CLASSES for b in cls["bases"] if b) or any(
                    (d or "").split(".")[-1] in ("as_declarative", "mapped_as_dataclass") for d in cls["decorators"]):
                self.declarative.add(node.name)
            self.classes[node.name] = cls
            return
        value = node.value if isinstance(node, (ast.Assign, ast.Expr)) else None
        call = value if isinstance(value, ast.Call) else None
        called = ctx.canonical(call.func) if call else None
        variable = node.targets[0].id if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) else None
        if called in DECLARATIVE_CALLS and variable:
            self.declarative.add(variable)
        elif variable and value is not None and is_type_expression(value, ctx):
            ctx.types[variable] = read_type(value, ctx)
        elif called == "Table" and call.args:
            table = read_table_call(call, ctx, variable)
            self.tables.append(table)
            if variable:
                self.tables_by_variable[variable] = table
        elif called == "Index":
            index = read_constraint(call, ctx)
            if index:
                self.indexes.append(index)

    def ancestors(self, cls, seen=None):
        """The local classes a class inherits from, nearest first (a simple MRO)."""
        seen = seen if seen is not None else set()
        found = []
        for base in cls["bases"]:
            name = (base or "").split(".")[-1]
            if name in self.classes and name not in seen:
                seen.add(name)
                found.append(self.classes[name])
                found.extend(self.ancestors(self.classes[name], seen))
        return found

    def is_declarative(self, cls):
        return cls["name"] in self.declarative or any(
            (b or "").split(".")[-1] in self.declarative or (b or "").endswith("db.Model") for b in cls["bases"])

    def table_of(self, cls):
        """The table a class maps, with its inherited columns; None for mixins and abstract bases.
        Worked out once per class: a mapped parent is asked again by each of its subclasses."""
        if cls["name"] not in self.mapped:
            self.mapped[cls["name"]] = self.read_table_of(cls)
        return self.mapped[cls["name"]]

    def read_table_of(self, cls):
        if cls["abstract"] or cls["name"] in self.declarative:
            return None
        ancestors = self.ancestors(cls)
        # A base the file imports (Base from the project's db module) counts as declarative.
        foreign = [b for b in cls["bases"] if b and b.split(".")[-1] not in self.classes and b != "object"]
        mapped = bool(foreign) or self.is_declarative(cls) or any(self.is_declarative(a) for a in ancestors)
        rule = cls["tablename"] or next((a["tablename"] for a in ancestors if a["tablename"]), None)
        if cls["table"]:
            return {**copy.deepcopy(cls["table"]), "className": cls["name"],
                    "relationships": copy.deepcopy(self.relationships(cls, ancestors))}
        if rule and "literal" not in rule and not mapped:
            return None  # a mixin that names the tables of the classes using it
        if not rule:
            if mapped and any(b.endswith("db.Model") for b in cls["bases"] + sum((a["bases"] for a in ancestors), []) if b):
                rule = {"literal": camel_to_snake(cls["name"])}
            elif mapped and any(self.table_of(a) for a in ancestors if a["name"] not in self.declarative):
                self.ctx.note(ast.Name("", lineno=cls["line"]), cls["name"],
                              "single-table inheritance: its columns share its parent's table and are not imported")
                return None
            else:
                return None
        name = self.table_name(cls, rule)
        # Mixin and abstract columns first (declarative orders them by creation), then the class's own.
        sources = [a for a in reversed(ancestors) if not self.owns_table(a)] + [cls]
        columns, constraints = {}, []
        for source in sources:
            for member in source["members"]:
                if member["kind"] == "column":
                    columns.pop(member["attr"], None)
                    columns[member["attr"]] = copy.deepcopy(member)
            constraints = source["tableArgs"] if source["tableArgs"] is not None else constraints
        return {"name": name, "variable": None, "className": cls["name"], "line": cls["line"],
                "columns": list(columns.values()), "constraints": copy.deepcopy(constraints),
                "relationships": copy.deepcopy(self.relationships(cls, ancestors))}

    def owns_table(self, cls):
        """A mapped parent (joined inheritance) keeps its columns in its own table."""
        return self.table_of(cls) is not None

    def relationships(self, cls, ancestors):
        found = {}
        for source in [a for a in reversed(ancestors) if not self.owns_table(a)] + [cls]:
            for member in source["members"]:
                if member["kind"] == "relationship":
                    found[member["attr"]] = member
        return list(found.values())

    def table_name(self, cls, rule):
        if "literal" in rule:
            return rule["literal"]
        if rule.get("rule") == "lower":
            return cls["name"].lower()
        if rule.get("rule") == "name":
            return cls["name"]
        if rule.get("rule") == "snake":
            return camel_to_snake(cls["name"])
        self.ctx.note(ast.Name("", lineno=cls["line"]), rule.get("unknown", "__tablename__"),
                      "a __tablename__ computed by code the importer does not run; the class name is used")
        return cls["name"].lower()


def resolve(tables, indexes, ctx):
    """Turns every column reference (Model.attr, table.c.col, "table.col") into database names."""
    by_class = {t["className"]: t for t in tables if t["className"]}
    by_variable = {t["variable"]: t for t in tables if t["variable"]}
    by_name = {t["name"]: t for t in tables}

    def column_name(table, attr):
        column = next((c for c in table["columns"] if c["attr"] == attr), None)
        return column["name"] if column else attr

    def qualified(ref):
        """A foreign key's target as "table.column"."""
        if ref.get("text"):
            return ref["text"]
        if ref.get("variable") in by_variable:
            return f'{by_variable[ref["variable"]]["name"]}.{ref["column"]}'
        owner = by_class.get((ref.get("owner") or "").split(".")[-1])
        return f'{owner["name"]}.{column_name(owner, ref["attr"])}' if owner else None

    def local(table, ref):
        if ref.get("text"):
            return ref["text"].split(".")[-1]
        return column_name(table, ref.get("attr") or ref.get("column"))

    for index in indexes:
        owner = next((r for r in index["columns"] if r.get("owner") or r.get("variable")), None)
        table = owner and (by_class.get((owner.get("owner") or "").split(".")[-1]) or by_variable.get(owner.get("variable")))
        if table:
            table["constraints"].append(index)
        else:
            ctx.note(ast.Name("", lineno=index["line"]), index["name"] or "Index", "an Index whose table the importer cannot find")
    for table in tables:
        for column in table["columns"]:
            for fk in column["foreignKeys"]:
                fk["target"] = qualified(fk["target"])
            annotated = (column.get("annotation") or {}).get("type")
            if column["type"] is None and annotated in ctx.enums:
                column["type"] = {"name": "Enum", "args": [], "kwargs": {}, "enum": annotated, "valuesCallable": False}
        for constraint in table["constraints"]:
            constraint["columns"] = [local(table, r) for r in constraint["columns"]]
            if constraint["kind"] == "foreignKey":
                constraint["targets"] = [qualified(r) for r in constraint["targets"]]
        for relationship in table["relationships"]:
            secondary = relationship["secondary"]
            if secondary:
                found = by_name.get(secondary.get("text")) or by_variable.get((secondary.get("variable") or "").split(".")[-1])
                relationship["secondary"] = found["name"] if found else secondary.get("text") or secondary.get("variable")


def main(path):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        print(json.dumps({"error": f"line {error.lineno}: {error.msg}"}))
        return
    tree = inline_constants(tree)
    ctx = Context(source, import_aliases(tree))
    module = Module(tree, ctx)
    mapped = [copy.deepcopy(t) for t in (module.table_of(c) for c in module.classes.values()) if t]
    claimed = {id(c["table"]) for c in module.classes.values() if c["table"]}
    tables = mapped + [t for t in module.tables if id(t) not in claimed]
    resolve(tables, module.indexes, ctx)
    print(json.dumps({"tables": tables, "enums": [{"name": n, "members": m} for n, m in ctx.enums.items()],
                      "unknown": ctx.unknown}))


if __name__ == "__main__":
    main(sys.argv[1])
