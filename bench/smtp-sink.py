#!/usr/bin/env python3
"""A mail sink for bench/newsletter.sh: SMTP on 127.0.0.1:PORT that takes every message and keeps none.

Counts messages, distinct recipients, recipients received more than once, connections, and the domains each
connection was addressed to, and writes them as JSON to STATS twice a second (first and last message on the
monotonic clock, in seconds). Exits after LIFETIME seconds at the most, or when stopped.
"""
import asyncio, json, os, sys, time

port, stats_path, lifetime = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
state = {"messages": 0, "recipients": 0, "repeated": 0, "connections": 0, "mixed_connections": 0, "first": None, "last": None}
seen = set()


async def serve(reader, writer):
    state["connections"] += 1
    recipients, domains = [], set()
    writer.write(b"220 sink ESMTP\r\n")
    while line := await reader.readline():
        command = line.rstrip(b"\r\n").upper()
        if command.startswith(b"EHLO"):
            writer.write(b"250-sink\r\n250 8BITMIME\r\n")
        elif command.startswith(b"MAIL FROM:") or command == b"RSET":
            recipients = []
            writer.write(b"250 ok\r\n")
        elif command.startswith(b"RCPT TO:"):
            recipients.append(line.rstrip(b"\r\n")[9:].split(b">")[0].decode().lower())
            writer.write(b"250 ok\r\n")
        elif command == b"DATA":
            writer.write(b"354 go on\r\n")
            await writer.drain()
            while (data := await reader.readline()) and data != b".\r\n":
                pass
            if not data:
                break  # cut off mid-message: not taken
            now = time.monotonic()
            state["first"] = state["first"] or now
            state["last"] = now
            state["messages"] += 1
            for recipient in recipients:
                domains.add(recipient.rsplit("@", 1)[-1])
                if recipient in seen:
                    state["repeated"] += 1
                else:
                    seen.add(recipient)
            state["recipients"] = len(seen)
            writer.write(b"250 taken\r\n")
        elif command == b"QUIT":
            writer.write(b"221 bye\r\n")
            break
        else:
            writer.write(b"250 ok\r\n")
        await writer.drain()
    if len(domains) > 1:
        state["mixed_connections"] += 1
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", port)
    deadline = time.monotonic() + lifetime
    async with server:
        while time.monotonic() < deadline:
            with open(stats_path + ".tmp", "w") as f:
                json.dump(state, f)
            os.replace(stats_path + ".tmp", stats_path)
            await asyncio.sleep(0.5)


asyncio.run(main())
