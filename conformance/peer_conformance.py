#!/usr/bin/env python3
"""Black-box conformance suite for a taskshard coordinator.

Written from /work/shared/PROTOCOL.md (peer protocol version 1) alone, without the server's
code, to show that somebody else's client works against the server. Standard library only.

    python3 conformance/peer_conformance.py --server 127.0.0.1:PORT
    python3 conformance/peer_conformance.py --server ws://host:port   (or http://host:port)

Prints one line per check, `ok - ...` or `FAIL - ... (details)`, then
`conformance: N passed, M failed`, and exits 0 only when nothing failed (2 on usage errors).
Every wait is at most 15 s and the whole suite at most 2 minutes.

Checks are strict on what PROTOCOL.md fixes (message and field names, error codes, rules)
and tolerant of what it leaves open (extra fields and message types, coalescing timing,
ordering between different peers). Each check quotes its rule.
"""
import argparse
import base64
import hashlib
import json
import os
import random
import re
import select
import socket
import ssl
import string
import struct
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

MAX_WAIT_S = 15.0          # no single wait is longer
SUITE_BUDGET_S = 110.0     # waits are cut short so that the suite ends in time ...
SUITE_HARD_LIMIT_S = 119.0  # ... and a watchdog ends it regardless
QUIET_S = 0.8              # how long "nothing (bad) arrives" is watched for
ONE_MIB = 1024 * 1024
T0 = time.monotonic()
RUN = "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
VERBOSE = False


def remaining():
    return SUITE_BUDGET_S - (time.monotonic() - T0)


def bounded(seconds):
    return max(0.0, min(seconds, MAX_WAIT_S, remaining()))


# ---- minimal WebSocket client (RFC 6455) ----------------------------------------------------

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def ws_mask(data, key):
    n = len(data)
    if n == 0:
        return b""
    k = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "big") ^ int.from_bytes(k, "big")).to_bytes(n, "big")


class WebSocket:
    """Client side: HTTP/1.1 upgrade, masked frames out, text/close/ping frames in."""

    def __init__(self, host, port, path, tls=False, headers=None):
        sock = socket.create_connection((host, port), timeout=MAX_WAIT_S)
        if tls:
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        self.sock, self.send_lock = sock, threading.Lock()
        self.buf, self.parts, self.part_op = b"", [], None
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Upgrade: websocket",
                 "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                raise ConnectionError("connection closed during the WebSocket upgrade")
            data += chunk
        head, _, self.buf = data.partition(b"\r\n\r\n")
        status, *rest = head.decode("latin-1").split("\r\n")
        if status.split(" ")[1:2] != ["101"]:
            raise ConnectionError(f"upgrade refused: {status!r}")
        hdrs = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in rest)}
        want = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        if hdrs.get("sec-websocket-accept") != want:
            raise ConnectionError("wrong Sec-WebSocket-Accept in the upgrade response")

    def send_frame(self, opcode, payload):
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        key = os.urandom(4)
        with self.send_lock:
            self.sock.sendall(head + key + ws_mask(payload, key))

    def send_text(self, text):
        self.send_frame(0x1, text.encode("utf-8"))

    def _parse_frame(self):
        b = self.buf
        if len(b) < 2:
            return None
        fin, op, masked, n, i = b[0] & 0x80, b[0] & 0x0F, b[1] & 0x80, b[1] & 0x7F, 2
        if n >= 126:
            size = 2 if n == 126 else 8
            if len(b) < 2 + size:
                return None
            n, i = int.from_bytes(b[2:2 + size], "big"), 2 + size
        key = b[i:i + 4] if masked else b""
        i += len(key)
        if len(b) < i + n:
            return None
        payload, self.buf = b[i:i + n], b[i + n:]
        return bool(fin), op, ws_mask(payload, key) if masked else payload

    def recv(self, timeout):
        """One message: ("text", str), ("close", (code, reason)) or None when nothing came within
        timeout. Answers pings and close frames; raises EOFError when the socket was closed."""
        deadline = time.monotonic() + timeout
        while True:
            frame = self._parse_frame()
            if frame is None:
                left = deadline - time.monotonic()
                pending = getattr(self.sock, "pending", lambda: 0)()
                if left <= 0 and not pending:
                    return None
                if pending or select.select([self.sock], [], [], max(left, 0))[0]:
                    chunk = self.sock.recv(65536)
                    if not chunk:
                        raise EOFError("socket closed by the server without a close frame")
                    self.buf += chunk
                continue
            fin, op, payload = frame
            if op == 0x9:                                  # ping -> pong, same payload
                self.send_frame(0xA, payload)
            elif op == 0x8:                                # close -> answer it, report it
                code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else None
                try:
                    self.send_frame(0x8, payload[:2])
                except OSError:
                    pass
                return "close", (code, payload[2:].decode("utf-8", "replace"))
            elif op in (0x1, 0x2, 0x0):                    # text/binary, maybe fragmented
                if op != 0x0:
                    self.parts, self.part_op = [], op
                self.parts.append(payload)
                if fin:
                    data = b"".join(self.parts)
                    kind = "text" if self.part_op == 0x1 else "binary"
                    return kind, data.decode("utf-8", "replace")
            # 0xA pong and reserved opcodes: ignored

    def close(self):
        try:
            self.send_frame(0x8, struct.pack("!H", 1000))
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass


# ---- a protocol-level peer ------------------------------------------------------------------

ALL_LEASES = []            # (peer id, lease) of every assign the suite received, in order
ALL_LEASES_LOCK = threading.Lock()


