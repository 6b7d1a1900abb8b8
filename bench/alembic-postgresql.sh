#!/usr/bin/env bash
# The Alembic peer (../shared/peers/alembic/run.sh) in a PostgreSQL mode: the same models and
# app.py, with alembic.ini and app.py's engine pointed at a PostgreSQL database.
# usage: alembic-postgresql.sh tutorial|scaled WORKDIR postgresql+psycopg2://user@host:port/db
# Prints: autogenerate_ms upgrade_ms seed_ms (Debian's python3-alembic, -sqlalchemy, -psycopg2).
set -euo pipefail
kind=$1; work=$2; url=$3
peer=$(cd "$(dirname "$0")/../../shared/peers/alembic" && pwd)
PY=/usr/bin/python3
rm -rf "$work"; mkdir -p "$work"; cd "$work"
cp "$peer/models_$kind.py" models.py; cp "$peer/app_tutorial.py" app.py
sed -i 's#create_engine(f"sqlite:///{sys.argv\[1\]}")#create_engine(sys.argv[1])#' app.py
$PY -m alembic init migrations >/dev/null
sed -i "s#^sqlalchemy.url = .*#sqlalchemy.url = $url#" alembic.ini
sed -i 's#^target_metadata = None#import sys, os; sys.path.insert(0, os.getcwd())\nfrom models import Base\ntarget_metadata = Base.metadata#' migrations/env.py
ms() { date +%s%N; }
t0=$(ms); $PY -m alembic revision --autogenerate -m "Initial migration" >/dev/null 2>&1; t1=$(ms)
$PY -m alembic upgrade head >/dev/null 2>&1; t2=$(ms)
if [ "$kind" = tutorial ]; then $PY app.py "$url" >/dev/null; fi; t3=$(ms)
echo "autogenerate_ms=$(( (t1-t0)/1000000 )) upgrade_ms=$(( (t2-t1)/1000000 )) seed_ms=$(( (t3-t2)/1000000 ))"
