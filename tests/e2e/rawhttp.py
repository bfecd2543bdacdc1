#!/usr/bin/env python3
# rawhttp.py — raw HTTP on a socket, for what curl will not send or measure
# (tests/e2e/t_http.sh).  Python's standard library only.
#
#   rawhttp.py send PORT REQUEST [WAIT]   REQUEST with \r \n \xNN escapes and
#       {N*TEXT} for TEXT repeated N times; prints the answers' status codes
#       (space-separated, "none" if the server closed without one, "wait" if
#       it kept the connection WAIT seconds, default 3, without one), then
#       the whole answer.
#   rawhttp.py slow PORT TIMEOUT          opens at once 40 connections that
#       trickle a request header one byte every 0.25 s, 5 that send nothing,
#       and 5 that trickle a 1,000-byte body after a complete header; prints
#       per group "NAME closed/total first last" (seconds since they opened),
#       waiting at most TIMEOUT + 4 s.
import re
import select
import socket
import sys
import time


def unescape(text):
    text = re.sub(r'\{(\d+)\*([^}]*)\}', lambda m: m.group(2) * int(m.group(1)), text)
    return text.encode('latin-1').decode('unicode_escape').encode('latin-1')


def send(port, request, wait):
    s = socket.create_connection(('127.0.0.1', port))
    s.settimeout(wait)
    s.sendall(request)
    got, ended = b'', 'wait'
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                ended = 'closed'
                break
            got += chunk
    except socket.timeout:
        pass
    except ConnectionResetError:
        ended = 'closed'
    s.close()
    codes = re.findall(rb'(?:^|\r\n)HTTP/1\.[01] (\d{3}) ', got)
    print(' '.join(c.decode() for c in codes) if codes else ('none' if ended == 'closed' else 'wait'))
    sys.stdout.write(got.decode('utf-8', 'replace'))


def slow(port, timeout):
    header = b'GET /cong-khai/ HTTP/1.1\r\nHost: x\r\nX-Slow: ' + b'a' * 4000 + b'\r\n\r\n'
    body_head = b'POST /dang-nhap HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n' \
                b'Content-Type: application/x-www-form-urlencoded\r\n\r\n'
    # name, connections, sent at once, then trickled
    groups = [('header', 40, b'', header), ('idle', 5, b'', b''), ('body', 5, body_head, b'x' * 1000)]
    conns = []  # [group, socket, what to trickle, position in it, closed at]
    start = time.time()
    for name, n, first, trickle in groups:
        for _ in range(n):
            s = socket.create_connection(('127.0.0.1', port))
            s.sendall(first)
            s.setblocking(False)
            conns.append([name, s, trickle, 0, None])
    while time.time() - start < timeout + 4 and any(c[4] is None for c in conns):
        for c in conns:
            if c[4] is not None:
                continue
            if c[3] < len(c[2]):
                try:
                    c[1].send(c[2][c[3]:c[3] + 1])
                    c[3] += 1
                except OSError:
                    pass
            try:
                if c[1].recv(65536) == b'':
                    c[4] = time.time() - start
            except BlockingIOError:
                pass
            except OSError:
                c[4] = time.time() - start
        select.select([], [], [], 0.25)
    for name, n, _, _ in groups:
        times = [c[4] for c in conns if c[0] == name and c[4] is not None]
        print('%s %d/%d %.2f %.2f' % (name, len(times), n, min(times, default=-1), max(times, default=-1)))
    for c in conns:
        c[1].close()


if __name__ == '__main__':
    if sys.argv[1] == 'send':
        send(int(sys.argv[2]), unescape(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else 3)
    elif sys.argv[1] == 'slow':
        slow(int(sys.argv[2]), float(sys.argv[3]))
