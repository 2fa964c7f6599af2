# Installs the Debian packages the tests need when they are missing. Sourced by test.sh.
#   require_packages <package>:<file that proves it is installed> ...

require_packages() {
    local missing=()
    local spec package probe
    for spec in "$@"; do
        package=${spec%%:*}
        probe=${spec#*:}
        if ! compgen -G "$probe" >/dev/null; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "CareConsole needs these packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
            return 1
        fi
        sudo=(sudo)
    fi
    echo "Installing ${missing[*]} (apt-get)..."
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Debian's server package puts initdb and pg_ctl under /usr/lib/postgresql/<version>/bin.
POSTGRESQL_PACKAGE="postgresql:/usr/lib/postgresql/*/bin/pg_ctl"
CHROMIUM_PACKAGE="chromium:/usr/bin/chromium"
# npm installs axe-core, which the browser tests load into each page they check for accessibility.
NPM_PACKAGE="npm:/usr/bin/npm"
