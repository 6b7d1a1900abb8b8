"""Reads a SQLAlchemy models.py with Python's own parser (ast) and prints its tables as JSON.

Nothing in the file is imported or run. Both declaration styles are read: 2.0
(Mapped[...] = mapped_column(...) / relationship(...)) and 1.4 (name = Column(...)).
Anything else found in a model class is listed under "unknown" with its line.
"""
import ast
import json
import sys


def name_of(node):
    """Dotted name of a Name/Attribute node ('sa.String' -> 'String'), or None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def describe_type(node):
    """A column type node as {name, args}: String(30) -> {"name": "String", "args": [30]}."""
    if isinstance(node, ast.Call):
        return {"name": name_of(node.func), "args": [literal(a) for a in node.args]}
    return {"name": name_of(node), "args": []}


def annotation(node):
    """Mapped[Optional[str]] -> {"type": "str", "optional": True, "list": False}."""
    info = {"type": None, "optional": False, "list": False}

    def walk(n):
        if isinstance(n, ast.Subscript):
            outer = name_of(n.value)
            inner = n.slice
            if outer == "Mapped":
                return walk(inner)
            if outer == "Optional":
                info["optional"] = True
                return walk(inner)
            if outer in ("List", "list", "Set", "set"):
                info["list"] = True
                return walk(inner)
            info["type"] = outer
            return None
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr):  # X | None
            if isinstance(n.right, ast.Constant) and n.right.value is None:
                info["optional"] = True
                return walk(n.left)
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            info["type"] = n.value
            return None
        info["type"] = name_of(n)
        return None

    walk(node)
    return info


COLUMN_CALLS = ("mapped_column", "Column")
KNOWN_KEYWORDS = {"primary_key", "nullable", "unique", "default", "index", "autoincrement", "name"}


def read_column(call, source, unknown):
    column = {"sqlType": None, "foreignKey": None, "primaryKey": False, "nullable": None, "unique": False, "default": None}
    for arg in call.args:
        if isinstance(arg, ast.Call) and name_of(arg.func) == "ForeignKey":
            column["foreignKey"] = literal(arg.args[0]) if arg.args else None
            for kw in arg.keywords:
                if kw.arg == "ondelete":
                    column["onDelete"] = literal(kw.value)
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            column["columnName"] = arg.value
        else:
            column["sqlType"] = describe_type(arg)
    for kw in call.keywords:
        if kw.arg == "primary_key":
            column["primaryKey"] = bool(literal(kw.value))
        elif kw.arg == "nullable":
            column["nullable"] = bool(literal(kw.value))
        elif kw.arg == "unique":
            column["unique"] = bool(literal(kw.value))
        elif kw.arg == "default":
            value = literal(kw.value)
            if value is None and not (isinstance(kw.value, ast.Constant)):
                unknown.append({"line": kw.value.lineno, "text": ast.get_source_segment(source, kw.value) or "default", "why": "a default that is not a literal value"})
            else:
                column["default"] = value
        elif kw.arg not in KNOWN_KEYWORDS:
            unknown.append({"line": kw.value.lineno, "text": f"{kw.arg}=...", "why": f"the column option {kw.arg}"})
    return column


def read_relationship(call, unknown):
    relationship = {"target": None, "backPopulates": None, "cascade": None, "uselist": None}
    if call.args:
        first = call.args[0]
        relationship["target"] = literal(first) if isinstance(first, ast.Constant) else name_of(first)
    for kw in call.keywords:
        if kw.arg in ("back_populates", "backref"):
            relationship["backPopulates"] = literal(kw.value)
        elif kw.arg == "cascade":
            relationship["cascade"] = literal(kw.value)
        elif kw.arg == "uselist":
            relationship["uselist"] = bool(literal(kw.value))
        elif kw.arg == "secondary":
            unknown.append({"line": kw.value.lineno, "text": "secondary=...", "why": "a many-to-many through an association table"})
        else:
            unknown.append({"line": kw.value.lineno, "text": f"{kw.arg}=...", "why": f"the relationship option {kw.arg}"})
    return relationship


def main(path):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        print(json.dumps({"error": f"line {error.lineno}: {error.msg}"}))
        return
    models, unknown = [], []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        table = None
        members = []
        for statement in node.body:
            target = value = None
            annotated = None
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                target, value, annotated = statement.target.id, statement.value, annotation(statement.annotation)
            elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
                target, value = statement.targets[0].id, statement.value
            else:
                if not isinstance(statement, (ast.FunctionDef, ast.Pass, ast.Expr)):
                    unknown.append({"line": statement.lineno, "text": (ast.get_source_segment(source, statement) or "").split("\n")[0], "why": "a statement the importer does not read"})
                continue
            if target == "__tablename__":
                table = literal(value)
                continue
            if target.startswith("__"):
                unknown.append({"line": statement.lineno, "text": target, "why": f"{target} (table options)"})
                continue
            member = {"name": target, "line": statement.lineno, "annotation": annotated}
            call = value if isinstance(value, ast.Call) else None
            called = name_of(call.func) if call else None
            if called in COLUMN_CALLS:
                member["kind"] = "column"
                member.update(read_column(call, source, unknown))
            elif called == "relationship":
                member["kind"] = "relationship"
                member.update(read_relationship(call, unknown))
            elif value is None and annotated:
                member["kind"] = "column"
                member.update({"sqlType": None, "foreignKey": None, "primaryKey": False, "nullable": None, "unique": False, "default": None})
            else:
                unknown.append({"line": statement.lineno, "text": (ast.get_source_segment(source, statement) or target).split("\n")[0], "why": "an attribute that is neither a column nor a relationship"})
                continue
            members.append(member)
        if table:
            models.append({"className": node.name, "table": table, "line": node.lineno, "members": members})
    print(json.dumps({"models": models, "unknown": unknown}))


if __name__ == "__main__":
    main(sys.argv[1])
