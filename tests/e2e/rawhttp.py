#!/usr/bin/env python3
# rawhttp.py — raw HTTP on a socket, for what curl will not send or measure
# (tests/e2e/t_http.sh).  Python's standard library only.
#
#   rawhttp.py send PORT REQUEST [WAIT]   REQUEST with \r \n \xNN escapes and
#       {N*TEXT} for TEXT repeated N times; prints the answers' status codes
#       (space-separated, "none" if the server closed without one, "wait" if
#       it kept the connection WAIT seconds, default 3, without one), then
#       the whole answer.
import re
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


if __name__ == '__main__':
    if sys.argv[1] == 'send':
        send(int(sys.argv[2]), unescape(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else 3)
