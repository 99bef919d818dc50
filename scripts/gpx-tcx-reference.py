#!/usr/bin/env python3
"""Reference values for the GPX/TCX fixture tests, computed independently of afterlift's readers.

`python3 scripts/gpx-tcx-reference.py FILE…` prints, per track (GPX) or activity (TCX): the sport
text, the timed points kept, start (earliest time), elapsed (earliest to latest, s), the distance
(GPX: haversine over the points in file order, mean Earth radius 6371008.8 m; TCX: the sum of the laps'
DistanceMeters), the mean heart rate over the points, and how often the time goes backwards.
"""
import datetime as dt
import math
import sys
import xml.etree.ElementTree as ET

R = 6371008.8


def local(tag):
    return tag.rsplit("}", 1)[-1]


def find(el, name):
    return [e for e in el.iter() if local(e.tag) == name]


def child(el, name):
    for e in el:
        if local(e.tag) == name:
            return e
    return None


def when(text):
    return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def haversine(a, b):
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R * math.asin(min(1.0, math.sqrt(h)))


def summary(kind, points, lap_distance=None):
    times = [t for t, _, _ in points]
    hrs = [h for _, _, h in points if h is not None and 0 < h <= 250]
    pos = [p for _, p, _ in points if p is not None]
    dist = sum(haversine(a, b) for a, b in zip(pos, pos[1:]))
    back = sum(1 for a, b in zip(times, times[1:]) if b < a)
    print(f"  sport={kind!r} points={len(points)} start={min(times).isoformat()} "
          f"elapsed_s={(max(times) - min(times)).total_seconds():.0f} "
          f"distance_m(in order)={dist:.1f} laps_distance_m={lap_distance} "
          f"avg_hr={(sum(hrs) / len(hrs)) if hrs else None} backwards={back}")


def gpx(root):
    for trk in find(root, "trk"):
        kind = child(trk, "type")
        points = []
        for p in find(trk, "trkpt"):
            t = child(p, "time")
            if t is None:
                continue
            hr = next((float(e.text) for e in find(p, "hr")), None)
            points.append((when(t.text), (float(p.get("lat")), float(p.get("lon"))), hr))
        if points:
            summary(kind.text if kind is not None else None, points)
        else:
            print("  a track without timed points")


def tcx(root):
    for act in find(root, "Activity"):
        points = []
        for tp in find(act, "Trackpoint"):
            t = child(tp, "Time")
            if t is None:
                continue
            lat = next((float(e.text) for e in find(tp, "LatitudeDegrees")), None)
            lon = next((float(e.text) for e in find(tp, "LongitudeDegrees")), None)
            hr = next((float(child(e, "Value").text) for e in find(tp, "HeartRateBpm")), None)
            points.append((when(t.text), (lat, lon) if lat is not None else None, hr))
        laps = [child(lap, "DistanceMeters") for lap in find(act, "Lap")]
        lap_distance = sum(float(d.text) for d in laps if d is not None) if laps else None
        summary(act.get("Sport"), points, lap_distance)


for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    print(path)
    (gpx if local(root.tag) == "gpx" else tcx)(root)
