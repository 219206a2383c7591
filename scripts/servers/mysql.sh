# MariaDB (MySQL-compatible) with its own datadir and socket; the app user gets its own database.
mysql_sock() { echo "$RUN_DIR/mysqld.sock"; }
mysql_start() {
  local dir="$DATA_DIR/mysql"
  if [ ! -d "$dir/mysql" ]; then
    mkdir -p "$dir"
    mariadb-install-db --no-defaults --datadir="$dir" --user="$(id -un)" --auth-root-authentication-method=socket \
      --skip-test-db >>"$LOG_DIR/mysql.log" 2>&1 || fail "mariadb-install-db failed; see $LOG_DIR/mysql.log"
  fi
  start_detached mysql mariadbd --no-defaults --datadir="$dir" --user="$(id -un)" \
    --bind-address=127.0.0.1 --port="$VIGIL_MYSQL_PORT" --socket="$(mysql_sock)" --pid-file="$RUN_DIR/mysqld.pidfile" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --default-time-zone=+00:00 \
    --innodb-buffer-pool-size=256M --max-connections=300 --skip-name-resolve
}
mysql_root() { mariadb --no-defaults --socket="$(mysql_sock)" -uroot "$@"; }
mysql_ready() {
  mysql_root -e 'SELECT 1' >/dev/null 2>&1 || return 1
  # Idempotent: the database and the app user exist after every start.
  mysql_root <<SQL >/dev/null 2>&1
CREATE DATABASE IF NOT EXISTS \`$VIGIL_MYSQL_DATABASE\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$VIGIL_MYSQL_USER'@'localhost' IDENTIFIED BY '$VIGIL_MYSQL_PASSWORD';
CREATE USER IF NOT EXISTS '$VIGIL_MYSQL_USER'@'127.0.0.1' IDENTIFIED BY '$VIGIL_MYSQL_PASSWORD';
GRANT ALL PRIVILEGES ON \`$VIGIL_MYSQL_DATABASE\`.* TO '$VIGIL_MYSQL_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`$VIGIL_MYSQL_DATABASE\`.* TO '$VIGIL_MYSQL_USER'@'127.0.0.1';
SQL
  mariadb --no-defaults -h127.0.0.1 -P"$VIGIL_MYSQL_PORT" -u"$VIGIL_MYSQL_USER" -p"$VIGIL_MYSQL_PASSWORD" \
    -e 'SELECT 1' "$VIGIL_MYSQL_DATABASE" >/dev/null 2>&1
}
mysql_where() { echo "127.0.0.1:$VIGIL_MYSQL_PORT database $VIGIL_MYSQL_DATABASE (socket $(mysql_sock))"; }
