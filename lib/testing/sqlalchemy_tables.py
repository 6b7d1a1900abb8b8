"""Test helper: what SQLAlchemy itself makes of a models.py on SQLite, to compare the importer with.

    python3 sqlalchemy_tables.py create models.py <out.db | postgresql://...>   runs the file, create_all() there
    python3 sqlalchemy_tables.py describe <some.db | postgresql://...>         prints its tables as JSON

`describe` reads a SQLite file or a PostgreSQL database (psycopg2) through SQLAlchemy's inspector: columns, primary key, foreign
keys, and unique column sets (unique constraints and unique indexes alike, as Prisma writes the
one and SQLAlchemy the other). Only tests run this; the importer never runs a models.py.
"""
import json
import runpy
import sys

import sqlalchemy as sa

SKIPPED = {"_prisma_migrations", "sqlite_sequence"}


def engine(database):
    if database.startswith("postgres"):
        return sa.create_engine("postgresql+psycopg2://" + database.split("://", 1)[1])
    return sa.create_engine(f"sqlite:///{database}")


def create(models, database):
    namespace = runpy.run_path(models)
    found = [v for v in namespace.values() if isinstance(v, sa.MetaData)]
    found += [v.metadata for v in namespace.values() if isinstance(getattr(v, "metadata", None), sa.MetaData)]
    metadata = max(found, key=lambda m: len(m.tables))
    metadata.create_all(engine(database))


def describe(database):
    inspector = sa.inspect(engine(database))
    tables = {}
    for table in sorted(set(inspector.get_table_names()) - SKIPPED):
        uniques = [sorted(u["column_names"]) for u in inspector.get_unique_constraints(table)]
        uniques += [sorted(i["column_names"]) for i in inspector.get_indexes(table) if i["unique"]]
        tables[table] = {
            "columns": sorted(c["name"] for c in inspector.get_columns(table)),
            "primaryKey": sorted(inspector.get_pk_constraint(table)["constrained_columns"]),
            "foreignKeys": sorted(
                f'{",".join(fk["constrained_columns"])} -> {fk["referred_table"]}({",".join(fk["referred_columns"])})'
                for fk in inspector.get_foreign_keys(table)
            ),
            "uniques": sorted({",".join(u) for u in uniques}),
        }
    print(json.dumps(tables))


if __name__ == "__main__":
    if sys.argv[1] == "create":
        create(sys.argv[2], sys.argv[3])
    else:
        describe(sys.argv[2])
