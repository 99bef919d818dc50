#!/usr/bin/env python3
"""Derives the damaged-date FIT fixtures in testdata/fit/ from a real recording (stdlib only).

A real file is copied with its session message's start_time (field 2) and timestamp (field 253)
rewritten, and its file CRC recomputed, so that only the session's dates are wrong:

  derived-session-epoch-dates.fit    start_time 1000 s after the FIT epoch (1989-12-31T00:16:40Z), timestamp
                                     start_time + the old elapsed span: a device clock that was never set
  derived-session-year-early.fit     both moved 365 days earlier: dates that hold none of the records
  derived-session-no-dates.fit       both invalid (0xFFFFFFFF): a session message that gives no time

and one whose session does not name its sport (sport and sub_sport invalid, 0xFF), while the file's
sport message and its lap still say cycling:

  derived-session-no-sport.fit       from garmin-fenix-5-bike.fit

and one whose laps are broken, each in another way, while its session and records are whole:

  derived-laps-broken.fit            from 2013-02-06-12-11-14.fit: lap 1's total_distance 0xFFFFFFFE
                                     (42,949,672.94 m), lap 2's max_heart_rate 0, lap 3's avg_speed (and
                                     enhanced_avg_speed, when defined) 0xFFFE (65.534 m/s), lap 4's
                                     start_time and timestamp invalid (0xFFFFFFFF: no time at all), lap 5's
                                     start_time and timestamp a day later (outside the session)

Sources: 2013-02-06-12-11-14.fit and garmin-fenix-5-bike.fit (python-fitparse tests, MIT). Run from the
repository root:
  python3 scripts/derive-fit-fixtures.py
"""
import struct

SESSION = 18


def crc16(data):
    table = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
             0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]
    crc = 0
    for b in data:
        tmp = table[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ table[b & 0xF]
        tmp = table[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ table[(b >> 4) & 0xF]
    return crc


def message_fields(b, wanted):
    """Byte offsets of the fields of every message of global number `wanted`, by field number, each with
    its byte order, in file order."""
    header_size = b[0]
    data_size = struct.unpack("<I", b[4:8])[0]
    pos, end, defs, found = header_size, header_size + data_size, {}, []
    while pos < end:
        h = b[pos]
        if h & 0x80:  # compressed timestamp header: a data message
            local, pos = (h >> 5) & 3, pos + 1
        elif h & 0x40:  # definition
            local, dev = h & 0x0F, h & 0x20
            big = b[pos + 2] == 1
            num = struct.unpack(">H" if big else "<H", b[pos + 3:pos + 5])[0]
            n = b[pos + 5]
            fields = [(b[pos + 6 + 3 * i], b[pos + 7 + 3 * i]) for i in range(n)]
            pos += 6 + 3 * n
            if dev:
                nd = b[pos]
                fields += [(None, b[pos + 2 + 3 * i]) for i in range(nd)]
                pos += 1 + 3 * nd
            defs[local] = (num, fields, big)
            continue
        else:
            local, pos = h & 0x0F, pos + 1
        num, fields, big = defs[local]
        at = {}
        for field, size in fields:
            at[field] = pos
            pos += size
        if num == wanted:
            found.append((at, big))
    return found


def session_fields(b):
    """Byte offsets of the session message's fields by number (one session assumed), and its byte order."""
    header_size = b[0]
    data_size = struct.unpack("<I", b[4:8])[0]
    pos, end, defs = header_size, header_size + data_size, {}
    while pos < end:
        h = b[pos]
        if h & 0x80:  # compressed timestamp header: a data message
            local, pos = (h >> 5) & 3, pos + 1
        elif h & 0x40:  # definition
            local, dev = h & 0x0F, h & 0x20
            big = b[pos + 2] == 1
            num = struct.unpack(">H" if big else "<H", b[pos + 3:pos + 5])[0]
            n = b[pos + 5]
            fields = [(b[pos + 6 + 3 * i], b[pos + 7 + 3 * i]) for i in range(n)]
            pos += 6 + 3 * n
            if dev:
                nd = b[pos]
                fields += [(None, b[pos + 2 + 3 * i]) for i in range(nd)]
                pos += 1 + 3 * nd
            defs[local] = (num, fields, big)
            continue
        else:
            local, pos = h & 0x0F, pos + 1
        num, fields, big = defs[local]
        at = {}
        for field, size in fields:
            at[field] = pos
            pos += size
        if num == SESSION:
            return at, big
    raise SystemExit("no session message")


def derive(src, out, change_dates=None, invalid_bytes=()):
    b = bytearray(open(src, "rb").read())
    at, big = session_fields(b)
    fmt = ">I" if big else "<I"
    if change_dates:
        start_at, stamp_at = at[2], at[253]
        start = struct.unpack(fmt, b[start_at:start_at + 4])[0]
        stamp = struct.unpack(fmt, b[stamp_at:stamp_at + 4])[0]
        new_start, new_stamp = change_dates(start, stamp)
        b[start_at:start_at + 4] = struct.pack(fmt, new_start)
        b[stamp_at:stamp_at + 4] = struct.pack(fmt, new_stamp)
    for field in invalid_bytes:
        b[at[field]] = 0xFF
    data_end = b[0] + struct.unpack("<I", b[4:8])[0]
    b[data_end:data_end + 2] = struct.pack("<H", crc16(b[:data_end]))
    open(out, "wb").write(bytes(b))
    print(out)


LAP = 19


def derive_broken_laps(src, out):
    b = bytearray(open(src, "rb").read())
    laps = message_fields(b, LAP)
    assert len(laps) == 5, len(laps)

    def put(lap, field, fmt, value):
        at, big = laps[lap]
        if field in at:
            f = (">" if big else "<") + fmt
            b[at[field]:at[field] + struct.calcsize(f)] = struct.pack(f, value)
            return True
        return False

    def get(lap, field, fmt):
        at, big = laps[lap]
        f = (">" if big else "<") + fmt
        return struct.unpack(f, b[at[field]:at[field] + struct.calcsize(f)])[0]

    assert put(0, 9, "I", 0xFFFFFFFE)  # total_distance, 1/100 m
    assert put(1, 16, "B", 0)  # max_heart_rate
    assert put(2, 13, "H", 0xFFFE)  # avg_speed, 1/1000 m/s
    put(2, 110, "I", 0xFFFE)  # enhanced_avg_speed, when the file defines it
    assert put(3, 2, "I", 0xFFFFFFFF) and put(3, 253, "I", 0xFFFFFFFF)
    day = 86400
    assert put(4, 2, "I", get(4, 2, "I") + day) and put(4, 253, "I", get(4, 253, "I") + day)
    data_end = b[0] + struct.unpack("<I", b[4:8])[0]
    b[data_end:data_end + 2] = struct.pack("<H", crc16(b[:data_end]))
    open(out, "wb").write(bytes(b))
    print(out)


RUN = "testdata/fit/2013-02-06-12-11-14.fit"
derive(RUN, "testdata/fit/derived-session-epoch-dates.fit", lambda s, t: (1000, 1000 + (t - s)))
derive(RUN, "testdata/fit/derived-session-year-early.fit", lambda s, t: (s - 365 * 86400, t - 365 * 86400))
derive(RUN, "testdata/fit/derived-session-no-dates.fit", lambda s, t: (0xFFFFFFFF, 0xFFFFFFFF))
derive("testdata/fit/garmin-fenix-5-bike.fit", "testdata/fit/derived-session-no-sport.fit", invalid_bytes=(5, 6))
derive_broken_laps(RUN, "testdata/fit/derived-laps-broken.fit")
