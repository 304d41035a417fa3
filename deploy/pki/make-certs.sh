#!/usr/bin/env bash
# Creates the deployment's private PKI for the bot-agent channel (Z2, S1) and the agent's JWT signing key pair.
#
#   deploy/pki/make-certs.sh OUT_DIR [AGENT_DNS_NAME ...]
#
# OUT_DIR receives:
#   ca.crt, ca.key           the CA that issues both certificates (keep ca.key offline after issuing)
#   agent.crt, agent.key     the agent's server certificate (serverAuth), SANs: localhost, 127.0.0.1 and the names given
#   bot.crt, bot.key         the bot's client certificate (clientAuth), CN=dmz-bot
#   jwt-private.pem          the agent's JWT signing key (PKCS#8), stays in the internal zone
#   jwt-public.pem           its public half
# An existing CA in OUT_DIR is reused, so running the script again renews the leaf certificates (see deploy/README).
# PKI_ONLY="agent" (or "bot") issues only that one; renew-certs.sh uses it to renew what is about to expire.
# Which file goes where: internal zone gets ca.crt, agent.*, jwt-*; the DMZ gets ca.crt, bot.*. Nothing here is
# ever committed.
set -euo pipefail

out=${1:?usage: make-certs.sh OUT_DIR [AGENT_DNS_NAME ...]}
shift || true
days_ca=${PKI_CA_DAYS:-3650}
days_leaf=${PKI_LEAF_DAYS:-397}
mkdir -p "$out"
chmod 700 "$out"
cd "$out"
umask 077

if [[ ! -f ca.key || ! -f ca.crt ]]; then
  openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days "$days_ca" \
    -keyout ca.key -out ca.crt -subj "/O=IT desk/CN=IT desk bot-agent CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  echo "created CA ca.crt"
else
  echo "reusing CA ca.crt"
fi

san="DNS:localhost,IP:127.0.0.1"
for name in "$@"; do
  if [[ $name =~ ^[0-9.]+$ ]]; then san="$san,IP:$name"; else san="$san,DNS:$name"; fi
done

issue() { # name subject extended-key-usage extra-extensions
  local name=$1 subject=$2 eku=$3 ext=$4
  openssl req -newkey rsa:2048 -sha256 -nodes -keyout "$name.key.new" -out "$name.csr" -subj "$subject" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n%s\n' \
    "$eku" "$ext" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days "$days_leaf" -sha256 \
    -extfile "$name.ext" -out "$name.crt.new" 2>/dev/null
  mv "$name.key.new" "$name.key"
  mv "$name.crt.new" "$name.crt"
  rm -f "$name.csr" "$name.ext"
  echo "issued $name.crt ($subject, valid $days_leaf days)"
}

only=${PKI_ONLY:-agent bot}
[[ " $only " == *" agent "* ]] && issue agent "/O=IT desk/CN=internal-agent" serverAuth "subjectAltName=$san"
[[ " $only " == *" bot "* ]] && issue bot "/O=IT desk/CN=dmz-bot" clientAuth ""

if [[ ! -f jwt-private.pem ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out jwt-private.pem 2>/dev/null
  openssl pkey -in jwt-private.pem -pubout -out jwt-public.pem
  echo "created JWT signing key pair jwt-private.pem / jwt-public.pem"
fi
chmod 600 ./*.key jwt-private.pem
chmod 644 ./*.crt jwt-public.pem
openssl verify -CAfile ca.crt agent.crt bot.crt