class Peer:
    """One WebSocket connection to /v1/peer. A reader thread queues incoming frames (any order,
    any extra type), answers pings and, once joined, sends a heartbeat every heartbeatMs / 2."""

    def __init__(self, ctx, label):
        self.ctx, self.id = ctx, f"conf-{RUN}-{label}"
        self.ws = ctx.connect()
        self.inbox, self.log, self.assign_leases = [], [], []
        self.held = {}                  # lease -> task id, assigned and not finished yet
        self.cond = threading.Condition()
        self.closed = None              # why the connection ended, once it did
        self.heartbeat_ms, self.last_heartbeat = None, time.monotonic()
        self.join_errors = []
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, msg):
        text = msg if isinstance(msg, str) else json.dumps(msg)
        if VERBOSE:
            print(f"    {self.id} -> {text[:300]}")
        self.ws.send_text(text)

    def _read(self):
        while True:
            try:
                got = self.ws.recv(0.2)
            except (OSError, EOFError, ValueError) as e:
                self._ended(f"socket ended: {e}")
                return
            if got is None:
                self._maybe_heartbeat()
                continue
            kind, data = got
            if kind == "close":
                self._ended(f"close frame {data}")
                return
            if VERBOSE:
                print(f"    {self.id} <- {data[:300]}")
            try:
                msg = json.loads(data)
            except ValueError:
                msg = None
            if not isinstance(msg, dict) or kind != "text":
                msg = {"type": f"<not a JSON object in a {kind} frame>", "raw": data[:200]}
            with self.cond:
                self.log.append(msg)
                self.inbox.append(msg)
                t = msg.get("type")
                if t == "welcome" and isinstance(msg.get("heartbeatMs"), (int, float)):
                    self.heartbeat_ms = msg["heartbeatMs"]
                elif t == "assign":
                    self.assign_leases.append(msg.get("lease"))
                    self.held[hashable(msg.get("lease"))] = task_id(msg)
                    with ALL_LEASES_LOCK:
                        ALL_LEASES.append((self.id, msg.get("lease")))
                elif t == "cancel":
                    self.held.pop(hashable(msg.get("lease")), None)
                self.cond.notify_all()
            self._maybe_heartbeat()

    def _ended(self, why):
        with self.cond:
            self.closed = why
            self.cond.notify_all()

    def _maybe_heartbeat(self):
        # Rule: `heartbeat` {optional running [lease...]}: liveness, sent every `heartbeatMs`.
        hb = self.heartbeat_ms
        if hb and hb > 0 and not self.closed and time.monotonic() - self.last_heartbeat >= hb / 2000:
            self.last_heartbeat = time.monotonic()
            try:
                self.send({"type": "heartbeat", "running": list(self.held)})
            except OSError:
                pass

    def wait(self, pred, timeout):
        """Removes and returns the first queued frame matching pred, waiting up to timeout."""
        deadline = time.monotonic() + bounded(timeout)
        with self.cond:
            while True:
                for i, m in enumerate(self.inbox):
                    if pred(m):
                        return self.inbox.pop(i)
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    return None
                self.cond.wait(left)

    def wait_type(self, type_, timeout, pred=lambda m: True):
        return self.wait(lambda m: m.get("type") == type_ and pred(m), timeout)

    def take(self, type_):
        """Removes and returns every queued frame of that type (no waiting)."""
        with self.cond:
            got = [m for m in self.inbox if m.get("type") == type_]
            self.inbox = [m for m in self.inbox if m.get("type") != type_]
            return got

    def wait_closed(self, timeout):
        deadline = time.monotonic() + bounded(timeout)
        with self.cond:
            while not self.closed and time.monotonic() < deadline:
                self.cond.wait(deadline - time.monotonic())
            return self.closed

    def recent(self, n=6):
        with self.cond:
            frames = [json.dumps(m)[:160] for m in self.log[-n:]]
        return f"{self.id} last frames: [{'; '.join(frames)}]" + (f", {self.closed}" if self.closed else "")

    def hello(self, schema_name, tasks, slots=1, **overrides):
        msg = {"type": "hello", "protocol": 1, "peer": self.id,
               "schema": {"name": schema_name, "tasks": tasks},
               "cacheId": f"conf-cache-{RUN}",
               "repoState": {"example.com/conformance/repo": {
                   "baseRef": "refs/heads/main", "patchset": f"ps-{RUN}", "additionalPatchsets": []}},
               "complexPatchset": False, "slots": slots}
        msg.update(overrides)
        self.send(msg)

    def join(self, schema_name, tasks, slots=1, **overrides):
        """hello, then waits for welcome (a fatal error instead ends the scenario). Non-fatal
        errors before the welcome (e.g. a schema-conflict notice) go to self.join_errors:
        "the connection stays open unless the error says fatal: true"."""
        self.hello(schema_name, tasks, slots, **overrides)
        self.join_errors = []
        while True:
            got = self.wait(lambda m: m.get("type") in ("welcome", "error"), 10)
            if got is not None and got.get("type") == "error" and got.get("fatal") is False:
                self.join_errors.append(got)
                continue
            if got is None or got.get("type") != "welcome":
                raise Abort(f"{CURRENT[0]}. hello is answered by welcome", f"got {got}; {self.recent()}")
            return got

    def finish(self, lease, outcome="success", exit_code=None):
        self.held.pop(hashable(lease), None)
        self.send({"type": "finished", "lease": lease, "outcome": outcome,
                   "exitCode": (0 if outcome == "success" else 1) if exit_code is None else exit_code,
                   "durationMs": 5, "log": f"conformance {outcome}"})

    def close(self, goodbye=True):
        if goodbye and not self.closed:
            try:
                self.send({"type": "goodbye"})
            except OSError:
                pass
        self.ws.close()


def hashable(v):
    return json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v


def task_id(assign):
    t = assign.get("task")
    return t.get("id") if isinstance(t, dict) else None


def job_id_of(welcome):
    job = welcome.get("job")
    return job.get("id") if isinstance(job, dict) else None


def same_id(a, b):
    if isinstance(a, dict):
        a = a.get("id")
    return a is not None and str(a) == str(b)


def lease_num(lease):
    if isinstance(lease, int) and not isinstance(lease, bool):
        return lease
    if isinstance(lease, str) and lease.isdigit():
        return int(lease)
    return None


def bogus_lease(real):
    """A lease the server never issued, of the same JSON type as a real one."""
    n = lease_num(real)
    big = (n or 0) + 1_000_000_007
    return big if isinstance(real, int) else (str(big) if n is not None else f"{real}-bogus")


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def tasks_of(*ids, **extra):
    # Rule: `schema` {`name`, `tasks`: [{`id`, ...}]}; `command` is one of "the schema's fields".
    return [dict({"id": i, "command": f"echo {i}"}, **extra.get(i, {})) for i in ids]


# ---- checks and scenarios -------------------------------------------------------------------

