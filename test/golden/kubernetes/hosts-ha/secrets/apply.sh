#!/bin/sh
# Creates the namespace and the Secrets the base refers to, from this folder. Run it before
# `kubectl apply -k overlays/production` (or the base), and again after changing a value.
set -eu
cd "$(dirname "$0")"
kubectl apply -f ../base/namespace.yaml
if grep -Eq '^  [A-Za-z_][A-Za-z0-9_]*: ""$' secret.yaml; then
  echo "secret.yaml still has empty values: fill them in first" >&2
  exit 1
fi
kubectl apply -f secret.yaml
kubectl create secret tls 'tls-accounts.auth.example.com' --namespace 'nextauth-high-availability' --cert='certs/accounts.auth.example.com.crt' --key='certs/accounts.auth.example.com.key' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret tls 'tls-auth.example.com' --namespace 'nextauth-high-availability' --cert='certs/auth.example.com.crt' --key='certs/auth.example.com.key' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret tls 'tls-dashboard.auth.example.com' --namespace 'nextauth-high-availability' --cert='certs/dashboard.auth.example.com.crt' --key='certs/dashboard.auth.example.com.key' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret tls 'tls-idp.auth.example.com' --namespace 'nextauth-high-availability' --cert='certs/idp.auth.example.com.crt' --key='certs/idp.auth.example.com.key' --dry-run=client -o yaml | kubectl apply -f -
kubectl create secret tls 'tls-mobile.auth.example.com' --namespace 'nextauth-high-availability' --cert='certs/mobile.auth.example.com.crt' --key='certs/mobile.auth.example.com.key' --dry-run=client -o yaml | kubectl apply -f -
