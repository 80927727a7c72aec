#!/bin/sh
# Deploys the stack on a manager node, after secrets/create.sh. --with-registry-auth hands your
# registry login (nextAuth's images) to the nodes that pull them.
set -eu
cd "$(dirname "$0")"
exec docker stack deploy --with-registry-auth -c stack.yml 'nextauth-high-availability'