CURRENT = ["?"]             # the scenario running now, for messages
KNOWN_TYPES = {"welcome", "assign", "ack", "cancel", "task-done", "job-complete", "error"}
PASSED, FAILED = [0], [0]
PRINT_LOCK = threading.Lock()


def check(name, ok, detail=""):
    with PRINT_LOCK:
        if ok:
            PASSED[0] += 1
            print(f"ok - {name}", flush=True)
        else:
            FAILED[0] += 1
            print(f"FAIL - {name} ({detail})", flush=True)
    return ok


class Abort(Exception):
    """A precondition of the rest of the scenario failed: counted as one failed check."""

    def __init__(self, what, detail):
        super().__init__(what)
        self.what, self.detail = what, detail


def require(name, ok, detail=""):
    if not ok:
        raise Abort(name, detail)
    check(name, True)


class Context:
    def __init__(self, host, port, tls, token, api_token):
        self.host, self.port, self.tls = host, port, tls
        self.token, self.api_token = token, api_token
        self.peers = []
        self.jobs = {}          # what later scenarios may reuse, e.g. a finished job's id and tasks

    def connect(self):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None
        return WebSocket(self.host, self.port, "/v1/peer", self.tls, headers)

    def peer(self, label):
        p = Peer(self, label)
        self.peers.append(p)
        return p

    def schema(self, label):
        return f"conf-{RUN}-{label}"

    def http(self, path):
        """GET path -> (status, content type, body text)."""
        url = f"{'https' if self.tls else 'http'}://{self.host}:{self.port}{path}"
        req = urllib.request.Request(url)
        if self.api_token:
            req.add_header("Authorization", f"Bearer {self.api_token}")
        try:
            with urllib.request.urlopen(req, timeout=bounded(10)) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8", "replace")


def check_error(name, err, code, fatal=None, peer=None):
    """An `error` frame: `code`, `message`, `fatal` -- with the wanted code (and fatal flag)."""
    # Rule: `error` | `code`, `message`, `fatal`.
    detail = f"got {err}" + (f"; {peer.recent()}" if peer else "")
    if err is None:
        return check(name, False, f"no error frame within the wait; {peer.recent() if peer else ''}")
    ok = (err.get("code") == code and isinstance(err.get("message"), str)
          and isinstance(err.get("fatal"), bool) and (fatal is None or err.get("fatal") is fatal))
    return check(name, ok, f"want code {code!r}, a string message, fatal {fatal if fatal is not None else 'a bool'}; {detail}")


def drive(peers, decide, until, timeout=12, st=None):
    """Runs the peers' tasks: every `assign` gets `started` + `finished` with the outcome
    decide(peer, assign, state) returns (None: hold it, ask again later). Collects assigns,
    acks, task-done entries and job-complete frames per peer until until(state) or timeout.
    Pass the state of an earlier call as st to go on with it."""
    st = st or {"assigns": [], "acks": {}, "done": {}, "done_frames": {},
                "complete": {}, "errors": [], "held": [], "finished": {}}
    for p in peers:
        st["done"].setdefault(p.id, {})
        st["done_frames"].setdefault(p.id, 0)
    deadline = time.monotonic() + bounded(timeout)
    while True:
        for p in peers:
            for m in p.take("assign"):
                st["assigns"].append((p, m))
                st["held"].append((p, m))
            for m in p.take("ack"):
                st["acks"].setdefault(hashable(m.get("lease")), []).append((p, m))
            for m in p.take("task-done"):
                st["done_frames"][p.id] += 1
                for e in m.get("tasks") if isinstance(m.get("tasks"), list) else [{"bad": m}]:
                    st["done"][p.id][e.get("task") if isinstance(e, dict) else None] = e
            for m in p.take("job-complete"):
                st["complete"].setdefault(p.id, m)
            st["errors"] += [(p, m) for m in p.take("error")]
        still = []
        for p, m in st["held"]:
            outcome = decide(p, m, st)
            if outcome is None:
                still.append((p, m))
                continue
            p.send({"type": "started", "lease": m.get("lease")})
            p.finish(m.get("lease"), outcome)
            st["finished"][hashable(m.get("lease"))] = (p, m, outcome)
        st["held"] = still
        if until(st) or time.monotonic() >= deadline:
            return st
        time.sleep(0.02)


def all_complete(peers, n_tasks=0):
    """Until every peer has job-complete and task-done entries for n_tasks tasks (a coalesced
    task-done may come after job-complete: PROTOCOL.md does not order them)."""
    return lambda st: all(p.id in st["complete"] and len(st["done"][p.id]) >= n_tasks for p in peers)


def check_finished_acked(prefix, st):
    # Rule: `ack` {`lease`}: the `finished` for this lease is stored durably.
    missing = [(p.id, lease) for lease, (p, m, o) in st["finished"].items()
               if not any(q is p for q, _ in st["acks"].get(lease, []))]
    check(f"{prefix} every finished is answered by ack with the same lease", not missing,
          f"no ack for (peer, lease) {missing}")


def check_task_done(prefix, st, peers, want):
    """want: task id -> (outcome, set of acceptable `by` peer ids or None)."""
    # Rule: `task-done` {`tasks` [{`task`, `outcome`, `by` (peer id)}]}: tasks of your job that
    # reached an end state anywhere; the coordinator may coalesce them.
    for p in peers:
        got = st["done"][p.id]
        bad = []
        for tid, (outcome, by) in want.items():
            e = got.get(tid)
            if not isinstance(e, dict) or e.get("outcome") != outcome or (by and e.get("by") not in by):
                bad.append(f"{tid}: want outcome {outcome} by {sorted(by) if by else 'any'}, got {e}")
        check(f"{prefix} {p.id} gets task-done for every task ({st['done_frames'][p.id]} frame(s))",
              not bad, "; ".join(bad) + f"; {p.recent()}")


def check_job_complete(prefix, st, peers, job_id, outcome, failed):
    # Rule: `job-complete` {`job`, `outcome` (success|failure|cancelled), `failed` [task ids]}.
    for p in peers:
        m = st["complete"].get(p.id)
        ok = (m is not None and same_id(m.get("job"), job_id) and m.get("outcome") == outcome
              and isinstance(m.get("failed"), list) and sorted(map(str, m["failed"])) == sorted(failed))
        check(f"{prefix} {p.id} gets job-complete outcome {outcome}, failed {failed}", ok,
              f"want job {job_id!r}; got {m}; {p.recent()}")


