#!/usr/bin/env python3
"""A Warden plugin in Python: speaks the wire protocol (plugin-api/PROTOCOL.md) on stdin/stdout.

Declare it in warden.yaml:
    plugins:
      external:
        - id: py-echo
          command: [python3, plugins/python-echo/echo.py]

Then `!pyecho hello` answers "python says: hello". Logs go to stderr; stdout carries protocol frames only.
"""
import json
import os
import sys
import threading

PROTOCOL = 1
lock = threading.Lock()
counters = {"echoes": 0}


def send(frame):
    line = json.dumps(frame, separators=(",", ":"))
    with lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def heartbeat(interval, stop):
    while not stop.wait(interval):
        send({"type": "heartbeat"})


def handle(event):
    seq = event["seq"]
    if event.get("kind") == "command" and event.get("name") == "pyecho":
        counters["echoes"] += 1
        send({"type": "counters", "values": counters})
        send({"type": "result", "seq": seq, "replies": ["python says: " + " ".join(event.get("args", []))]})
    else:
        send({"type": "result", "seq": seq, "replies": [], "error": "cannot handle " + str(event.get("kind"))})


def main():
    interval = int(os.environ.get("WARDEN_HEARTBEAT_MILLIS", "1000")) / 1000.0
    send({
        "type": "hello",
        "protocol": PROTOCOL,
        "id": "py-echo",
        "version": "1.0.0",
        "commands": [{"name": "pyecho", "usage": "pyecho <words>", "help": "Echoes, from Python."}],
        "events": [],
    })
    send({"type": "ready"})
    stop = threading.Event()
    threading.Thread(target=heartbeat, args=(interval, stop), daemon=True).start()
    for line in sys.stdin:
        if not line.strip():
            continue
        frame = json.loads(line)
        if frame.get("type") == "event":
            handle(frame)
        elif frame.get("type") == "stop":
            send({"type": "goodbye"})
            break
    # stdin closed (host gone) or stop: either way, leave.
    stop.set()


if __name__ == "__main__":
    main()
