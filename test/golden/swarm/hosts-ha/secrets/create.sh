#!/bin/sh
# Creates the Swarm secrets stack.yml names (external: true) from the files in this folder.
# Run it on a manager node before ../deploy.sh. Keep this folder out of version control.
set -eu
cd "$(dirname "$0")"
missing=0
if [ ! -s 'values/NEXTAUTH_LICENSE' ]; then echo 'secrets/values/NEXTAUTH_LICENSE is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'values/NEXTAUTH_ROOT_API_KEY' ]; then echo 'secrets/values/NEXTAUTH_ROOT_API_KEY is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'values/MYSQL_PASSWORD' ]; then echo 'secrets/values/MYSQL_PASSWORD is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/accounts.auth.example.com.crt' ]; then echo 'secrets/certs/accounts.auth.example.com.crt is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/accounts.auth.example.com.key' ]; then echo 'secrets/certs/accounts.auth.example.com.key is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/auth.example.com.crt' ]; then echo 'secrets/certs/auth.example.com.crt is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/auth.example.com.key' ]; then echo 'secrets/certs/auth.example.com.key is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/dashboard.auth.example.com.crt' ]; then echo 'secrets/certs/dashboard.auth.example.com.crt is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/dashboard.auth.example.com.key' ]; then echo 'secrets/certs/dashboard.auth.example.com.key is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/idp.auth.example.com.crt' ]; then echo 'secrets/certs/idp.auth.example.com.crt is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/idp.auth.example.com.key' ]; then echo 'secrets/certs/idp.auth.example.com.key is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/mobile.auth.example.com.crt' ]; then echo 'secrets/certs/mobile.auth.example.com.crt is empty or missing: fill it in first' >&2; missing=1; fi
if [ ! -s 'certs/mobile.auth.example.com.key' ]; then echo 'secrets/certs/mobile.auth.example.com.key is empty or missing: fill it in first' >&2; missing=1; fi
[ "$missing" -eq 0 ] || exit 1
# The value of a file, without the line break an editor may add at its end.
value() { v=$(cat "values/$1"); printf %s "$v"; }
# A secret cannot change once created: an existing one is kept (README.md: replacing a secret).
create() {
  if docker secret inspect "$1" >/dev/null 2>&1; then
    cat >/dev/null
    echo "$1 exists: kept"
  else
    docker secret create "$1" - >/dev/null
    echo "$1 created"
  fi
}
printf 'mysql://nextauth:%s@mysql.db.example.com:3306/nextauth?loc=Local' "$(value 'MYSQL_PASSWORD')" | create 'nextauth-high-availability_nextauth_NEXTAUTH_DB_URI'
value 'NEXTAUTH_LICENSE' | create 'nextauth-high-availability_NEXTAUTH_LICENSE'
value 'NEXTAUTH_ROOT_API_KEY' | create 'nextauth-high-availability_NEXTAUTH_ROOT_API_KEY'
cat 'certs/accounts.auth.example.com.crt' | create 'nextauth-high-availability_tls_accounts.auth.example.com.crt'
cat 'certs/accounts.auth.example.com.key' | create 'nextauth-high-availability_tls_accounts.auth.example.com.key'
cat 'certs/auth.example.com.crt' | create 'nextauth-high-availability_tls_auth.example.com.crt'
cat 'certs/auth.example.com.key' | create 'nextauth-high-availability_tls_auth.example.com.key'
cat 'certs/dashboard.auth.example.com.crt' | create 'nextauth-high-availability_tls_dashboard.auth.example.com.crt'
cat 'certs/dashboard.auth.example.com.key' | create 'nextauth-high-availability_tls_dashboard.auth.example.com.key'
cat 'certs/idp.auth.example.com.crt' | create 'nextauth-high-availability_tls_idp.auth.example.com.crt'
cat 'certs/idp.auth.example.com.key' | create 'nextauth-high-availability_tls_idp.auth.example.com.key'
cat 'certs/mobile.auth.example.com.crt' | create 'nextauth-high-availability_tls_mobile.auth.example.com.crt'
cat 'certs/mobile.auth.example.com.key' | create 'nextauth-high-availability_tls_mobile.auth.example.com.key'