def check_no_errors(prefix, st, extra_peers=()):
    errs = [(p.id, m) for p, m in st["errors"]]
    for p in extra_peers:
        errs += [(p.id, m) for m in p.take("error")]
    check(f"{prefix} no error frames", not errs, f"got {errs}")


def check_welcome(prefix, w, schema_name, n_tasks, hello_peer):
    # Rule: `welcome` {`peer`, `job` {`id`, `name`, `tasks`, `done`}, `heartbeatMs`};
    # `tasks`/`done` are counts.
    job = w.get("job")
    problems = []
    if not isinstance(w.get("peer"), str) or not w["peer"]:
        problems.append("peer is not a non-empty string")
    if not isinstance(job, dict):
        problems.append("job is not an object")
    else:
        if job.get("id") in (None, "") or not isinstance(job.get("id"), (str, int)):
            problems.append("job.id missing")
        if not isinstance(job.get("name"), str) or schema_name not in job["name"]:
            problems.append(f"job.name is not a string naming the schema {schema_name!r}")
        if not is_int(job.get("tasks")) or job["tasks"] != n_tasks:
            problems.append(f"job.tasks is not the count {n_tasks}")
        if not is_int(job.get("done")) or not 0 <= job["done"] <= n_tasks:
            problems.append("job.done is not a count")
    if not isinstance(w.get("heartbeatMs"), (int, float)) or isinstance(w.get("heartbeatMs"), bool) \
            or w["heartbeatMs"] <= 0:
        problems.append("heartbeatMs is not a positive number")
    check(f"{prefix} welcome has peer, job {{id, name, tasks, done}} and heartbeatMs",
          not problems, f"{'; '.join(problems)}; got {w}")
    if isinstance(w.get("peer"), str) and w["peer"] != hello_peer:
        print(f"# note: welcome.peer {w['peer']!r} differs from the hello's peer {hello_peer!r}")


def check_assign(prefix, m, schema_tasks):
    # Rule: `assign` {`lease`, `task` {`id`, plus the schema's fields for it}, `attempt`, `timeoutMs`}.
    problems = []
    if m.get("lease") is None or isinstance(m.get("lease"), (bool, dict, list)):
        problems.append("lease missing")
    task = m.get("task")
    by_id = {t["id"]: t for t in schema_tasks}
    if not isinstance(task, dict) or task.get("id") not in by_id:
        problems.append("task.id is not one of the schema's task ids")
    else:
        lost = {k: v for k, v in by_id[task["id"]].items() if task.get(k) != v}
        if lost:
            problems.append(f"task lacks the schema's fields {lost}")
    if not is_int(m.get("attempt")):
        problems.append("attempt is not an integer")
    if not isinstance(m.get("timeoutMs"), (int, float)) or isinstance(m.get("timeoutMs"), bool) or m["timeoutMs"] < 0:
        problems.append("timeoutMs is not a number")
    check(f"{prefix} assign has lease, task {{id, schema fields}}, attempt, timeoutMs",
          not problems, f"{'; '.join(problems)}; got {m}")


# 1 ------------------------------------------------------------------------------------------
def s1_hello_welcome_assign(ctx):
    name, tasks = ctx.schema("s1"), tasks_of("compile", "test")
    p = ctx.peer("s1")
    p.hello(name, tasks)
    first = p.wait(lambda m: m.get("type") in KNOWN_TYPES, 10)
    # Rule: hello -> "joined": the answer to a hello is `welcome` (before any assign).
    require("1. hello is answered first by welcome", first is not None and first.get("type") == "welcome",
            f"first frame {first}; {p.recent()}")
    check_welcome("1.", first, name, 2, p.id)
    check("1. welcome of a new job counts done 0", (first.get("job") or {}).get("done") == 0, f"got {first}")
    a = p.wait_type("assign", 10)
    require("1. an assign follows the welcome", a is not None, p.recent())
    check_assign("1.", a, tasks)
    p.inbox.insert(0, a)
    st = drive([p], lambda *_: "success", all_complete([p]))
    ids = sorted(task_id(m) for _, m in st["assigns"])
    check("1. a one-slot peer is given both tasks", ids == ["compile", "test"], f"assigned {ids}")
    for _, m in st["assigns"][1:]:
        check_assign("1.", m, tasks)
    check_finished_acked("1.", st)
    check_job_complete("1.", st, [p], job_id_of(first), "success", [])
    check_no_errors("1.", st)


# 2 ------------------------------------------------------------------------------------------
def s2_three_peers_one_job(ctx):
    name = ctx.schema("s2")
    tasks = tasks_of(*[f"t{i}" for i in range(1, 7)])
    a, b = ctx.peer("s2-a"), ctx.peer("s2-b")
    wa = a.join(name, tasks, slots=3)
    wb = b.join(name, tasks, slots=3)
    jid = job_id_of(wa)
    # Rule: peers with the same schema name + task list + cacheId + compatible repoState form one job.
    check("2. a second peer with the same hello joins the same job", same_id(jid, job_id_of(wb)),
          f"job ids {jid!r} vs {job_id_of(wb)!r}")
    # Let A and B take every task first (3 slots each), so that C joins with nothing left to run.
    st = drive([a, b], lambda *_: None, lambda s: len(s["assigns"]) >= 6, timeout=5)
    c = ctx.peer("s2-c")
    wc = c.join(name, tasks, slots=1)
    check("2. a third peer with the same hello joins the same job", same_id(jid, job_id_of(wc)),
          f"job ids {jid!r} vs {job_id_of(wc)!r}")
    st2 = drive([a, b, c], lambda *_: "success", all_complete([a, b, c], 6), st=st)
    assigns = st2["assigns"]
    ids = sorted(task_id(m) for _, m in assigns)
    # Rule: the coordinator hands every task of that job to exactly one peer at a time; with no
    # failures each task is assigned exactly once.
    check("2. each of the 6 tasks is assigned exactly once across the three peers",
          ids == sorted(t["id"] for t in tasks), f"assigned {ids}")
    ran = {}
    for p, m in assigns:
        ran.setdefault(p.id, []).append(task_id(m))
    by = {task_id(m): {p.id} for p, m in assigns}
    print(f"# note: tasks per peer: {ran}")
    check_finished_acked("2.", st2)
    check_task_done("2.", st2, [a, b, c], {t["id"]: ("success", by.get(t["id"])) for t in tasks})
    check_job_complete("2.", st2, [a, b, c], jid, "success", [])
    if c.id not in ran:
        check("2. the peer that ran nothing also got task-done and job-complete",
              c.id in st2["complete"] and len(st2["done"][c.id]) == 6, c.recent())
    else:
        print("# note: the third peer ran a task, so 'a peer that ran nothing' is not exercised")
    check_no_errors("2.", st2)
    ctx.jobs["s2"] = (jid, [t["id"] for t in tasks], [a, b, c])


