"""Readers of single ast nodes, shared by the SQLAlchemy models reader. Nothing is run."""
import ast


class Context:
    """What the whole file tells about one node: import aliases, the enum classes, the notes."""

    def __init__(self, source, aliases):
        self.source = source
        self.aliases = aliases  # local name -> the imported name ("SAEnum" -> "Enum")
        self.enums = {}  # enum class name -> its members
        self.types = {}  # module-level type variables (StatusEnum = Enum(Status, name=...)) -> the type
        self.unknown = []

    def canonical(self, node):
        """The imported name a node refers to: SAEnum -> Enum, sa.String -> String."""
        name = name_of(node)
        return self.aliases.get(name, name) if isinstance(node, ast.Name) else name

    def text(self, node):
        """A node's source on one line, shortened: what a note quotes."""
        text = " ".join((ast.get_source_segment(self.source, node) or "").split())
        return text if len(text) <= 100 else text[:99] + "…"

    def note(self, node, text, why):
        self.unknown.append({"line": node.lineno, "text": text, "why": why})


def import_aliases(tree):
    """`from sqlalchemy import Enum as SAEnum` -> {"SAEnum": "Enum"}, for the whole file."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
    return aliases


def name_of(node):
    """The last name of a Name or Attribute node ('sa.String' -> 'String'), or None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def dotted(node):
    """The whole dotted name of a Name or Attribute chain ('datetime.datetime.utcnow'), or None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def is_literal(node):
    try:
        ast.literal_eval(node)
        return True
    except Exception:
        return False


def keyword(call, name):
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def annotation(node):
    """Mapped[Optional[str]] -> {"type": "str", "optional": True, "list": False}."""
    info = {"type": None, "optional": False, "list": False, "mapped": False}

    def is_none(n):
        return isinstance(n, ast.Constant) and n.value is None

    def walk(n):
        if isinstance(n, ast.Subscript):
            outer = name_of(n.value)
            inner = n.slice
            if outer in ("Mapped", "WriteOnlyMapped", "DynamicMapped", "Annotated"):
                info["mapped"] = info["mapped"] or outer != "Annotated"
                return walk(inner.elts[0] if isinstance(inner, ast.Tuple) else inner)
            if outer == "Optional":
                info["optional"] = True
                return walk(inner)
            if outer == "Union" and isinstance(inner, ast.Tuple):
                rest = [e for e in inner.elts if not is_none(e)]
                info["optional"] = len(rest) < len(inner.elts)
                return walk(rest[0]) if rest else None
            if outer in ("List", "list", "Set", "set", "Sequence"):
                info["list"] = True
                return walk(inner)
            info["type"] = outer
            return None
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr):  # X | None, None | X
            if is_none(n.right):
                info["optional"] = True
                return walk(n.left)
            if is_none(n.left):
                info["optional"] = True
                return walk(n.right)
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            try:
                return walk(ast.parse(n.value, mode="eval").body)
            except SyntaxError:
                info["type"] = n.value
                return None
        info["type"] = name_of(n)
        return None

    walk(node)
    return info
