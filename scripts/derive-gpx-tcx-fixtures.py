#!/usr/bin/env python3
"""Derives the GPX/TCX fixtures that show an app's dialect from real recordings in testdata/.

No openly licensed file was found for these dialects, so each is a real recording rewritten in the
shape the app exports, with the one property the tests are about. Run from the repository root:
`python3 scripts/derive-gpx-tcx-fixtures.py` (deterministic: the output is committed).

- gpx/strava-ride-type-1.gpx: the ride of fit/garmin-fenix-5-bike.fit (its records as decoded by another
  tool, fit/garmin-fenix-5-bike-records.csv) in Strava's GPX export shape, with Strava's numeric
  `<type>1</type>` (Ride). The same ride as the FIT file: importing both must store it once.
- gpx/sports-tracker-backwards.gpx: gpx/etrex-around-visnjan.gpx (a real eTrex 20x track) with
  creator="Sports Tracker", and every 5th point's time 30 s earlier (times go backwards, the points stay
  where they were recorded). Sorting by time zig-zags; file order is the route.
- tcx/runtastic-running-lowercase.tcx: tcx/test.tcx with Runtastic's lower-case Sport="running".
- tcx/id-6h-before-trackpoints.tcx: tcx/test.tcx with <Id> and every lap StartTime 6 h earlier than
  the trackpoints (a local time written as UTC).
"""
import csv
import datetime as dt
import re

PDT = dt.timezone(dt.timedelta(hours=-7))


def semicircles(v):
    return int(v) * 180.0 / 2**31


def strava_ride():
    rows = list(csv.DictReader(open("testdata/fit/garmin-fenix-5-bike-records.csv")))
    def utc(s):
        t = dt.datetime.strptime(s.replace(" PDT", ""), "%a %b %d %H:%M:%S %Y").replace(tzinfo=PDT)
        return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx creator="StravaGPX" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd '
           'http://www.garmin.com/xmlschemas/GpxExtensions/v3 http://www.garmin.com/xmlschemas/GpxExtensionsv3.xsd '
           'http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd" '
           'version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" '
           'xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3">',
           ' <metadata>', f'  <time>{utc(rows[0]["timestamp"])}</time>', ' </metadata>',
           ' <trk>', '  <name>Morning Ride</name>', '  <type>1</type>', '  <trkseg>']
    for r in rows:
        out += [f'   <trkpt lat="{semicircles(r["position_lat"]):.7f}" lon="{semicircles(r["position_long"]):.7f}">',
                f'    <ele>{float(r["altitude"]):.1f}</ele>',
                f'    <time>{utc(r["timestamp"])}</time>',
                '    <extensions>', '     <gpxtpx:TrackPointExtension>',
                f'      <gpxtpx:atemp>{r["temperature"]}</gpxtpx:atemp>',
                f'      <gpxtpx:hr>{r["heart_rate"]}</gpxtpx:hr>',
                '     </gpxtpx:TrackPointExtension>', '    </extensions>', '   </trkpt>']
    out += ['  </trkseg>', ' </trk>', '</gpx>', '']
    open("testdata/gpx/strava-ride-type-1.gpx", "w").write("\n".join(out))


def sports_tracker():
    text = open("testdata/gpx/etrex-around-visnjan.gpx").read()
    text = text.replace('creator="eTrex 20x"', 'creator="Sports Tracker"')
    n = 0

    def shift(m):
        nonlocal n
        n += 1
        if n % 5:
            return m.group(0)
        t = dt.datetime.strptime(m.group(2), "%Y-%m-%dT%H:%M:%SZ") - dt.timedelta(seconds=30)
        return m.group(1) + t.strftime("%Y-%m-%dT%H:%M:%SZ") + "</time>"

    # Only the points' times (the metadata's <time> comes before the first <trkpt>).
    text = re.sub(r"(<trkpt[^>]*>(?:(?!</trkpt>).)*?<time>)([^<]+)</time>", shift, text)
    open("testdata/gpx/sports-tracker-backwards.gpx", "w").write(text)


def tcx_variants():
    text = open("testdata/tcx/test.tcx").read()
    open("testdata/tcx/runtastic-running-lowercase.tcx", "w").write(
        text.replace('Sport="Running"', 'Sport="running"', 1))
    def early(m):
        t = dt.datetime.strptime(m.group(2), "%Y-%m-%dT%H:%M:%SZ") - dt.timedelta(hours=6)
        return m.group(1) + t.strftime("%Y-%m-%dT%H:%M:%SZ")
    text = re.sub(r'(<Id>|StartTime=")([0-9T:-]+Z)', early, text)
    open("testdata/tcx/id-6h-before-trackpoints.tcx", "w").write(text)


strava_ride()
sports_tracker()
tcx_variants()
