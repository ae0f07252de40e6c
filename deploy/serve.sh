#!/usr/bin/env bash
# `make serve`: the app as in production on http://$HOST:$PORT/. nginx listens there and reads
# whole requests before passing them to gunicorn's two sync workers on a unix socket, so slow
# clients cannot starve the workers. DEBUG off, a secret key of its own kept in $VAR_DIR, and
# `manage.py check --deploy` must pass before anything starts. HTTPS lives at the proxy in
# production (docs/deploy.md); here, on loopback, it is plain http. Ctrl-C or SIGTERM stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
BIN=${BIN:-.venv/bin}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
export VAR_DIR=${VAR_DIR:-$PWD/var}
RUN=$VAR_DIR/serve
mkdir -p "$RUN"

if [ -z "${SECRET_KEY:-}" ]; then
  if [ ! -s "$VAR_DIR/secret-key" ]; then
    (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' \
      > "$VAR_DIR/secret-key")
  fi
  SECRET_KEY=$(cat "$VAR_DIR/secret-key")
fi
export SECRET_KEY DEBUG=0 BEHIND_PROXY=1 HTTPS_REDIRECT_AT_PROXY=1
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$HOST,127.0.0.1,localhost}

"$BIN/python" manage.py migrate --no-input -v0
"$BIN/python" manage.py collectstatic --no-input -v0
"$BIN/python" manage.py check --deploy --fail-level WARNING

# nginx's workers run as root only when it is started by root, so they can reach $RUN.
user_line=""
if [ "$(id -u)" = 0 ]; then user_line="user root;"; fi
sed -e "s|{{HOST}}|$HOST|g; s|{{PORT}}|$PORT|g; s|{{RUN}}|$RUN|g; s|{{USER}}|$user_line|g" \
  deploy/nginx.conf > "$RUN/nginx.conf"
rm -f "$RUN/gunicorn.sock"

"$BIN/gunicorn" coach.wsgi --workers 2 --bind "unix:$RUN/gunicorn.sock" --no-control-socket &
gunicorn=$!
"$NGINX" -e stderr -p "$RUN" -c "$RUN/nginx.conf" &
nginx=$!
# Reminders: the scheduler tick each minute and the task queue's worker, in their own process.
"$BIN/python" manage.py reminders worker &
worker=$!
trap 'kill "$nginx" "$gunicorn" "$worker" 2>/dev/null || true; wait' EXIT
trap 'exit 0' INT TERM
echo "Serving http://$HOST:$PORT/ (nginx in front of gunicorn, and the reminder worker); Ctrl-C stops all."
wait -n  # when one stops, stop the others
