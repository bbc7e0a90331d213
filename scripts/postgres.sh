# Sourced by scripts/test: a throwaway PostgreSQL cluster on loopback for the contribution tests.
# Sets TEST_DATABASE_URL; `stop_postgres` removes the cluster.

apt_install postgresql
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/hldsite-pg.XXXXXX)
pg_port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_postgres() {
    # PostgreSQL refuses to run as root.
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
as_postgres "$pg_bin/initdb" --pgdata="$pg_dir/data" --auth=trust --username=postgres \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pg_bin/pg_ctl" --pgdata="$pg_dir/data" --log="$pg_dir/log" --wait \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c fsync=off" \
    start >/dev/null
export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$pg_port/postgres"

stop_postgres() {
    as_postgres "$pg_bin/pg_ctl" --pgdata="$pg_dir/data" --mode=immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
}
