# Sourced by bench/ab.sh and bench/instructions.sh: build_rev REV prints the path of that revision's
# release server, built once in a git worktree under AB_WORKTREES (default /tmp/gatepass-ab; ccache
# makes a rebuild cheap). Needs ROOT (the repository).
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}

build_rev() {  # rev -> prints the path of its gatepass binary
  local rev=$1 sha dir
  sha=$(git -C "$ROOT" rev-parse --short=10 "$rev^{commit}")
  dir=${AB_WORKTREES:-/tmp/gatepass-ab}/$sha
  if [ ! -x "$dir/build/release/src/gatepass" ]; then
    [ -d "$dir" ] || git -C "$ROOT" worktree add --detach -q "$dir" "$sha"
    (cd "$dir" && CCACHE_BASEDIR="$dir" GATEPASS_TESTS=OFF GATEPASS_WITH_WEB=0 scripts/build.sh Release >&2)
  fi
  echo "$dir/build/release/src/gatepass"
}
