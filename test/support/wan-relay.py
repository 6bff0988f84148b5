#!/usr/bin/env python3
"""Delay relay for the WAN test bed: forwards IP packets between two TUN devices, each in its own
network namespace, holding every packet for DELAY +- JITTER ms (uniform) in each direction. Order is
kept per direction (a packet never overtakes the one before it), as on a real path. It relays only
between the two devices it is given, which the test created; it opens no other socket.

usage: wan-relay.py NS_A TUN_A NS_B TUN_B DELAY_MS JITTER_MS
"""
import ctypes
import fcntl
import heapq
import os
import random
import select
import struct
import sys
import time

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
libc = ctypes.CDLL(None, use_errno=True)


def open_tun(ns, name):
    """Enters namespace ns and attaches to its (persistent) TUN device name."""
    nsfd = os.open(f"/run/netns/{ns}", os.O_RDONLY)
    if libc.setns(nsfd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), f"setns {ns}")
    os.close(nsfd)
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    os.set_blocking(fd, False)
    return fd


def main():
    ns_a, tun_a, ns_b, tun_b, delay, jitter = sys.argv[1:7]
    delay, jitter = float(delay) / 1000, float(jitter) / 1000
    a, b = open_tun(ns_a, tun_a), open_tun(ns_b, tun_b)
    peer = {a: b, b: a}
    last = {a: 0.0, b: 0.0}  # latest delivery time per destination: keeps order
    queue = []  # (deliver_at, seq, fd, packet)
    seq = 0
    print("ready", flush=True)
    while True:
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, fd, pkt = heapq.heappop(queue)
            try:
                os.write(fd, pkt)
            except OSError:
                pass
        wait = max(0.0, queue[0][0] - now) if queue else 1.0
        ready, _, _ = select.select([a, b], [], [], wait)
        now = time.monotonic()
        for src in ready:
            while True:
                try:
                    pkt = os.read(src, 65536)
                except BlockingIOError:
                    break
                dst = peer[src]
                at = max(last[dst], now + delay + random.uniform(-jitter, jitter))
                last[dst] = at
                seq += 1
                heapq.heappush(queue, (at, seq, dst, pkt))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
