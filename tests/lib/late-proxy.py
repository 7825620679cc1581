#!/usr/bin/env python3
"""A proxy in front of cupsd's domain socket that delivers a card's document
late, as cupsd reads a killed controller's last request (t0400).

    late-proxy.py LISTEN UPSTREAM DIR

The first chunked request (a Send-Document) on any connection gets its header through; its body
is held (DIR/held appears once the whole body is in).  The client may then
be killed.  On any later connection, when cupsd answers a Get-Job-Attributes
(IPP operation 0x0009), the held body goes to cupsd first (DIR/released),
and the answer is passed on a moment later: the job had no document when
the controller looked, and has it (and may be printing) just after.
"""
import os, socket, sys, threading, time

listen, upstream, d = sys.argv[1:4]
lock = threading.Lock()
state = {"held": None, "held_sock": None, "done": False}


def received(sock):
    """What arrives on sock, a piece at a time, until it closes or fails."""
    while True:
        try:
            data = sock.recv(65536)
        except OSError:
            return
        if not data:
            return
        yield data


def pipe_up(c, u):
    """Client to cupsd; holds the first chunked body."""
    holding = False
    body = b""
    for data in received(c):
        if holding:
            body += data
            if body.endswith(b"0\r\n\r\n"):
                with lock:
                    state["held"], state["held_sock"] = body, u
                open(os.path.join(d, "held"), "w").close()
            continue
        low = data.lower()
        if not state["done"] and b"transfer-encoding: chunked" in low and b"\r\n\r\n" in data:
            i = data.index(b"\r\n\r\n") + 4
            u.sendall(data[:i])
            state["done"] = True
            holding, body = True, data[i:]
            continue
        # a Get-Job-Attributes request (IPP 1.1 or 2.0, operation 0x0009):
        # arm the release on its answer
        if b"\x02\x00\x00\x09" in data or b"\x01\x01\x00\x09" in data:
            c.armed = True
        u.sendall(data)
    if not holding:
        try:
            u.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def pipe_down(c, u):
    """cupsd to client; releases the held body before a job's answer."""
    for data in received(u):
        if getattr(c, "armed", False):
            with lock:
                held, hs = state["held"], state["held_sock"]
                state["held"] = None
            if held:
                hs.sendall(held)
                open(os.path.join(d, "released"), "w").close()
                time.sleep(1.0)   # cupsd reads it and starts the job
        try:
            c.sendall(data)
        except OSError:
            pass
    try:
        c.close()
    except OSError:
        pass


class Conn(socket.socket):
    armed = False


srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(listen)
os.chmod(listen, 0o777)
srv.listen(16)
open(os.path.join(d, "ready"), "w").close()
while True:
    fd, _ = srv._accept()
    c = Conn(socket.AF_UNIX, socket.SOCK_STREAM, fileno=fd)
    u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    u.connect(upstream)
    threading.Thread(target=pipe_up, args=(c, u), daemon=True).start()
    threading.Thread(target=pipe_down, args=(c, u), daemon=True).start()