# 3 ------------------------------------------------------------------------------------------
def s3_leases_increase(ctx):
    name, tasks = ctx.schema("s3"), tasks_of("l1", "l2", "l3", "l4", "l5")
    p = ctx.peer("s3")
    p.join(name, tasks, slots=2)
    st = drive([p], lambda *_: "success", all_complete([p]))
    check("3. all 5 tasks assigned and finished", len(st["assigns"]) == 5, f"{len(st['assigns'])} assigns")
    # Rule: `assign`: `lease` is unique and increasing (a fencing token).
    check_leases("3. leases on one connection are unique and increasing", [(p.id, m.get("lease")) for _, m in st["assigns"]])


def check_leases(name, pairs):
    nums = [lease_num(l) for _, l in pairs]
    if any(n is None for n in nums):
        return check(name, False, f"a lease is not an integer, cannot judge 'increasing': {pairs}")
    per = {}
    for (pid, _), n in zip(pairs, nums):
        per.setdefault(pid, []).append(n)
    not_inc = {pid: ns for pid, ns in per.items() if any(x >= y for x, y in zip(ns, ns[1:]))}
    dup = sorted({n for n in nums if nums.count(n) > 1})
    return check(name, not not_inc and not dup, f"not increasing per connection: {not_inc}; duplicates: {dup}")


def s3_suite_wide(ctx):
    with ALL_LEASES_LOCK:
        pairs = list(ALL_LEASES)
    # Rule: `lease` is unique and increasing (a fencing token) -- over every assign of this run.
    check_leases(f"3. all {len(pairs)} leases of the suite are unique, and increasing on each connection", pairs)


# 4 ------------------------------------------------------------------------------------------
def s4_stale_lease(ctx):
    name, tasks = ctx.schema("s4"), tasks_of("only")
    p = ctx.peer("s4")
    p.join(name, tasks)
    a = p.wait_type("assign", 10)
    require("4. the task is assigned", a is not None, p.recent())
    lease, fake = a.get("lease"), bogus_lease(a.get("lease"))
    p.send({"type": "started", "lease": lease})
    p.send({"type": "progress", "lease": lease, "log": "step 1 of 2"})
    # Rule: `started` {lease}: the assigned task began; `progress` {lease, log}: still working.
    err = p.wait_type("error", QUIET_S)
    check("4. started and progress on the live lease are accepted without error", err is None, f"got {err}")
    # Rule: "Only the current lease counts. started/progress/finished for any other lease get
    # error{code: stale-lease, fatal: false} and change nothing."
    for kind, extra in (("started", {}), ("progress", {"log": "x"}),
                        ("finished", {"outcome": "failure", "exitCode": 1, "durationMs": 1})):
        p.send(dict({"type": kind, "lease": fake}, **extra))
        check_error(f"4. {kind} on a made-up lease -> error stale-lease, fatal false",
                    p.wait_type("error", 10), "stale-lease", False, p)
    p.finish(lease)
    ack = p.wait_type("ack", 10, lambda m: m.get("lease") == lease)
    check("4. the connection stays usable: finished on the live lease is acked", ack is not None, p.recent())
    done = p.wait_type("job-complete", 10)
    # The stale `finished` (failure) changed nothing: the job still succeeds.
    check("4. the stale finished changed nothing: job-complete outcome success",
          done is not None and done.get("outcome") == "success", f"got {done}; {p.recent()}")
    check("4. no further error frames", not p.take("error"), p.recent())


# 5 ------------------------------------------------------------------------------------------
def s5_repeated_finished(ctx):
    name, tasks = ctx.schema("s5"), tasks_of("once")
    p = ctx.peer("s5")
    p.join(name, tasks)
    a = p.wait_type("assign", 10)
    require("5. the task is assigned", a is not None, p.recent())
    lease = a.get("lease")
    p.finish(lease)
    require("5. finished is acked", p.wait_type("ack", 10, lambda m: m.get("lease") == lease) is not None, p.recent())
    done = p.wait_type("job-complete", 10)
    check("5. job-complete outcome success", done is not None and done.get("outcome") == "success", p.recent())
    # The repeat reports a failure: if it changed anything, a retry or a failed task-done would show.
    p.finish(lease, "failure")
    # Rule: "A repeated `finished` for a lease already acked is acked again and changes nothing."
    ack2 = p.wait(lambda m: m.get("type") == "error" or (m.get("type") == "ack" and m.get("lease") == lease), 10)
    check("5. a repeated finished for an acked lease gets ack again", ack2 is not None and ack2.get("type") == "ack",
          f"got {ack2}; {p.recent()}")
    time.sleep(0.5)
    failed_done = [m for m in p.take("task-done") if any(isinstance(e, dict) and e.get("outcome") != "success"
                                                         for e in m.get("tasks") or [])]
    check("5. the repeat (reporting failure) changed nothing: no error, assign, failed task-done or job-complete",
          not p.take("error") and not p.take("assign") and not failed_done and not p.take("job-complete"),
          p.recent())


