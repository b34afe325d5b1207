#!/bin/sh
# install.sh — after `cmake --install build`, as root: the system user and
# group, the configuration and register directories with their permissions,
# the rules and holidays, the database. Never overwrites a file that exists
# (the configuration, the rules and the holidays are the administrator's).
#
#   scripts/install.sh [--prefix DIR] [--sysconfdir DIR] [--statedir DIR]
#                      [--user NAME] [--group NAME] [--clerk NAME]... [--no-init]
#
# --prefix: where cmake installed (default /usr/local: bin/bureau and
# share/bureau/); --sysconfdir /etc/bureau and --statedir /var/lib/bureau by
# default; --user/--group bureau; each --clerk NAME is added to the group.
#
# Permissions (personal data, loi 09-08: nothing for other accounts):
#   /etc/bureau            root:bureau 0750   bureau.conf, rules/, holidays 0640
#   /var/lib/bureau        bureau:bureau 2770 the register bureau.db 0660
# The clerks run `bureau` under their own accounts against the same SQLite
# register: they must write it and its -wal and -shm files, hence the group
# write bit; the setgid bit gives every file created there (by a clerk's
# command too) the group bureau, so that the service can always use it.
set -eu

PREFIX=/usr/local
SYSCONFDIR=/etc/bureau
STATEDIR=/var/lib/bureau
USER_NAME=bureau
GROUP_NAME=
CLERKS=
INIT=1

die() { echo "install.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX=$2; shift ;;
        --sysconfdir) SYSCONFDIR=$2; shift ;;
        --statedir) STATEDIR=$2; shift ;;
        --user) USER_NAME=$2; shift ;;
        --group) GROUP_NAME=$2; shift ;;
        --clerk) CLERKS="$CLERKS $2"; shift ;;
        --no-init) INIT=0 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done
GROUP_NAME=${GROUP_NAME:-$USER_NAME}
SHARE=$PREFIX/share/bureau
BIN=$PREFIX/bin/bureau
CONF=$SYSCONFDIR/bureau.conf

[ "$(id -u)" = 0 ] || die "run as root (it creates a system user and sets owners)"
[ -x "$BIN" ] || die "no $BIN: run cmake --install build first (or give --prefix)"
[ -d "$SHARE/rules" ] || die "no $SHARE/rules: run cmake --install build first"

# the user and group
if ! getent group "$GROUP_NAME" >/dev/null; then
    groupadd --system "$GROUP_NAME"
    echo "created the group $GROUP_NAME"
fi
if ! getent passwd "$USER_NAME" >/dev/null; then
    useradd --system --gid "$GROUP_NAME" --home-dir "$STATEDIR" --no-create-home \
        --shell /usr/sbin/nologin --comment "bureau d'ordre" "$USER_NAME"
    echo "created the system user $USER_NAME"
fi
for c in $CLERKS; do
    usermod -a -G "$GROUP_NAME" "$c"
    echo "added $c to the group $GROUP_NAME (effective at the next login)"
done

# the configuration: root's, readable by the group
install -d -o root -g "$GROUP_NAME" -m 0750 "$SYSCONFDIR"
if [ ! -e "$SYSCONFDIR/rules" ]; then
    cp -R "$SHARE/rules" "$SYSCONFDIR/rules"
    chown -R root:"$GROUP_NAME" "$SYSCONFDIR/rules"
    find "$SYSCONFDIR/rules" -type d -exec chmod 0750 {} +
    find "$SYSCONFDIR/rules" -type f -exec chmod 0640 {} +
    echo "installed the rules in $SYSCONFDIR/rules"
fi
if [ ! -e "$SYSCONFDIR/holidays-ma.txt" ]; then
    install -o root -g "$GROUP_NAME" -m 0640 "$SHARE/holidays-ma.txt" "$SYSCONFDIR/holidays-ma.txt"
fi
if [ ! -e "$CONF" ]; then
    tmp=$CONF.tmp.$$
    sed -e "s|/etc/bureau/|$SYSCONFDIR/|g" \
        -e "s|^database = /var/lib/bureau/|database = $STATEDIR/|" \
        -e "s|^templates = /usr/share/bureau/templates|templates = $SHARE/templates|" \
        -e "s|^holidays = /usr/share/bureau/holidays-ma.txt|holidays = $SYSCONFDIR/holidays-ma.txt|" \
        "$SHARE/bureau.conf.example" >"$tmp"
    chown root:"$GROUP_NAME" "$tmp"
    chmod 0640 "$tmp"
    mv "$tmp" "$CONF"
    echo "wrote $CONF (from bureau.conf.example): edit it"
fi

# the register's directory: the service's, writable by the group, setgid
install -d -o "$USER_NAME" -g "$GROUP_NAME" -m 2770 "$STATEDIR"
chown "$USER_NAME:$GROUP_NAME" "$STATEDIR"
chmod 2770 "$STATEDIR"

if [ "$INIT" = 1 ]; then
    runuser -u "$USER_NAME" -- "$BIN" -c "$CONF" init
fi

cat <<EOF
Next:
  1. edit $CONF (organisation, addresses, [account], [smtp]);
     passwords in files: install -o root -g $GROUP_NAME -m 0640 /dev/null $SYSCONFDIR/imap.pass
     then write the password in it (password_file = $SYSCONFDIR/imap.pass)
  2. runuser -u $USER_NAME -- $BIN -c $CONF rules check
  3. systemctl daemon-reload && systemctl enable --now bureau
  4. each clerk: usermod -a -G $GROUP_NAME NAME (then log in again)
EOF
