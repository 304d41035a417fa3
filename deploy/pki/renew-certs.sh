#!/usr/bin/env bash
# Renews the leaf certificates of a deployment's PKI (made by make-certs.sh) that expire within DAYS days, keeping the
# CA, the JWT key pair and the agent certificate's names; prints the days left of each certificate.
#
#   deploy/pki/renew-certs.sh OUT_DIR [DAYS]          renew agent.crt / bot.crt expiring within DAYS (default 30)
#   deploy/pki/renew-certs.sh --check OUT_DIR [DAYS]  only report; exit 1 if one expires within DAYS (for cron or
#                                                     monitoring), 0 otherwise
#
# Run it where ca.key is kept. Then hand the renewed files to their zone (deploy/README.md, "Renewing
# certificates"): the agent and the bot read them again within their reload period, without a restart.
set -euo pipefail

check=0
if [[ ${1:-} == --check ]]; then check=1; shift; fi
out=${1:?usage: renew-certs.sh [--check] OUT_DIR [DAYS]}
days=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
cd "$out"

days_left() { # cert file -> whole days until notAfter (negative once expired)
  local end
  end=$(date -d "$(openssl x509 -in "$1" -noout -enddate | cut -d= -f2)" +%s)
  echo $(( (end - $(date +%s)) / 86400 ))
}

echo "ca.crt: $(days_left ca.crt) days left"
due=()
for name in agent bot; do
  left=$(days_left "$name.crt")
  if openssl x509 -in "$name.crt" -noout -checkend $(( days * 86400 )) > /dev/null; then
    echo "$name.crt: $left days left, kept"
  else
    echo "$name.crt: $left days left, due (threshold $days days)"
    due+=("$name")
  fi
done

if (( check )); then
  (( ${#due[@]} == 0 ))
  exit
fi
if (( ${#due[@]} == 0 )); then
  echo "nothing to renew"
  exit 0
fi
if (( $(days_left ca.crt) < ${PKI_LEAF_DAYS:-397} )); then
  echo "warning: the CA expires before the renewed certificates would; plan a new CA (deploy/README.md)" >&2
fi

# the agent's names besides the localhost ones make-certs.sh always adds
names=()
sans=$(openssl x509 -in agent.crt -noout -ext subjectAltName 2>/dev/null | tail -n +2 | tr ',' '\n')
while read -r entry; do
  entry=${entry// /}
  case $entry in
    DNS:localhost | "IP Address:127.0.0.1" | IPAddress:127.0.0.1 | "") ;;
    DNS:*) names+=("${entry#DNS:}") ;;
    IPAddress:*) names+=("${entry#IPAddress:}") ;;
  esac
done <<< "$sans"

PKI_ONLY="${due[*]}" "$here/make-certs.sh" "$out" ${names[@]+"${names[@]}"}