# 6 ------------------------------------------------------------------------------------------
def s6_bad_frames(ctx):
    name, tasks = ctx.schema("s6"), tasks_of("survivor")
    p = ctx.peer("s6")
    p.join(name, tasks)
    a = p.wait_type("assign", 10)
    require("6. the task is assigned", a is not None, p.recent())
    # Rule: "A frame ... not JSON or of unknown `type` gets an `error` frame; the connection stays
    # open unless the error says fatal: true." Codes: bad-json, unknown-type, bad-message.
    cases = [("not JSON", "this is {not json", ("bad-json",)),
             ("JSON with an unknown type", json.dumps({"type": "no-such-type-xyz"}), ("unknown-type",)),
             # PROTOCOL.md does not name the code for a missing `type`; unknown-type is expected,
             # bad-message is accepted as the other fitting code.
             ("JSON without a type", json.dumps({"lease": a.get("lease")}), ("unknown-type", "bad-message")),
             # Rule: `finished` | `lease`, `outcome`, ... -> without its lease it is a bad message.
             ("finished without a lease", json.dumps({"type": "finished", "outcome": "success",
                                                      "exitCode": 0, "durationMs": 1}), ("bad-message",))]
    for what, text, codes in cases:
        p.send(text)
        err = p.wait_type("error", 10)
        ok = err is not None and err.get("code") in codes and err.get("fatal") is False \
            and isinstance(err.get("message"), str)
        check(f"6. {what} -> error {'/'.join(codes)}, fatal false", ok, f"got {err}; {p.recent()}")
    p.send({"type": "heartbeat", "running": [a.get("lease")]})
    p.send({"type": "progress", "lease": a.get("lease")})
    time.sleep(0.3)
    check("6. the connection stays usable: heartbeat and progress afterwards give no error",
          not p.take("error") and not p.closed, p.recent())
    p.finish(a.get("lease"))
    check("6. the connection stays usable: finishing its task is acked",
          p.wait_type("ack", 10, lambda m: m.get("lease") == a.get("lease")) is not None, p.recent())
    done = p.wait_type("job-complete", 10)
    check("6. job-complete outcome success", done is not None and done.get("outcome") == "success", p.recent())


# 7 ------------------------------------------------------------------------------------------
def s7_not_hello_and_version(ctx):
    p = ctx.peer("s7-nohello")
    p.send({"type": "heartbeat"})
    # Rule: "The first frame must be `hello` (within 10 s); anything else is a fatal `error`."
    check_error("7. a first frame other than hello -> error not-hello, fatal true",
                p.wait_type("error", 10), "not-hello", True, p)
    why = p.wait_closed(10)
    check("7. ... and the connection closes", why is not None, p.recent())

    q = ctx.peer("s7-v99")
    q.hello(ctx.schema("s7"), tasks_of("x"), protocol=99)
    err = q.wait(lambda m: m.get("type") in ("error", "welcome"), 10)
    # Rule: `hello` {`protocol` (1), ...}; error codes include `protocol-version`.
    check_error("7. hello with protocol 99 -> error protocol-version", err, "protocol-version", None, q)
    if err is not None and err.get("fatal") is True:
        check("7. ... fatal, so the connection closes", q.wait_closed(10) is not None, q.recent())
    check("7. ... and no welcome or assign follows", not q.take("welcome") and not q.take("assign"), q.recent())


# 8 ------------------------------------------------------------------------------------------
def s8_too_large(ctx):
    name, tasks = ctx.schema("s8"), tasks_of("big")
    p = ctx.peer("s8")
    p.join(name, tasks)
    a = p.wait_type("assign", 10)
    require("8. the task is assigned", a is not None, p.recent())
    lease = a.get("lease")
    huge = json.dumps({"type": "progress", "lease": lease, "log": "x" * (ONE_MIB + 4096)})
    p.send(huge)
    # Rule: "A frame over the size limit (default 1 MiB) ... gets an `error` frame; the connection
    # stays open unless the error says `fatal: true`." Code: `too-large`. The brief: stays open.
    err = p.wait_type("error", 10)
    check_error("8. a frame over 1 MiB -> error too-large, fatal false", err, "too-large", False, p)
    p.send({"type": "progress", "lease": lease, "log": "small again"})
    time.sleep(0.3)
    check("8. the connection stays open: a normal frame afterwards gets no error",
          not p.closed and not p.take("error"), p.recent())
    p.finish(lease)
    check("8. the connection stays open: finished afterwards is acked",
          p.wait_type("ack", 10, lambda m: m.get("lease") == lease) is not None, p.recent())


# 9 ------------------------------------------------------------------------------------------
def s9_failure_and_retry(ctx):
    name = ctx.schema("s9")
    tasks = tasks_of("good", "flaky", flaky={"attempts": 2})
    a, b = ctx.peer("s9-a"), ctx.peer("s9-b")
    w = a.join(name, tasks)
    b.join(name, tasks)
    flaky_runs = []

    def decide(p, m, st):
        if task_id(m) == "good":
            return "success"
        # Fail `flaky` only once `good` is acked, so that the other peer is free for the retry.
        good_acked = any(task_id(mm) == "good" and lease in st["acks"]
                         for lease, (_, mm, _) in st["finished"].items())
        if not good_acked:
            return None
        flaky_runs.append((p, m))
        return "failure"

    st = drive([a, b], decide, all_complete([a, b], 2), timeout=14)
    # Rule: "A failed attempt is retried on another peer where one exists, up to the task's
    # attempts limit; then the task fails, every peer gets task-done with failure, and the job
    # ends with job-complete{outcome: failure} once nothing is running."
    check("9. the failing task is attempted exactly twice (attempts: 2)", len(flaky_runs) == 2,
          f"{len(flaky_runs)} attempt(s): {[(p.id, m) for p, m in flaky_runs]}")
    if len(flaky_runs) == 2:
        (p1, m1), (p2, m2) = flaky_runs
        check("9. the retry goes to the other peer (one exists)", p1 is not p2, f"both attempts on {p1.id}")
        check("9. the retry's attempt number is higher",
              is_int(m1.get("attempt")) and is_int(m2.get("attempt")) and m2["attempt"] > m1["attempt"],
              f"attempts {m1.get('attempt')!r} then {m2.get('attempt')!r}")
    check_finished_acked("9.", st)
    check_task_done("9.", st, [a, b], {"good": ("success", None), "flaky": ("failure", None)})
    check_job_complete("9.", st, [a, b], job_id_of(w), "failure", ["flaky"])
    check_no_errors("9.", st)


