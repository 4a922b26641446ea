#!/usr/bin/env bash
# Deploy, run and retire an integration with the Oracle Integration 3 REST API.
#
# Written from Oracle's documentation only (docs.oracle.com, "REST API for
# Oracle Integration 3", and the IDCS token endpoint): nothing in it knows
# about the emulator. Point it at a real instance or at the emulator by
# changing the host names and credentials below; nothing else.
#
#   1. get an access token (OAuth 2.0 client credentials, IDCS /oauth2/v1/token)
#   2. import the integration archive (POST .../integrations/archive; on 409, PUT to replace)
#   3. activate it (POST .../integrations/{id} with X-HTTP-Method-Override: PATCH)
#   4. poll .../integrations/{id}/activationStatus until ACTIVATED
#   5. run the scheduled integration now (POST .../integrations/{id}/schedule/jobs)
#   6. list its instances (GET .../monitoring/instances?q={code, version, timewindow})
#   7. deactivate it (same PATCH with {"status": "CONFIGURED"}) and poll until CONFIGURED
#   8. export the archive (GET .../integrations/{id}/archive)
#
# Settings (environment variables):
#   OIC_HOST             design-time host, e.g. https://design.integration.us-phoenix-1.ocp.oraclecloud.com
#   OIC_INSTANCE         service instance name (the integrationInstance query parameter)
#   IDCS_HOST            identity domain, e.g. https://idcs-0123abcd.identity.oraclecloud.com
#   CLIENT_ID, CLIENT_SECRET   confidential application with the client credentials grant
#   OIC_SCOPE            scope of the application, e.g. https://ABC123.integration.us-phoenix-1.ocp.oraclecloud.com:443/ic/api/
#   IAR_FILE             the .iar to import
#   INTEGRATION_CODE, INTEGRATION_VERSION   the integration inside it (e.g. HELLO_WORLD 01.00.0000)
#   EXPORT_DIR           where the exported archive goes (default: current directory)
#   POLL_TRIES, POLL_SECONDS   activation polling (default 30 tries, 2 s apart)
#
# Needs bash and curl; uses jq when it is installed and sed otherwise.
set -euo pipefail

: "${OIC_HOST:?set OIC_HOST}" "${OIC_INSTANCE:?set OIC_INSTANCE}" "${IDCS_HOST:?set IDCS_HOST}"
: "${CLIENT_ID:?set CLIENT_ID}" "${CLIENT_SECRET:?set CLIENT_SECRET}" "${OIC_SCOPE:?set OIC_SCOPE}"
: "${IAR_FILE:?set IAR_FILE}" "${INTEGRATION_CODE:?set INTEGRATION_CODE}" "${INTEGRATION_VERSION:?set INTEGRATION_VERSION}"
EXPORT_DIR="${EXPORT_DIR:-.}"
POLL_TRIES="${POLL_TRIES:-30}"
POLL_SECONDS="${POLL_SECONDS:-2}"

API="${OIC_HOST%/}/ic/api/integration/v1"
ID="${INTEGRATION_CODE}%7C${INTEGRATION_VERSION}"   # CODE|VERSION, the | URL-encoded
INSTANCE="integrationInstance=${OIC_INSTANCE}"
BODY="$(mktemp)"
trap 'rm -f "$BODY"' EXIT

log() { printf '%s\n' "$*" >&2; }
fail() { log "ERROR: $*"; if [ -s "$BODY" ]; then log "response: $(cat "$BODY")"; fi; exit 1; }

# A string field of a JSON document on stdin (jq when present, sed otherwise).
field() {
  if command -v jq >/dev/null 2>&1; then jq -r --arg f "$1" '.[$f] // empty'
  else sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
  fi
}
# A number field (e.g. totalResults).
number() {
  if command -v jq >/dev/null 2>&1; then jq -r --arg f "$1" '.[$f] // empty'
  else sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\\([0-9][0-9]*\\).*/\\1/p" | head -n 1
  fi
}

# call METHOD URL [curl options...]: the body goes to $BODY, the HTTP status to stdout.
call() {
  local method="$1" url="$2"
  shift 2
  curl -sS -o "$BODY" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${TOKEN}" "$@" "$url"
}

