#!/usr/bin/env bash
# Makes what deploy/compose needs before its first start, into ./secrets (mode 0700; git-ignored)
# and ./demo: the vault's key passphrase, ingest and storage keys, a DEMO escrow key, the admin
# token, the S3 key pair, both agents' signing keys, and the two demo appliances' configuration.
# Needs gpg and sqlite3 (Debian: apt-get install gnupg sqlite3). Files that exist are kept, so
# running it again changes nothing; delete ./secrets and the compose volumes to start over.
#
# ESCROW_PUBLIC_KEY=/path/escrow.pub.asc ./init-secrets.sh uses your escrow public key (made
# offline, docs/escrow-recovery.md) instead of generating a demo escrow key pair.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

for tool in gpg sqlite3; do
  command -v "$tool" >/dev/null || { echo "init-secrets.sh needs $tool on the PATH" >&2; exit 1; }
done

secrets=secrets
mkdir -p "$secrets"
chmod 0700 "$secrets"
GNUPGHOME="$(mktemp -d)"
export GNUPGHOME
trap 'gpgconf --kill gpg-agent >/dev/null 2>&1 || true; rm -rf "$GNUPGHOME"' EXIT

# The containers run as user 65532, the host files belong to you: secret files are readable by
# all (0444) inside the directory only you can enter (0700). Compose mounts them read-only.
write_secret() { # file, content
  (umask 0022 && printf '%s\n' "$2" > "$1")
  chmod 0444 "$1"
}

random() { # bytes -> base64url
  head -c "$1" /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

random_alnum() { # length
  LC_ALL=C tr -dc 'A-Z0-9' < /dev/urandom | head -c "$1" || true
}

# An OpenPGP key pair (Ed25519 signing, Curve25519 encryption) under the passphrase in a file.
key_pair() { # name, user id, passphrase file
  local name="$1" uid="$2" passphrase="$3"
  if [[ -f "$secrets/$name.sec.asc" && -f "$secrets/$name.pub.asc" ]]; then
    return
  fi
  gpg --batch --quiet --pinentry-mode loopback --passphrase-file "$passphrase" \
    --quick-gen-key "$uid" future-default default never
  (umask 0022 && gpg --batch --quiet --pinentry-mode loopback --passphrase-file "$passphrase" \
    --armor --export-secret-keys "=$uid" > "$secrets/$name.sec.asc")
  chmod 0444 "$secrets/$name.sec.asc"
  gpg --batch --quiet --armor --export "=$uid" > "$secrets/$name.pub.asc"
  echo "made $secrets/$name.sec.asc and .pub.asc ($uid)"
}

passphrase_file() { # file
  [[ -f "$1" ]] || write_secret "$1" "$(random 32)"
}

# The vault: one passphrase for its secret keys, the ingest key (appliances encrypt to it) and
# the storage key (encrypts at rest).
passphrase_file "$secrets/vault-key-passphrase"
key_pair vault-ingest "ConfigVault ingest (compose)" "$secrets/vault-key-passphrase"
key_pair vault-storage "ConfigVault storage (compose)" "$secrets/vault-key-passphrase"

# Escrow: every snapshot is also encrypted to it. The demo pair's secret key stays in ./secrets
# for the recovery walk-through (docs/escrow-recovery.md); the vault only gets the public key.
if [[ -n "${ESCROW_PUBLIC_KEY:-}" ]]; then
  cp "$ESCROW_PUBLIC_KEY" "$secrets/escrow.pub.asc"
elif [[ ! -f "$secrets/escrow.pub.asc" ]]; then
  passphrase_file "$secrets/escrow-DEMO-ONLY.passphrase"
  key_pair escrow-DEMO-ONLY "ConfigVault escrow DEMO ONLY" "$secrets/escrow-DEMO-ONLY.passphrase"
  cp "$secrets/escrow-DEMO-ONLY.pub.asc" "$secrets/escrow.pub.asc"
fi

# The first admin token of the API: the vault adopts it on its first start.
[[ -f "$secrets/admin-token" ]] || write_secret "$secrets/admin-token" "$(random 32)"

# The S3 key pair: s3proxy reads the two files, the vault the SDK's credentials file.
if [[ ! -f "$secrets/s3-credentials" ]]; then
  access_key="$(random_alnum 20)"
  secret_key="$(random 30)"
  write_secret "$secrets/s3-access-key-id" "$access_key"
  write_secret "$secrets/s3-secret-access-key" "$secret_key"
  write_secret "$secrets/s3-credentials" "[default]
aws_access_key_id = $access_key
aws_secret_access_key = $secret_key"
fi

# The two agents: their signing keys (enrolled in vault.yml by their public keys) and the
# demo appliances they capture.
for n in 1 2; do
  passphrase_file "$secrets/agent-$n.passphrase"
  key_pair "agent-$n" "ConfigVault appliance demo-nas-$n" "$secrets/agent-$n.passphrase"
  demo="demo/agent-$n"
  mkdir -p "$demo/ssh"
  if [[ ! -f "$demo/config.db" ]]; then
    sqlite3 "$demo/config.db" <<SQL
CREATE TABLE system_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO system_settings VALUES ('hostname', 'demo-nas-$n'), ('timezone', 'Europe/Berlin'),
  ('ntp_server', 'pool.ntp.org'), ('ui_port', '443');
CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, password_hash TEXT, shell TEXT);
INSERT INTO users (username, password_hash, shell) VALUES
  ('root', '\$6\$demo\$$(random 16)', '/bin/sh'), ('backup', '*', '/usr/sbin/nologin');
CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO secrets VALUES ('cloud_sync_api_key', 'demo-secret-$(random 12)');
SQL
    chmod 0644 "$demo/config.db"
  fi
  if [[ ! -f "$demo/ssh/ssh_host_ed25519_key" ]]; then
    fake="$(random 32)"
    printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nDEMO-ONLY-%s\n%s\n' "$fake" \
      '-----END OPENSSH PRIVATE KEY-----' > "$demo/ssh/ssh_host_ed25519_key"
    printf 'ssh-ed25519 DEMO%s root@demo-nas-%s\n' "${fake:0:32}" "$n" \
      > "$demo/ssh/ssh_host_ed25519_key.pub"
  fi
  if [[ ! -f "$demo/app.conf" ]]; then
    printf '# demo appliance %s\nlisten = 0.0.0.0:443\nlog_level = info\n' "$n" > "$demo/app.conf"
  fi
done
chmod -R a+rX demo
echo "Secrets are in $(pwd)/$secrets, the demo appliances in $(pwd)/demo."
echo "Next: docker compose up -d (README.md)."