# 10 -----------------------------------------------------------------------------------------
def s10_goodbye_releases(ctx):
    name, tasks = ctx.schema("s10"), tasks_of("handover")
    a = ctx.peer("s10-a")
    a.join(name, tasks)
    first = a.wait_type("assign", 10)
    require("10. the first peer is assigned the task", first is not None, a.recent())
    b = ctx.peer("s10-b")
    b.join(name, tasks)
    early = b.wait_type("assign", QUIET_S)
    check("10. the second peer gets nothing while the first holds the only task", early is None, f"got {early}")
    a.send({"type": "goodbye"})
    # Rule: `goodbye`: leaving on purpose; its running leases are released at once.
    m = b.wait_type("assign", 10)
    check("10. after goodbye the held task goes to the other peer of the job",
          m is not None and task_id(m) == "handover", b.recent())
    if m is not None:
        check("10. ... with a new, higher lease", lease_num(m.get("lease")) is not None
              and lease_num(first.get("lease")) is not None
              and lease_num(m.get("lease")) > lease_num(first.get("lease")),
              f"leases {first.get('lease')!r} then {m.get('lease')!r}")
        b.finish(m.get("lease"))
        check("10. the new holder's finished is acked",
              b.wait_type("ack", 10, lambda x: x.get("lease") == m.get("lease")) is not None, b.recent())
        done = b.wait_type("job-complete", 10)
        check("10. job-complete outcome success", done is not None and done.get("outcome") == "success", b.recent())
    a.close(goodbye=False)


# 11 -----------------------------------------------------------------------------------------
def s11_late_joiner(ctx):
    name, tasks = ctx.schema("s11"), tasks_of("early")
    a = ctx.peer("s11-a")
    wa = a.join(name, tasks)
    st = drive([a], lambda *_: "success", all_complete([a]))
    require("11. the job completes while its peer stays connected", a.id in st["complete"], a.recent())
    b = ctx.peer("s11-late")
    b.hello(name, tasks)
    w = b.wait(lambda m: m.get("type") in KNOWN_TYPES, 10)
    # Rule: `job-complete`: "nothing more will be assigned; a late joiner gets this right after `welcome`".
    require("11. the late joiner gets welcome", w is not None and w.get("type") == "welcome", b.recent())
    check("11. ... for the completed job", same_id(job_id_of(w), job_id_of(wa)),
          f"job ids {job_id_of(wa)!r} vs {job_id_of(w)!r}")
    check("11. ... whose done count is its task count", (w.get("job") or {}).get("done") == 1, f"got {w}")
    nxt = b.wait(lambda m: m.get("type") in ("job-complete", "assign", "error", "welcome"), 5)
    check("11. the late joiner gets job-complete right after welcome (no assign)",
          nxt is not None and nxt.get("type") == "job-complete" and nxt.get("outcome") == "success"
          and same_id(nxt.get("job"), job_id_of(wa)), f"got {nxt}; {b.recent()}")


# 12 -----------------------------------------------------------------------------------------
def s12_group_keys(ctx):
    name = ctx.schema("s12")
    a = ctx.peer("s12-a")
    ja = job_id_of(a.join(name, tasks_of("p", "q")))
    # Rule: "A schema with the same name but a different task list never joins that group."
    b = ctx.peer("s12-b")
    jb = job_id_of(b.join(name, tasks_of("p", "r")))
    check("12. same schema name, different task list -> a different job id", not same_id(ja, jb), f"both {ja!r}")
    # Rule: error codes include `schema-conflict`; a non-fatal error leaves the connection open.
    codes = [e.get("code") for e in b.join_errors]
    check("12. ... any error before its welcome is a non-fatal schema-conflict", set(codes) <= {"schema-conflict"},
          f"got {b.join_errors}")
    if codes:
        print(f"# note: the server sent {codes} (non-fatal) before the welcome of the other task list")
    # Rule: group key includes `cacheId`.
    d = ctx.peer("s12-d")
    jd = job_id_of(d.join(name, tasks_of("p", "q"), cacheId=f"other-cache-{RUN}"))
    check("12. same hello with another cacheId -> a different job id", not same_id(ja, jd), f"both {ja!r}")
    # Rule: "every repo of the newcomer is in the group with the same baseRef".
    e = ctx.peer("s12-e")
    je = job_id_of(e.join(name, tasks_of("p", "q"), repoState={"example.com/conformance/repo": {
        "baseRef": "refs/heads/other", "patchset": f"ps-{RUN}", "additionalPatchsets": []}}))
    check("12. same hello with another baseRef -> a different job id", not same_id(ja, je), f"both {ja!r}")
    # ... "and at least one of its patchset/additionalPatchsets is already in the group".
    f = ctx.peer("s12-f")
    jf = job_id_of(f.join(name, tasks_of("p", "q"), repoState={"example.com/conformance/repo": {
        "baseRef": "refs/heads/main", "patchset": f"ps2-{RUN}", "additionalPatchsets": [f"ps-{RUN}"]}}))
    check("12. same hello whose additionalPatchsets holds the group's patchset -> the same job id",
          same_id(ja, jf), f"{ja!r} vs {jf!r}")
    # Rule: "`complexPatchset: true` always starts a new group." (Checked last: whether later
    # peers may join a complex group is left open, so no other check here depends on it.)
    c = ctx.peer("s12-c")
    jc = job_id_of(c.join(name, tasks_of("p", "q"), complexPatchset=True))
    check("12. same hello with complexPatchset true -> a different job id", not same_id(ja, jc), f"both {ja!r}")


