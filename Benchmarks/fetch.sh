#!/usr/bin/env bash
# Messages per second of `tlsrpt fetch` from a real Dovecot (Debian package `dovecot-imapd`) on
# loopback: a Maildir of generated RFC 8460 e-mails (each a distinct report), an unprivileged
# Dovecot with a throwaway user and a certificate made here, then one timed fetch over imaps://
# that flags every message \Seen. Dovecot indexes the folder before the clock starts, so the figure
# is tlsrpt's (and the IMAP session's), not Dovecot's first scan. The stored count is checked.
# Writes only under Benchmarks/work/.
#
# With --delay-ms N, the fetch goes through Benchmarks/latency_proxy.py, which delays every byte by
# N ms each way (a round trip of 2N ms, as to a hosted server farther away).
#
#   Benchmarks/fetch.sh [--messages 10000] [--batch-size 200] [--runs 3] [--delay-ms 0] [--binary PATH]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
MESSAGES=10000 BATCH=200 RUNS=3 DELAY=0 BINARY=""
while (($#)); do
    case "$1" in
        --messages) MESSAGES=$2; shift ;;
        --batch-size) BATCH=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --delay-ms) DELAY=$2; shift ;;
        --binary) BINARY=$2; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
command -v /usr/sbin/dovecot >/dev/null || { apt-get update && apt-get install -y --no-install-recommends dovecot-imapd; }
if [ -z "$BINARY" ]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$ROOT/.build-bench" --product tlsrpt >/dev/null)
    BINARY=$(cd "$ROOT" && swift build -c release --scratch-path "$ROOT/.build-bench" --show-bin-path)/tlsrpt
fi
CORPUS="$HERE/work/corpus-$MESSAGES-s3"
[ -d "$CORPUS/maildir" ] || python3 "$HERE/generate_corpus.py" --reports "$MESSAGES" --seed 3 --out "$CORPUS" --forms maildir
WORK="$HERE/work/fetch"

# As root, Dovecot runs its login process as nobody and the mail belongs to 65534.
if [ "$(id -u)" = 0 ]; then owner=65534 login_user=nobody; else owner=$(id -u) login_user=$(id -un); fi
imaps_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password="bench-$RANDOM$RANDOM"

start_dovecot() {
    rm -rf "$WORK" && mkdir -p "$WORK"/{run,state,mail}
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
    echo "tester:{PLAIN}$password::::::" >"$WORK/passwd"
    cat >"$WORK/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $WORK/run
state_dir = $WORK/state
log_path = $WORK/dovecot.log
ssl = required
ssl_cert = <$WORK/cert.pem
ssl_key = <$WORK/key.pem
default_internal_user = $(id -un)
default_internal_group = $(id -gn)
default_login_user = $login_user
first_valid_uid = 0
first_valid_gid = 0
auth_mechanisms = plain
passdb {
  driver = passwd-file
  args = scheme=PLAIN $WORK/passwd
}
userdb {
  driver = static
  args = uid=$owner gid=$owner home=$WORK/mail
}
mail_location = maildir:$WORK/mail/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = $imaps_port
    ssl = yes
  }
}
service anvil {
  chroot =
}
service stats {
  chroot =
}
EOF
    cp -r "$CORPUS/maildir" "$WORK/mail/Maildir"
    chown -R "$owner:$owner" "$WORK/mail"
    /usr/sbin/dovecot -c "$WORK/dovecot.conf"
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$imaps_port") 2>/dev/null && break; sleep 0.1; done
    doveadm -c "$WORK/dovecot.conf" index -u tester INBOX
}
stop_dovecot() {
    [ -z "${proxy_pid:-}" ] || kill "$proxy_pid" 2>/dev/null || true
    [ -f "$WORK/run/master.pid" ] || return 0
    local master children
    master=$(cat "$WORK/run/master.pid")
    children=$(pgrep -P "$master" || true)
    kill "$master" 2>/dev/null || true
    sleep 0.5
    # shellcheck disable=SC2086
    [ -z "$children" ] || kill -9 $children 2>/dev/null || true
}
trap stop_dovecot EXIT

fetch_port=$imaps_port
if [ "$DELAY" != 0 ]; then
    fetch_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi

echo "| run | messages | batch size | added round trip ms | seconds | messages/s | stored | flagged \\Seen | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|"
for run in $(seq "$RUNS"); do
    stop_dovecot
    start_dovecot
    printf '%s\n' "$password" >"$WORK/password"
    if [ "$DELAY" != 0 ]; then
        python3 "$HERE/latency_proxy.py" "$fetch_port" "$imaps_port" "$DELAY" >"$WORK/proxy.out" &
        proxy_pid=$!
        for _ in $(seq 100); do grep -q ready "$WORK/proxy.out" 2>/dev/null && break; sleep 0.1; done
    fi
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BINARY" fetch "imaps://tester@127.0.0.1:$fetch_port/INBOX" \
        --database "$WORK/tlsrpt.sqlite" --password-file "$WORK/password" --ca-file "$WORK/cert.pem" \
        --batch-size "$BATCH" --json >"$WORK/fetch.json"
    read -r seconds peak_kib <"$WORK/time.txt"
    stored=$("$BINARY" export --database "$WORK/tlsrpt.sqlite" | wc -l)
    seen=$(find "$WORK/mail/Maildir/cur" -name '*:2,*S*' | wc -l)
    printf '| %s | %s | %s | %s | %s | %.0f | %s | %s | %.0f |\n' "$run" "$MESSAGES" "$BATCH" "$((DELAY * 2))" "$seconds" \
        "$(awk -v m="$MESSAGES" -v s="$seconds" 'BEGIN { print m / s }')" "$stored" "$seen" \
        "$(awk -v k="$peak_kib" 'BEGIN { print k / 1024 }')"
    if [ "$stored" -ne "$MESSAGES" ] || [ "$seen" -ne "$MESSAGES" ]; then
        echo "error: $MESSAGES messages, but $stored reports stored and $seen flagged" >&2
        cat "$WORK/fetch.json" >&2
        exit 1
    fi
done
