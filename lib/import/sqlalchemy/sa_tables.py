"""Table(...) definitions, constraints, indexes and __table_args__, as plain data."""
import ast

from sa_ast import keyword, literal
from sa_columns import COLUMN_CALLS, column_ref, read_column

CONSTRAINTS = {"UniqueConstraint", "Index", "PrimaryKeyConstraint", "ForeignKeyConstraint", "CheckConstraint"}
# Table options that change nothing Prisma or SQLite would hold.
DIALECT_PREFIXES = ("mysql_", "mariadb_", "postgresql_", "mssql_", "oracle_")
HARMLESS_OPTIONS = {"extend_existing", "keep_existing", "info", "comment", "mysql_engine", "mysql_charset",
                    "mysql_collate", "mariadb_engine", "mariadb_charset", "postgresql_partition_by"}


def read_constraint(call, ctx):
    """UniqueConstraint / Index / PrimaryKeyConstraint / ForeignKeyConstraint as {kind, columns, ...}."""
    kind = ctx.canonical(call.func)
    name = keyword(call, "name")
    found = {"line": call.lineno, "name": literal(name) if name is not None else None}
    if kind == "CheckConstraint":
        ctx.note(call, ctx.text(call), "a CHECK constraint; Prisma schemas cannot declare one, so it is left out")
        return None
    if kind == "Index":
        found.update(kind="unique" if literal(keyword(call, "unique")) else "index",
                     name=literal(call.args[0]) if call.args else found["name"],
                     columns=[column_ref(a) for a in call.args[1:]])
        return found
    if kind in ("UniqueConstraint", "PrimaryKeyConstraint"):
        found.update(kind="unique" if kind == "UniqueConstraint" else "primaryKey",
                     columns=[column_ref(a) for a in call.args])
        columns = keyword(call, "columns")
        if columns is not None and isinstance(columns, (ast.List, ast.Tuple)):
            found["columns"] = [column_ref(a) for a in columns.elts]
        return found
    if kind == "ForeignKeyConstraint" and len(call.args) >= 2:
        local, remote = call.args[0], call.args[1]
        if isinstance(local, (ast.List, ast.Tuple)) and isinstance(remote, (ast.List, ast.Tuple)):
            found.update(kind="foreignKey", columns=[column_ref(a) for a in local.elts],
                         targets=[column_ref(a) for a in remote.elts])
            for option, key in (("ondelete", "onDelete"), ("onupdate", "onUpdate")):
                value = keyword(call, option)
                if value is not None:
                    found[key] = literal(value)
            return found
    ctx.note(call, ctx.text(call), f"a {kind} the importer cannot read")
    return None


def read_table_args(node, ctx):
    """__table_args__ in its tuple form (constraints, then an optional dict) or its dict form."""
    constraints = []
    items = node.elts if isinstance(node, (ast.Tuple, ast.List)) else [node]
    for item in items:
        if isinstance(item, ast.Dict):
            read_table_options(item.keys, item.values, ctx)
        elif isinstance(item, ast.Call) and ctx.canonical(item.func) in CONSTRAINTS:
            constraint = read_constraint(item, ctx)
            if constraint:
                constraints.append(constraint)
        else:
            ctx.note(item, ctx.text(item), "a table argument the importer cannot read")
    return constraints


def read_table_options(keys, values, ctx):
    for key, value in zip(keys, values):
        option = literal(key) if key is not None else None
        if option not in HARMLESS_OPTIONS and not str(option).startswith(DIALECT_PREFIXES):
            ctx.note(value, f"{option}=...", f"the table option {option}")


def read_table_call(call, ctx, variable):
    """Table("name", metadata, Column(...), ..., UniqueConstraint(...), ...)."""
    name = literal(call.args[0]) if call.args else None
    table = {"name": name, "variable": variable, "className": None, "line": call.lineno, "columns": [],
             "constraints": [], "relationships": []}
    for arg in call.args[2:]:
        called = ctx.canonical(arg.func) if isinstance(arg, ast.Call) else None
        if called in COLUMN_CALLS:
            column_name = literal(arg.args[0]) if arg.args else None
            inner = ast.Call(func=arg.func, args=arg.args[1:], keywords=arg.keywords, lineno=arg.lineno)
            table["columns"].append(read_column(inner, ctx, column_name))
        elif called in CONSTRAINTS:
            constraint = read_constraint(arg, ctx)
            if constraint:
                table["constraints"].append(constraint)
        else:
            ctx.note(arg, ctx.text(arg), "a Table() argument the importer cannot read")
    read_table_options([ast.Constant(kw.arg) for kw in call.keywords], [kw.value for kw in call.keywords], ctx)
    return table