# 13 -----------------------------------------------------------------------------------------
def s13_operator_api(ctx):
    # Rule: "Plus `GET /healthz` (no auth) and `GET /metrics` (Prometheus text)."
    status, _, body = ctx.http("/healthz")
    check("13. GET /healthz -> 200", status == 200, f"status {status}, body {body[:200]!r}")
    if "s2" in ctx.jobs:
        jid, task_ids, peers = ctx.jobs["s2"]
        live = [p for p in peers if not p.closed]
    else:
        name, tasks = ctx.schema("s13"), tasks_of("api")
        p = ctx.peer("s13")
        w = p.join(name, tasks)
        jid, task_ids, live = job_id_of(w), ["api"], [p]

    def get_json(path, what):
        st, ctype, text = ctx.http(path)
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
        check(f"13. GET {what} -> 200 JSON", st == 200 and doc is not None,
              f"status {st}, content type {ctype!r}, body {text[:200]!r}")
        return doc, text

    # Rule: operator API (HTTP, JSON, under /api/v1): at least GET peers, GET jobs, GET jobs/{id}
    # (with tasks and attempts), GET jobs/{id}/comparison, GET jobs/{id}/trace (Chrome trace event JSON).
    doc, text = get_json("/api/v1/peers", "/api/v1/peers")
    if doc is not None and live:
        check("13. GET /api/v1/peers lists a connected peer", live[0].id in text, f"{live[0].id} not in {text[:300]!r}")
    doc, text = get_json("/api/v1/jobs", "/api/v1/jobs")
    if doc is not None:
        check("13. GET /api/v1/jobs lists the job", str(jid) in text, f"{jid!r} not in {text[:300]!r}")
    q = urllib.parse.quote(str(jid), safe="")
    doc, text = get_json(f"/api/v1/jobs/{q}", "/api/v1/jobs/{id}")
    if doc is not None:
        missing = [t for t in task_ids if t not in text]
        check("13. GET /api/v1/jobs/{id} shows the job's tasks", not missing, f"missing {missing}: {text[:300]!r}")
    get_json(f"/api/v1/jobs/{q}/comparison", "/api/v1/jobs/{id}/comparison")
    doc, text = get_json(f"/api/v1/jobs/{q}/trace", "/api/v1/jobs/{id}/trace")
    if doc is not None:
        events = doc.get("traceEvents") if isinstance(doc, dict) else doc
        check("13. the trace is Chrome trace event JSON (an event array or {traceEvents: [...]})",
              isinstance(events, list) and all(isinstance(e, dict) and "ph" in e for e in events),
              f"got {text[:300]!r}")
    # Rule: "Errors are JSON {error, message} with a fitting 4xx/5xx status."
    st, ctype, text = ctx.http(f"/api/v1/jobs/no-such-job-{RUN}")
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    check("13. GET /api/v1/jobs/{unknown id} -> 4xx JSON with error and message",
          400 <= st < 500 and isinstance(doc, dict) and "error" in doc and "message" in doc,
          f"status {st}, body {text[:200]!r}")
    st, ctype, text = ctx.http("/metrics")
    sample = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?\s+\S+")
    check("13. GET /metrics -> 200 Prometheus text with a sample line",
          st == 200 and any(sample.match(l) for l in text.splitlines() if not l.startswith("#")),
          f"status {st}, content type {ctype!r}, body {text[:200]!r}")


SCENARIOS = [
    ("1", "hello, welcome and assign", s1_hello_welcome_assign),
    ("2", "three peers form one job", s2_three_peers_one_job),
    ("3", "leases are unique and increasing", s3_leases_increase),
    ("4", "started/progress/finished and stale leases", s4_stale_lease),
    ("5", "repeated finished", s5_repeated_finished),
    ("6", "bad frames on a joined connection", s6_bad_frames),
    ("7", "first frame not hello; protocol version", s7_not_hello_and_version),
    ("8", "frame over 1 MiB", s8_too_large),
    ("9", "failure and retry", s9_failure_and_retry),
    ("10", "goodbye releases the held task", s10_goodbye_releases),
    ("11", "late joiner", s11_late_joiner),
    ("12", "group keys", s12_group_keys),
    ("13", "operator API", s13_operator_api),
    ("3", "leases over the whole suite", s3_suite_wide),
]


def where(e):
    ours = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == __file__]
    return ours[-1].lineno if ours else "?"


def parse_server(text):
    """127.0.0.1:PORT, ws://host:port[/...], wss://..., http://host:port, https://..."""
    if "://" not in text:
        text = "ws://" + text
    u = urllib.parse.urlsplit(text)
    if u.scheme not in ("ws", "wss", "http", "https") or not u.hostname:
        raise ValueError(f"not a server address: {text!r}")
    tls = u.scheme in ("wss", "https")
    return u.hostname, u.port or (443 if tls else 80), tls


def finish(code=None):
    with PRINT_LOCK:
        print(f"conformance: {PASSED[0]} passed, {FAILED[0]} failed", flush=True)
    os._exit(code if code is not None else (0 if FAILED[0] == 0 else 1))


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description="taskshard peer protocol v1 conformance suite")
    ap.add_argument("--server", required=True, help="host:port, ws://host:port or http://host:port")
    ap.add_argument("--token", help="peer token (Authorization: Bearer) when auth is on")
    ap.add_argument("--api-token", help="viewer (or higher) token for /api/v1 (default: --token; a peer token may not read the API)")
    ap.add_argument("--only", help="comma-separated scenario numbers to run, e.g. 1,4")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every frame")
    args = ap.parse_args()
    VERBOSE = args.verbose
    try:
        host, port, tls = parse_server(args.server)
    except ValueError as e:
        print(f"usage error: {e}", file=sys.stderr)
        sys.exit(2)

    def watchdog():
        check("the whole suite ends within 2 minutes", False, f"still running after {SUITE_HARD_LIMIT_S:.0f} s")
        finish(1)
    timer = threading.Timer(SUITE_HARD_LIMIT_S, watchdog)
    timer.daemon = True
    timer.start()

    ctx = Context(host, port, tls, args.token, args.api_token or args.token)
    only = set(args.only.split(",")) if args.only else None
    print(f"# taskshard conformance against {host}:{port}, run id {RUN}", flush=True)
    for num, title, fn in SCENARIOS:
        if only and num not in only:
            continue
        if remaining() <= 0:
            check(f"{num}. {title}", False, "not run: the suite's time budget is used up")
            continue
        print(f"# scenario {num}: {title}", flush=True)
        CURRENT[0] = num
        before = len(ctx.peers)
        try:
            fn(ctx)
        except Abort as e:
            check(e.what, False, e.detail)
        except Exception as e:  # a broken connection, a refused upgrade, ...
            check(f"{num}. {title}: ran to the end", False,
                  f"{type(e).__name__}: {e} at line {where(e)}; "
                  + "; ".join(p.recent() for p in ctx.peers[before:]))
        if fn is not s2_three_peers_one_job:       # scenario 13 inspects scenario 2's peers
            for p in ctx.peers[before:]:
                p.close()
    for p in ctx.peers:
        p.close()
    finish()


if __name__ == "__main__":
    main()