# 1. Access token (client credentials, as in Oracle's IDCS documentation).
log "1. token from ${IDCS_HOST}"
TOKEN_JSON="$(curl -sS -u "${CLIENT_ID}:${CLIENT_SECRET}" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-urlencode 'grant_type=client_credentials' --data-urlencode "scope=${OIC_SCOPE}" "${IDCS_HOST%/}/oauth2/v1/token")"
TOKEN="$(printf '%s' "$TOKEN_JSON" | field access_token)"
[ -n "$TOKEN" ] || fail "no access_token in the token response: $TOKEN_JSON"

# 2. Import the archive; if the integration exists (409), replace it.
log "2. import ${IAR_FILE}"
status="$(call POST "${API}/integrations/archive?${INSTANCE}" -H 'Accept: application/json' -F "file=@${IAR_FILE}" -F 'type=application/octet-stream')"
if [ "$status" = 409 ]; then
  log "   exists (409): replacing it"
  status="$(call PUT "${API}/integrations/archive?${INSTANCE}" -H 'Accept: application/json' -F "file=@${IAR_FILE}" -F 'type=application/octet-stream')"
fi
case "$status" in 2??) log "   imported (HTTP $status)";; *) fail "import failed with HTTP $status";; esac

# 3. Activate: POST with X-HTTP-Method-Override: PATCH and {"status":"ACTIVATED"}.
log "3. activate ${INTEGRATION_CODE} ${INTEGRATION_VERSION}"
status="$(call POST "${API}/integrations/${ID}?${INSTANCE}" -H 'X-HTTP-Method-Override: PATCH' -H 'Content-Type: application/json' -d '{"status":"ACTIVATED"}')"
[ "$status" = 200 ] || fail "activation request failed with HTTP $status"
log "   status: $(field status < "$BODY")"

# 4. Poll the activation status until ACTIVATED.
poll() {
  local want="$1" state="" i
  for ((i = 1; i <= POLL_TRIES; i++)); do
    status="$(call GET "${API}/integrations/${ID}/activationStatus?${INSTANCE}")"
    [ "$status" = 200 ] || fail "activationStatus failed with HTTP $status"
    state="$(field activationStatus < "$BODY")"
    log "   activationStatus: ${state}"
    [ "$state" = "$want" ] && return 0
    [ "$state" = FAILEDACTIVATION ] && fail "activation failed"
    sleep "$POLL_SECONDS"
  done
  fail "still ${state} after ${POLL_TRIES} tries"
}
log "4. wait for ACTIVATED"
poll ACTIVATED

# 5. Run the scheduled integration now.
log "5. run now"
status="$(call POST "${API}/integrations/${ID}/schedule/jobs?${INSTANCE}" -H 'Content-Type: application/json' -d '{"action":"NOW"}')"
case "$status" in 2??) log "   started (HTTP $status)";; *) fail "run now failed with HTTP $status";; esac

# 6. Its instances of the last hour.
log "6. monitoring instances"
Q="$(printf "{code:'%s', version:'%s', timewindow:'1h'}" "$INTEGRATION_CODE" "$INTEGRATION_VERSION")"
status="$(call GET "${API}/monitoring/instances?${INSTANCE}" -G --data-urlencode "q=${Q}")"
[ "$status" = 200 ] || fail "monitoring/instances failed with HTTP $status"
count="$(number totalResults < "$BODY")"
log "   instances in the last hour: ${count:-?}"
[ "${count:-0}" -ge 1 ] || fail "the run is not among the instances"

# 7. Deactivate and wait for CONFIGURED.
log "7. deactivate"
status="$(call POST "${API}/integrations/${ID}?${INSTANCE}" -H 'X-HTTP-Method-Override: PATCH' -H 'Content-Type: application/json' -d '{"status":"CONFIGURED"}')"
[ "$status" = 200 ] || fail "deactivation request failed with HTTP $status"
log "   status: $(field status < "$BODY")"
poll CONFIGURED

# 8. Export the archive.
OUT="${EXPORT_DIR%/}/${INTEGRATION_CODE}_${INTEGRATION_VERSION}.iar"
log "8. export to ${OUT}"
status="$(curl -sS -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer ${TOKEN}" "${API}/integrations/${ID}/archive?${INSTANCE}")"
[ "$status" = 200 ] || { cp "$OUT" "$BODY" 2>/dev/null || true; fail "export failed with HTTP $status"; }
[ -s "$OUT" ] || fail "the exported archive is empty"
log "done: ${INTEGRATION_CODE} ${INTEGRATION_VERSION} imported, activated, run, listed, deactivated and exported"
