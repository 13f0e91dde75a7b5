#!/usr/bin/env python3
"""Test plugin with one way of misbehaving, named by argv[2]; argv[1] is the id it runs as.

mute:  heartbeats, never answers an event
sized: `!size N` is answered with a result frame of exactly N characters
flood: heartbeats as fast as it can once ready
"""
import json
import os
import sys
import threading

plugin_id, mode = sys.argv[1], sys.argv[2]
lock = threading.Lock()


def send(text):
    with lock:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


def heartbeat(interval):
    while True:
        threading.Event().wait(interval)
        send('{"type":"heartbeat"}')


send(json.dumps({"type": "hello", "protocol": 1, "id": plugin_id, "version": "1.0.0",
                 "commands": [{"name": "size", "usage": "size N", "help": "a reply of N chars"}], "events": []},
                separators=(",", ":")))
send('{"type":"ready"}')
if mode == "flood":
    line = '{"type":"heartbeat"}\n' * 1000
    while True:
        sys.stdout.write(line)
threading.Thread(target=heartbeat, args=(int(os.environ["WARDEN_HEARTBEAT_MILLIS"]) / 1000.0,), daemon=True).start()
for raw in sys.stdin:
    frame = json.loads(raw)
    if frame.get("type") != "event" or mode == "mute":
        continue
    head = '{"type":"result","seq":%d,"replies":["' % frame["seq"]
    want = int(frame["args"][0])
    send(head + "x" * (want - len(head) - 3) + '"]}')
