#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on a loopback port for the tests and exports its connection string
# as NEWSBOT_TEST_POSTGRES. Installs Debian's server package first when the machine lacks it.
set -euo pipefail

pg_bin=""
for v in 15 16 17 14; do
  if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then pg_bin="/usr/lib/postgresql/$v/bin"; break; fi
done
if [ -z "$pg_bin" ]; then
  echo "ci: installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql-15) >/dev/null 2>&1 || (apt-get install -y -qq postgresql >/dev/null 2>&1)
  for v in 15 16 17 14; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then pg_bin="/usr/lib/postgresql/$v/bin"; break; fi
  done
fi
[ -n "$pg_bin" ] || { echo "ci: no PostgreSQL server could be installed" >&2; exit 1; }

port="${NEWSBOT_PG_PORT:-55432}"
data="$(mktemp -d /tmp/newsbot-pg.XXXXXX)"
run_as=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$data" postgres
  chown postgres "$data"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$pg_bin/initdb" -D "$data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export NEWSBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
export NEWSBOT_PG_DATA="$data" NEWSBOT_PG_BIN="$pg_bin"
echo "ci: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
