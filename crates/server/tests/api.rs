//! The HTTP API end to end: the real server on a random loopback port with a temporary log, called with a
//! real HTTP client — every endpoint, the bad inputs (malformed JSON, wrong fields, unknown ids, oversized
//! bodies and uploads, missing tokens) and the import of real files from `testdata/`.

use std::path::PathBuf;

use afterlift_server::{AppState, Limits};
use afterlift_store::{Store, TimeFilter};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::sync::oneshot;

struct Server {
    base: String,
    client: Client,
    store: Store,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start() -> Server {
        Server::start_with(None, Limits::default()).await
    }

    async fn start_with(token: Option<&str>, limits: Limits) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
            .await
            .unwrap();
        let state = AppState::new(store.clone())
            .with_token(token.map(str::to_string))
            .with_limits(limits);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(afterlift_server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        Server {
            base,
            client: Client::new(),
            store,
            shutdown: Some(tx),
            task: Some(task),
            _dir: dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        json_of(self.client.get(self.url(path)).send().await.unwrap()).await
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> (StatusCode, Value) {
        json_of(
            self.client
                .request(method, self.url(path))
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, body).await
    }

    async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::PUT, path, body).await
    }

    async fn delete(&self, path: &str) -> (StatusCode, Value) {
        json_of(self.client.delete(self.url(path)).send().await.unwrap()).await
    }

    async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: &'static [u8],
    ) -> (StatusCode, Value) {
        json_of(
            self.client
                .post(self.url(path))
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    async fn post_raw_to(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &'static [u8],
    ) -> (StatusCode, Value) {
        json_of(
            self.client
                .request(method, self.url(path))
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    async fn upload(&self, path: &str, files: &[(&str, Vec<u8>)]) -> (StatusCode, Value) {
        let mut form = Form::new();
        for (name, bytes) in files {
            form = form.part(
                "files",
                Part::bytes(bytes.clone()).file_name(name.to_string()),
            );
        }
        json_of(
            self.client
                .post(self.url(path))
                .multipart(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Stops the server gracefully and waits for `serve` to return.
    async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let text = r.text().await.unwrap();
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    (status, value)
}

fn data(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Asserts an error body: its status, code, and (for invalid input) the first wrong field.
fn assert_error(got: &(StatusCode, Value), status: StatusCode, code: &str, field: Option<&str>) {
    assert_eq!(got.0, status, "{}", got.1);
    assert_eq!(got.1["error"], code, "{}", got.1);
    assert!(
        got.1["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{}",
        got.1
    );
    if let Some(f) = field {
        assert_eq!(got.1["errors"][0]["field"], f, "{}", got.1);
        assert!(
            got.1["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{}",
            got.1
        );
    }
}

fn profile() -> Value {
    json!({"athlete": {"age": 34, "sex": "female", "weight_kg": 62, "resting_hr": 55, "goal": "hypertrophy"}, "time_zone": "Europe/Berlin"})
}

fn advice_request() -> Value {
    json!({
        "athlete": {"age": 34, "sex": "female", "weight_kg": 62, "goal": "hypertrophy"},
        "lift": {"ended_at": "2026-11-24T18:30:00Z", "minutes": 70, "rpe": 8, "focus": "lower", "load": "heavy",
                 "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 100, "rpe": 8}]}]},
        "planned": {"kind": "intervals", "minutes": 20},
        "now": "2026-11-24T18:35:00Z"
    })
}

#[tokio::test]
async fn openapi_document_lists_every_route_and_the_explorer_is_served() {
    let s = Server::start().await;
    let (status, doc) = s.get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let expected: &[(&str, &[&str])] = &[
        ("/api/v1/advice", &["get", "post"]),
        ("/api/v1/profile", &["get", "put"]),
        ("/api/v1/activities", &["get"]),
        ("/api/v1/activities/{id}", &["get", "delete"]),
        ("/api/v1/lifts", &["get", "post"]),
        ("/api/v1/lifts/{id}", &["get", "delete"]),
        ("/api/v1/imports", &["post"]),
        ("/api/v1/wellness", &["get"]),
        ("/api/v1/wellness/{date}", &["get", "put"]),
        ("/api/v1/zones", &["get", "post"]),
        ("/api/v1/vdot", &["get", "post"]),
        ("/api/v1/energy", &["get", "post"]),
        ("/api/v1/plan/week", &["get", "post"]),
        ("/api/v1/plan/week.ics", &["get"]),
        ("/api/v1/plan/progression", &["get"]),
        ("/api/v1/status", &["get"]),
        ("/api/v1/history", &["get"]),
        ("/api/v1/exercises", &["get"]),
        ("/api/v1/exercises/aliases", &["get", "put"]),
        ("/api/v1/exercises/aliases/{name}", &["delete"]),
    ];
    for (path, methods) in expected {
        let item = paths.get(*path).unwrap_or_else(|| {
            panic!("{path} missing from {:?}", paths.keys().collect::<Vec<_>>())
        });
        for m in *methods {
            assert!(item.get(*m).is_some(), "{m} {path} missing");
        }
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "AdviceRequest",
        "AdviceResponse",
        "ProfileDoc",
        "ImportReport",
        "ApiErrorBody",
        "ManualLift",
        "WellnessDay",
        "ZonesRequest",
        "CatalogueExercise",
        "Alias",
        "FromLog",
        "RaceResult",
        "HistoryResponse",
    ] {
        assert!(schemas.contains_key(name), "schema {name} missing");
    }
    assert!(doc["components"]["securitySchemes"]["token"].is_object());
    // It also reads back as a typed OpenAPI 3.1 document.
    let typed: utoipa::openapi::OpenApi =
        serde_json::from_value(doc.clone()).expect("a valid OpenAPI document");
    assert_eq!(typed.paths.paths.len(), paths.len());
    assert!(
        doc["paths"]["/api/v1/profile"]["put"]["responses"]["413"].is_object(),
        "common errors are documented"
    );
    assert!(doc["paths"]["/api/v1/activities"]["get"]["responses"]["401"].is_object());

    let page = s.client.get(s.url("/api/docs/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.text().await.unwrap().contains("swagger"),
        "the explorer page"
    );
    s.stop().await;
}

#[tokio::test]
async fn profile_is_stored_checked_and_read_back() {
    let s = Server::start().await;
    assert_eq!(
        s.get("/api/v1/profile").await,
        (StatusCode::OK, Value::Null),
        "no profile yet: null, as the CLI"
    );
    // The zone's older, top-level place is still read; it is written in `athlete`, with everything else.
    let (status, stored) = s.put("/api/v1/profile", profile()).await;
    assert_eq!(status, StatusCode::OK, "{stored}");
    assert_eq!(stored["athlete"]["goal"], "hypertrophy");
    assert_eq!(stored["athlete"]["time_zone"], "Europe/Berlin");
    assert!(stored.get("time_zone").is_none(), "{stored}");
    assert_eq!(
        s.get("/api/v1/profile").await,
        (StatusCode::OK, stored.clone())
    );
    // What is read back can be written back as it is.
    assert_eq!(
        s.put("/api/v1/profile", stored.clone()).await,
        (StatusCode::OK, stored)
    );

    // The day window and a race result.
    let mut full = profile();
    full.as_object_mut().unwrap().remove("time_zone");
    full["athlete"]["time_zone"] = json!("Europe/Berlin");
    full["athlete"]["wake_time"] = json!("06:30");
    full["athlete"]["sleep_time"] = json!("22:30");
    full["athlete"]["race"] = json!({"distance_m": 10000, "time_s": 2730, "date": "2026-10-04"});
    let (status, stored) = s.put("/api/v1/profile", full.clone()).await;
    assert_eq!(status, StatusCode::OK, "{stored}");
    assert!(
        stored["athlete"]["wake_time"]
            .as_str()
            .unwrap()
            .starts_with("06:30")
    );
    assert!(
        stored["athlete"]["sleep_time"]
            .as_str()
            .unwrap()
            .starts_with("22:30")
    );
    assert_eq!(
        stored["athlete"]["race"],
        json!({"distance_m": 10000.0, "time_s": 2730.0, "date": "2026-10-04"})
    );
    for (path, value, field) in [
        ("wake_time", json!("23:00"), "athlete.wake_time"),
        ("wake_time", json!("06:30:15"), "athlete.wake_time"),
        ("wake_time", json!("half six"), "athlete.wake_time"),
        (
            "race",
            json!({"distance_m": 800, "time_s": 120}),
            "athlete.race.distance_m",
        ),
        (
            "race",
            json!({"distance_m": 10000, "time_s": 600}),
            "athlete.race.time_s",
        ),
        ("race", json!({"distance_m": 10000}), "athlete.race.time_s"),
        (
            "race",
            json!({"distance_m": 10000, "time_s": 2730, "place": "Berlin"}),
            "athlete.race.place",
        ),
        ("time_zone", json!("Mars/Olympus"), "athlete.time_zone"),
        // What the advice would refuse is never stored (issue 12: every advice then failed).
        ("hrv_rmssd_ms", json!(1.5), "athlete.hrv_rmssd_ms"),
        ("max_hr", json!(60), "athlete.max_hr"),
    ] {
        let mut bad = full.clone();
        bad["athlete"][path] = value;
        assert_error(
            &s.put("/api/v1/profile", bad).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some(field),
        );
    }
    // Given twice, the zone must agree.
    let mut twice = full.clone();
    twice["time_zone"] = json!("America/New_York");
    assert_error(
        &s.put("/api/v1/profile", twice).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("time_zone"),
    );
    assert_eq!(
        s.get("/api/v1/profile").await.1["athlete"]["race"]["time_s"],
        2730.0,
        "a refused profile changes nothing"
    );

    let mut bad = profile();
    bad["athlete"]["age"] = json!(3);
    assert_error(
        &s.put("/api/v1/profile", bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("athlete.age"),
    );
    let mut bad = profile();
    bad["time_zone"] = json!("Mars/Olympus");
    assert_error(
        &s.put("/api/v1/profile", bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("time_zone"),
    );
    let bad = json!({"athlete": {"age": 34, "sex": "female", "wieght_kg": 62, "goal": "general"}});
    assert_error(
        &s.put("/api/v1/profile", bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("athlete.wieght_kg"),
    );
    s.stop().await;
}

#[tokio::test]
async fn advice_answers_records_and_fills_in_from_the_log() {
    let s = Server::start().await;
    let (status, advice) = s.post("/api/v1/advice", advice_request()).await;
    assert_eq!(status, StatusCode::OK, "{advice}");
    assert_eq!(
        advice["verdict"], "postpone",
        "intervals after heavy legs: {advice}"
    );
    assert!(advice["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    // An advice is answered once it is recorded.
    let recorded = s.store.advice_log(&TimeFilter::all()).await.unwrap();
    assert_eq!(recorded.len(), 1, "the advice is recorded");
    assert_eq!(
        serde_json::from_str::<Value>(&recorded[0].response_json).unwrap(),
        advice,
        "the log keeps the answer given"
    );
    // And lists it: the advice log, with the request answered.
    let (status, listed) = s.get("/api/v1/advice").await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["response"], advice);
    assert_eq!(listed[0]["request"]["planned"]["kind"], "intervals");
    assert_eq!(listed[0]["at"], "2026-11-24T18:35:00Z");
    let (status, _) = s.get("/api/v1/advice?limit=0").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Without a profile the athlete is required, and named.
    assert_error(
        &s.post("/api/v1/advice", json!({"planned": {"kind": "easy"}}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("athlete"),
    );
    // With one, the request may leave the athlete out (as the CLI does with the stored profile).
    s.put("/api/v1/profile", profile()).await;
    let (status, advice) = s
        .post(
            "/api/v1/advice",
            // A fixed time, in the athlete's day: the answer never depends on the clock.
            json!({"planned": {"kind": "easy", "minutes": 30}, "now": "2026-11-24T17:00:00Z"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{advice}");
    assert!(advice["now"]["heart_rate_bpm"].is_object(), "{advice}");
    s.stop().await;
}

#[tokio::test]
async fn bad_json_is_named_by_position_or_field() {
    let s = Server::start().await;
    let got = s
        .post_raw(
            "/api/v1/advice",
            "application/json",
            b"{\n  \"athlete\": {\"age\": 34,,\n}",
        )
        .await;
    assert_error(&got, StatusCode::BAD_REQUEST, "malformed_json", None);
    assert!(
        got.1["message"].as_str().unwrap().contains("line 2"),
        "{}",
        got.1
    );

    let mut wrong = advice_request();
    wrong["athlete"]["age"] = json!("old");
    let got = s.post("/api/v1/advice", wrong).await;
    assert_error(
        &got,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("athlete.age"),
    );
    assert!(
        got.1["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("number of years"),
        "{}",
        got.1
    );

    let mut out_of_range = advice_request();
    out_of_range["athlete"]["age"] = json!(3);
    assert_error(
        &s.post("/api/v1/advice", out_of_range).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("athlete.age"),
    );

    let mut typo = advice_request();
    typo["planned"]["minuets"] = json!(20);
    assert_error(
        &s.post("/api/v1/advice", typo).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("planned.minuets"),
    );

    assert_error(
        &s.post_raw("/api/v1/advice", "text/plain", b"{}").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    );
    assert_error(
        &s.post_raw("/api/v1/advice", "application/json", b"").await,
        StatusCode::BAD_REQUEST,
        "bad_request",
        None,
    );
    assert_error(
        &s.post_raw("/api/v1/advice", "application/json", b"[1, 2]")
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("request"),
    );
    s.stop().await;
}

#[tokio::test]
async fn real_files_import_list_show_and_delete() {
    let s = Server::start().await;
    let (status, report) = s
        .upload(
            "/api/v1/imports",
            &[
                ("garmin-fenix-5-run.fit", data("fit/garmin-fenix-5-run.fit")),
                ("strong.csv", data("strong/strong.csv")),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["imported"], 2, "{report}");
    assert_eq!(report["errors"], 0, "{report}");
    assert_eq!(report["files"][0]["path"], "garmin-fenix-5-run.fit");
    assert_eq!(report["files"][0]["status"], "imported");

    let (status, activities) = s.get("/api/v1/activities").await;
    assert_eq!(status, StatusCode::OK);
    let activities = activities.as_array().unwrap().clone();
    assert_eq!(activities.len(), 1, "{activities:?}");
    assert_eq!(activities[0]["sport"], "run");
    let id = activities[0]["id"].as_str().unwrap().to_string();
    assert!(id.starts_with('a'));

    let (status, lifts) = s.get("/api/v1/lifts?limit=5").await;
    assert_eq!(status, StatusCode::OK);
    let lifts = lifts.as_array().unwrap().clone();
    assert_eq!(lifts.len(), 5, "the Strong export has many sessions");
    assert!(
        lifts[0]["exercises"][0]["sets"][0]["reps"].is_number(),
        "{:?}",
        lifts[0]
    );
    let (_, older) = s.get("/api/v1/lifts?to=2021-03-01&from=2021-02-01").await;
    assert!(
        older
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["started_at"].as_str().unwrap().starts_with("2021-02")),
        "{older}"
    );

    let (status, detail) = s.get(&format!("/api/v1/activities/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["id"], id.as_str());
    assert!(detail["samples"].as_u64().unwrap() > 10, "{detail}");
    assert_eq!(detail["sport"], "run");
    let lift_id = lifts[0]["id"].as_str().unwrap();
    let (status, lift) = s.get(&format!("/api/v1/lifts/{lift_id}")).await;
    assert_eq!(status, StatusCode::OK, "{lift}");
    assert_eq!(lift["source"].as_str().map(|s| s.is_empty()), Some(false));
    assert!(
        lift["exercises"][0]["sets"][0]["kind"].is_string(),
        "{lift}"
    );

    // The same file again is a duplicate.
    let (_, again) = s
        .upload(
            "/api/v1/imports",
            &[("run.fit", data("fit/garmin-fenix-5-run.fit"))],
        )
        .await;
    assert_eq!(again["duplicates"], 1, "{again}");
    // A broken file is reported, not fatal.
    let (status, broken) = s
        .upload(
            "/api/v1/imports",
            &[
                // Cut inside its first messages: nothing in it can be read.
                (
                    "broken.fit",
                    data("fit/activity-unexpected-eof.fit")[..64].to_vec(),
                ),
                ("notes.txt", b"hello".to_vec()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{broken}");
    assert_eq!(broken["files"].as_array().unwrap().len(), 1, "{broken}");
    assert_eq!(broken["errors"], 1, "{broken}");
    // A note beside the workout files is not one: passed over, not an error.
    assert_eq!(broken["other_files"], json!(["notes.txt"]), "{broken}");

    // Delete, then it is gone; ids of the other kind or unknown are 404.
    assert_eq!(
        s.delete(&format!("/api/v1/activities/{id}")).await,
        (StatusCode::OK, json!({"deleted": id}))
    );
    assert_error(
        &s.get(&format!("/api/v1/activities/{id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_error(
        &s.delete(&format!("/api/v1/activities/{id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_error(
        &s.get("/api/v1/activities/a999999").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_error(
        &s.get(&format!("/api/v1/activities/{lift_id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_error(
        &s.get("/api/v1/lifts/nonsense").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_eq!(
        s.delete(&format!("/api/v1/lifts/{lift_id}")).await.0,
        StatusCode::OK
    );
    assert_error(
        &s.get(&format!("/api/v1/lifts/{lift_id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );

    // Bad listing parameters are named.
    assert_error(
        &s.get("/api/v1/activities?limit=0").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("limit"),
    );
    assert_error(
        &s.get("/api/v1/activities?from=yesterday").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("from"),
    );
    assert_error(
        &s.get("/api/v1/lifts?limit=many").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("limit"),
    );
    assert_error(
        &s.get("/api/v1/lifts?sort=asc").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("sort"),
    );
    s.stop().await;
}

#[tokio::test]
async fn uploads_and_bodies_over_the_limits_are_refused() {
    let s = Server::start_with(
        None,
        Limits {
            json_body_bytes: 1024,
            upload_bytes: 1024,
            ..Limits::default()
        },
    )
    .await;
    let got = s
        .upload(
            "/api/v1/imports",
            &[("garmin-fenix-5-run.fit", data("fit/garmin-fenix-5-run.fit"))],
        )
        .await;
    assert_error(
        &got,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        None,
    );
    assert!(
        s.get("/api/v1/activities")
            .await
            .1
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing half-imported"
    );

    let mut big = advice_request();
    big["lift"]["exercises"][0]["name"] = json!("x".repeat(4096));
    assert_error(
        &s.post("/api/v1/advice", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        None,
    );
    // Within the limits all is well.
    let (status, report) = s
        .upload("/api/v1/imports", &[("notes.txt", b"hello".to_vec())])
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(
        s.post("/api/v1/vdot", json!({"distance_m": 5000, "time_s": 1500}))
            .await
            .0,
        StatusCode::OK
    );
    s.stop().await;
}

#[tokio::test]
async fn uploads_must_be_multipart_with_files() {
    let s = Server::start().await;
    assert_error(
        &s.post_raw("/api/v1/imports", "application/json", b"{}")
            .await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    );
    let form = Form::new().text("note", "no file here");
    let got = json_of(
        s.client
            .post(s.url("/api/v1/imports"))
            .multipart(form)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_error(&got, StatusCode::BAD_REQUEST, "bad_request", None);
    s.stop().await;
}

#[tokio::test]
async fn manual_lifts_are_logged_and_checked() {
    let s = Server::start().await;
    let body = json!({"started_at": "2026-11-24T17:00:00Z", "minutes": 60, "rpe": 8, "title": "Leg day",
                      "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 100}, {"reps": 5, "kg": 100, "rpe": 9}]}]});
    let (status, created) = s.post("/api/v1/lifts", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    let (_, lift) = s.get(&format!("/api/v1/lifts/{id}")).await;
    assert_eq!(lift["title"], "Leg day");
    assert_eq!(lift["minutes"], 60.0);
    assert_eq!(lift["source"], "manual");
    assert_eq!(lift["exercises"][0]["sets"][1]["rpe"], 9.0);
    let (_, listed) = s.get("/api/v1/lifts").await;
    assert_eq!(listed[0]["id"], id);

    assert_error(
        &s.post("/api/v1/lifts", json!({"exercises": []})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("exercises"),
    );
    let bad = json!({"exercises": [{"name": "Squat", "sets": [{"reps": "five"}]}]});
    assert_error(
        &s.post("/api/v1/lifts", bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("exercises[0].sets[0].reps"),
    );
    let heavy = json!({"exercises": [{"name": "Squat", "sets": [{"reps": 5, "kg": 5000}]}]});
    let got = s.post("/api/v1/lifts", heavy).await;
    assert_error(
        &got,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        None,
    );
    assert!(
        got.1["errors"][0]["field"]
            .as_str()
            .unwrap()
            .ends_with(".kg"),
        "{}",
        got.1
    );
    s.stop().await;
}

#[tokio::test]
async fn wellness_check_ins_by_date() {
    let s = Server::start().await;
    let check_in = json!({"sleep_hours": 7.5, "sleep_quality": 2, "fatigue": 3, "soreness": 4, "stress": 2, "mood": 2, "resting_hr": 52, "hrv_rmssd_ms": 70});
    let (status, day) = s.put("/api/v1/wellness/2026-11-24", check_in.clone()).await;
    assert_eq!(status, StatusCode::OK, "{day}");
    assert_eq!(day["date"], "2026-11-24");
    assert_eq!(day["check_in"]["resting_hr"], 52.0);
    assert_eq!(
        s.get("/api/v1/wellness/2026-11-24").await,
        (StatusCode::OK, day.clone())
    );
    let (_, list) = s
        .get("/api/v1/wellness?from=2026-11-01&to=2026-11-30")
        .await;
    assert_eq!(list, json!([day]));
    let (status, today) = s
        .put("/api/v1/wellness/today", json!({"sleep_hours": 8}))
        .await;
    assert_eq!(status, StatusCode::OK, "{today}");

    // A second check-in the same day changes only what it answers; `false` takes pain back, `null`
    // empties an answer.
    let (status, day) = s
        .put(
            "/api/v1/wellness/2026-11-24",
            json!({"pain": true, "fatigue": 5}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{day}");
    assert_eq!(day["check_in"]["pain"], true);
    assert_eq!(day["check_in"]["fatigue"], 5);
    assert_eq!(day["check_in"]["resting_hr"], 52.0, "kept: {day}");
    assert_eq!(day["check_in"]["sleep_hours"], 7.5, "kept: {day}");
    let (_, day) = s
        .put(
            "/api/v1/wellness/2026-11-24",
            json!({"pain": false, "resting_hr": null}),
        )
        .await;
    assert_eq!(day["check_in"]["pain"], false, "{day}");
    assert!(day["check_in"].get("resting_hr").is_none(), "{day}");
    assert_eq!(day["check_in"]["fatigue"], 5);
    assert_eq!(s.get("/api/v1/wellness/2026-11-24").await.1, day);

    assert_error(
        &s.get("/api/v1/wellness/2026-11-23").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_error(
        &s.get("/api/v1/wellness/24.11.2026").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("date"),
    );
    assert_error(
        &s.put("/api/v1/wellness/2026-11-24", json!({"sleep_quality": 9}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("sleep_quality"),
    );
    assert_eq!(
        s.get("/api/v1/wellness/2026-11-24").await.1["check_in"]["sleep_quality"],
        2,
        "a refused check-in changes nothing"
    );
    // What the advice would refuse (issue 12): every wrong answer, with the advice's message.
    let got = s
        .put(
            "/api/v1/wellness/2026-11-24",
            json!({"resting_hr": 200, "hrv_rmssd_ms": 1.5}),
        )
        .await;
    assert_error(
        &got,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("resting_hr"),
    );
    assert_eq!(got.1["errors"][1]["field"], "hrv_rmssd_ms", "{}", got.1);
    assert_eq!(
        got.1["errors"][1]["message"],
        "1.5 is out of range: expected 5–300 ms"
    );
    assert_error(
        &s.put("/api/v1/wellness/2026-11-24", json!({"pain": "yes"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("pain"),
    );
    assert_error(
        &s.put("/api/v1/wellness/2026-11-24", json!({"slep": 9}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("slep"),
    );
    assert_error(
        &s.get("/api/v1/wellness?from=2026-12-01&to=2026-11-01")
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("from"),
    );
    s.stop().await;
}

#[tokio::test]
async fn calculators_by_query_or_body() {
    let s = Server::start().await;
    let (status, zones) = s.get("/api/v1/zones?age=34&sex=female&resting_hr=55").await;
    assert_eq!(status, StatusCode::OK, "{zones}");
    assert_eq!(zones["zones"].as_array().unwrap().len(), 5);
    let (status, posted) = s
        .post(
            "/api/v1/zones",
            json!({"age": 34, "sex": "female", "resting_hr": 55}),
        )
        .await;
    assert_eq!((status, &posted), (StatusCode::OK, &zones));

    let (status, vdot) = s.get("/api/v1/vdot?distance_m=5000&time_s=1500").await;
    assert_eq!(status, StatusCode::OK, "{vdot}");
    assert!(vdot["vdot"].as_f64().unwrap() > 30.0);
    assert_eq!(
        s.post("/api/v1/vdot", json!({"distance_m": 5000, "time_s": 1500}))
            .await,
        (StatusCode::OK, vdot)
    );

    let (status, energy) = s
        .get("/api/v1/energy?activity=run&minutes=30&weight_kg=70&speed_kmh=10")
        .await;
    assert_eq!(status, StatusCode::OK, "{energy}");
    assert!(energy["kcal"].as_f64().unwrap() > 100.0);
    let (status, _) = s
        .post(
            "/api/v1/energy",
            json!({"activity": "cycle", "minutes": 30, "weight_kg": 70}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    assert_error(
        &s.get("/api/v1/zones?age=old&sex=female").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("age"),
    );
    assert_error(
        &s.get("/api/v1/zones?sex=female").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("age"),
    );
    assert_error(
        &s.post("/api/v1/vdot", json!({"distance_m": -5, "time_s": 1500}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        None,
    );
    assert_error(
        &s.get("/api/v1/energy?activity=fly&minutes=30&weight_kg=70")
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("activity"),
    );
    s.stop().await;
}

#[tokio::test]
async fn a_token_is_required_when_set() {
    let s = Server::start_with(Some("s3cret-token"), Limits::default()).await;
    let got = json_of(s.client.get(s.url("/api/v1/profile")).send().await.unwrap()).await;
    assert_error(&got, StatusCode::UNAUTHORIZED, "unauthorized", None);
    let r = s
        .client
        .get(s.url("/api/v1/profile"))
        .bearer_auth("wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    let r = s
        .client
        .get(s.url("/api/v1/profile"))
        .bearer_auth("s3cret-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = s
        .client
        .post(s.url("/api/v1/advice"))
        .bearer_auth("s3cret-token")
        .json(&advice_request())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // An upload without the token is refused before it is read.
    let form = Form::new().part(
        "files",
        Part::bytes(data("strong/strong.csv")).file_name("strong.csv"),
    );
    let r = s
        .client
        .post(s.url("/api/v1/imports"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // The documentation and the dashboard's files hold no data: they load without it (the page asks for it).
    assert_eq!(
        s.client
            .get(s.url("/api/openapi.json"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        s.client.get(s.url("/")).send().await.unwrap().status(),
        StatusCode::OK
    );
    s.stop().await;
}

#[tokio::test]
async fn other_origins_are_refused() {
    let s = Server::start().await;
    let r = s
        .client
        .get(s.url("/api/v1/profile"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_error(&json_of(r).await, StatusCode::FORBIDDEN, "forbidden", None);
    let same = s.base.clone();
    let r = s
        .client
        .get(s.url("/api/v1/profile"))
        .header("origin", same)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = s
        .client
        .get(s.url("/api/v1/profile"))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "DNS rebinding: a non-loopback Host without a token"
    );
    s.stop().await;
}

/// Text files go out compressed as the browser accepts — brotli first, then gzip — each form with its own
/// ETag, and decompress to the very file served uncompressed.
#[tokio::test]
async fn dashboard_files_are_compressed_as_accepted() {
    use std::io::Read;
    let s = Server::start().await;
    let get = |accept: Option<&'static str>, etag: Option<String>| {
        let mut r = s.client.get(s.url("/assets/js/accounts.js"));
        if let Some(a) = accept {
            r = r.header("accept-encoding", a);
        }
        if let Some(e) = etag {
            r = r.header("if-none-match", e);
        }
        r.send()
    };
    let plain = get(None, None).await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.headers()["vary"], "accept-encoding");
    let plain_etag = plain.headers()["etag"].to_str().unwrap().to_owned();
    let plain = plain.bytes().await.unwrap();

    let br = get(Some("gzip, deflate, br"), None).await.unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    let br_etag = br.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(br_etag, plain_etag, "each representation its own ETag");
    let br = br.bytes().await.unwrap();
    assert!(
        br.len() * 3 < plain.len(),
        "{} of {} bytes",
        br.len(),
        plain.len()
    );
    let mut unpacked = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain);

    let gz = get(Some("br;q=0, gzip"), None).await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip", "brotli refused");
    let gz = gz.bytes().await.unwrap();
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain);

    let none = get(Some("identity"), None).await.unwrap();
    assert!(none.headers().get("content-encoding").is_none());
    // Revalidation per representation.
    let again = get(Some("br"), Some(br_etag.clone())).await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let other = get(Some("gzip"), Some(br_etag)).await.unwrap();
    assert_eq!(
        other.status(),
        StatusCode::OK,
        "the gzip form is another representation"
    );
    s.stop().await;
}

#[tokio::test]
async fn dashboard_is_embedded_with_types_and_caching() {
    let s = Server::start().await;
    let r = s.client.get(s.url("/")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    let etag = r.headers()["etag"].clone();
    let page = r.text().await.unwrap();
    assert!(page.contains("<html"), "index.html");
    let r = s
        .client
        .get(s.url("/"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);

    // The page names its files under this build's version, which are kept for good; the manifest keeps
    // its address (an installed app finds it there).
    let script = page
        .split('"')
        .find(|a| a.starts_with("/assets/v/") && a.ends_with("/js/app.js"))
        .expect("the page loads /assets/v/<version>/js/app.js");
    let version = &script["/assets/v/".len()..script.len() - "/js/app.js".len()];
    assert_eq!(version.len(), 16, "{script}");
    assert!(page.contains("\"/assets/manifest.webmanifest\""), "{page}");
    assert!(
        !page.contains("\"/assets/style.css\""),
        "every other file is versioned"
    );
    let r = s.client.get(s.url(script)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let versioned = r.bytes().await.unwrap();
    let r = s
        .client
        .get(s.url("/assets/js/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert_eq!(
        r.bytes().await.unwrap(),
        versioned,
        "the same file at both paths"
    );
    // A module's relative import stays in the version; another version is not this build's.
    let dom = s
        .client
        .get(s.url(&format!("/assets/v/{version}/js/dom.js")))
        .send()
        .await
        .unwrap();
    assert_eq!(dom.status(), StatusCode::OK);
    // Every module is asked for at once (preloaded), not level by level as imports are read.
    for module in ["dom", "router", "detail", "history-charts"] {
        let link =
            format!("<link rel=\"modulepreload\" href=\"/assets/v/{version}/js/{module}.js\">");
        assert!(page.contains(&link), "{link} in {page}");
    }
    assert!(
        page.find("rel=\"modulepreload\"").unwrap() < page.find("<script type=\"module\"").unwrap(),
        "the preloads come before the entry"
    );
    assert_eq!(
        page.matches("/js/app.js").count(),
        1,
        "the entry is named once"
    );
    assert_error(
        &s.get("/assets/v/0123456789abcdef/js/app.js").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );

    let r = s
        .client
        .get(s.url("/assets/js/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    let r = s
        .client
        .get(s.url("/assets/style.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "text/css; charset=utf-8");
    assert_error(
        &s.get("/assets/nope.js").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_error(
        &s.get("/assets/../Cargo.toml").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_error(
        &s.get("/api/v1/nope").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    assert_error(
        &s.send(reqwest::Method::PATCH, "/api/v1/profile", json!({}))
            .await,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        None,
    );
    s.stop().await;
}

#[tokio::test]
async fn the_week_plan_from_the_log_or_a_request() {
    let s = Server::start().await;
    assert_error(
        &s.get("/api/v1/plan/week?from=2026-11-23").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("profile"),
    );
    s.put("/api/v1/profile", profile()).await;

    // A new athlete: a starting week for the goal.
    let (status, week) = s.get("/api/v1/plan/week?from=2026-11-23").await;
    assert_eq!(status, StatusCode::OK, "{week}");
    assert_eq!(week["start"], "2026-11-23");
    assert_eq!(week["days"].as_array().unwrap().len(), 7);
    assert!(
        week["days"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| !d["sessions"].as_array().unwrap().is_empty()),
        "{week}"
    );
    let (status, this_week) = s.get("/api/v1/plan/week").await;
    assert_eq!(status, StatusCode::OK, "{this_week}");
    assert_eq!(
        this_week["days"][0]["weekday"], "monday",
        "from defaults to this week's Monday, as the CLI"
    );

    // With history: the usual week from the Strong export's lifts.
    s.upload(
        "/api/v1/imports",
        &[("strong.csv", data("strong/strong.csv"))],
    )
    .await;
    let (_, lifts) = s.get("/api/v1/lifts?limit=1").await;
    let last = lifts[0]["started_at"].as_str().unwrap()[..10].to_string();
    let (status, week) = s.get(&format!("/api/v1/plan/week?from={last}")).await;
    assert_eq!(status, StatusCode::OK, "{week}");
    let lifts_planned = week["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["sessions"].as_array().unwrap().iter())
        .filter(|x| x["kind"] == "lift")
        .count();
    assert!(lifts_planned > 0, "{week}");

    let r = s
        .client
        .get(s.url("/api/v1/plan/week.ics?from=2026-11-23"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("afterlift-week-2026-11-23.ics")
    );
    let ics = r.text().await.unwrap();
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains("BEGIN:VEVENT"),
        "{ics}"
    );

    let request = json!({"goal": "endurance", "start": "2026-11-23",
        "lifts": [{"focus": "full", "load": "moderate", "count": 2}], "runs": [{"kind": "easy", "count": 2}, {"kind": "intervals"}]});
    let (status, planned) = s.post("/api/v1/plan/week", request).await;
    assert_eq!(status, StatusCode::OK, "{planned}");
    assert_eq!(planned["goal"], "endurance");
    let bad = json!({"goal": "endurance", "start": "2026-11-23", "lifts": [{"focus": "arms", "load": "moderate"}]});
    assert_error(
        &s.post("/api/v1/plan/week", bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("lifts[0].focus"),
    );
    let (status, progression) = s.get("/api/v1/plan/progression").await;
    assert_eq!(status, StatusCode::OK, "{progression}");
    assert!(
        progression["next_minutes"].as_u64().is_some(),
        "{progression}"
    );
    assert_error(
        &s.get("/api/v1/plan/week?from=next-week").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("from"),
    );
    assert_error(
        &s.get("/api/v1/plan/week.ics?from=next-week").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("from"),
    );
    s.stop().await;
}

#[tokio::test]
async fn status_from_the_log() {
    let s = Server::start().await;
    assert_error(
        &s.get("/api/v1/status").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("profile"),
    );
    s.put("/api/v1/profile", profile()).await;
    let (status, report) = s.get("/api/v1/status?at=2026-11-24&days=14").await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["daily"].as_array().unwrap().len(), 14, "{report}");
    // A date is the end of that day in the athlete's zone (Berlin: UTC+1 in November).
    assert_eq!(report["at"], "2026-11-24T23:59:59+01:00");
    assert!(report["readiness"]["level"].is_string());

    s.upload(
        "/api/v1/imports",
        &[("strong.csv", data("strong/strong.csv"))],
    )
    .await;
    let (_, lifts) = s.get("/api/v1/lifts?limit=1").await;
    let last = lifts[0]["started_at"].as_str().unwrap()[..10].to_string();
    let (status, report) = s.get(&format!("/api/v1/status?at={last}")).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert!(report["load"]["week"].as_f64().unwrap() > 0.0, "{report}");
    assert_eq!(
        report["daily"].as_array().unwrap().len(),
        42,
        "42 days by default, as the CLI"
    );
    assert!(report["muscles"].as_array().is_some_and(|m| !m.is_empty()));

    assert_error(
        &s.get("/api/v1/status?days=0").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("days"),
    );
    assert_error(
        &s.get("/api/v1/status?at=someday").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("at"),
    );
    s.stop().await;
}

#[tokio::test]
async fn uploads_have_their_own_limit_above_the_json_one() {
    // A 5.6 KB FIT file over a 1 KiB JSON limit: the upload route uses the upload limit.
    let s = Server::start_with(
        None,
        Limits {
            json_body_bytes: 1024,
            upload_bytes: 1024 * 1024,
            ..Limits::default()
        },
    )
    .await;
    let (status, report) = s
        .upload(
            "/api/v1/imports",
            &[("garmin-fenix-5-run.fit", data("fit/garmin-fenix-5-run.fit"))],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["imported"], 1, "{report}");
    s.stop().await;
}

/// The body's `now` is the instant of everything the log contributes: that day's lift and check-in, and
/// the answer says what came from the log.
#[tokio::test]
async fn advice_at_the_bodys_now_reads_that_days_log() {
    let s = Server::start().await;
    s.put("/api/v1/profile", profile()).await;
    let lift = json!({"started_at": "2026-11-24T16:00:00Z", "minutes": 60, "rpe": 9,
                      "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 140, "rpe": 9}, {"reps": 5, "kg": 140, "rpe": 9}, {"reps": 5, "kg": 140, "rpe": 9}]}]});
    let (_, created) = s.post("/api/v1/lifts", lift).await;
    let id = created["id"].as_str().unwrap().to_string();
    s.put(
        "/api/v1/wellness/2026-11-24",
        json!({"sleep_hours": 6, "pain": true}),
    )
    .await;
    let ask = |now: &str| json!({"planned": {"kind": "intervals", "minutes": 20}, "now": now});
    let (status, v) = s.post("/api/v1/advice", ask("2026-11-24T18:00:00Z")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(
        v["from_log"],
        json!({"lift": id, "check_in": "2026-11-24", "flags": ["pain"]})
    );
    assert_eq!(v["verdict"], "skip", "pain from the check-in: {v}");
    // The request's own answer wins, and is not the log's.
    let (_, v) = s
        .post(
            "/api/v1/advice",
            json!({"planned": {"kind": "intervals"}, "readiness": {"pain": false}, "now": "2026-11-24T18:00:00Z"}),
        )
        .await;
    assert_eq!(v["from_log"], json!({"lift": id, "check_in": "2026-11-24"}));
    assert_eq!(v["verdict"], "postpone", "heavy legs from the log: {v}");
    // Another day: not that day's lift, and of its check-in only the pain, which lasts until cleared.
    let carried = json!({"check_in": "2026-11-24", "flags": ["pain"]});
    let (_, v) = s.post("/api/v1/advice", ask("2026-11-26T18:00:00Z")).await;
    assert_eq!(v["from_log"], carried, "{v}");
    // 23:30 UTC on the 24th is the 25th in Berlin: the check-in is the day before's (its pain carried),
    // while the lift of a few hours ago is still the lift (the interference rules reach 36 h).
    let (_, v) = s.post("/api/v1/advice", ask("2026-11-24T23:30:00Z")).await;
    assert_eq!(
        v["from_log"],
        json!({"lift": id, "check_in": "2026-11-24", "flags": ["pain"]}),
        "{v}"
    );
    // With the pain cleared, another day has nothing from the log.
    s.put("/api/v1/wellness/2026-11-24", json!({"pain": false}))
        .await;
    let (_, v) = s.post("/api/v1/advice", ask("2026-11-26T18:00:00Z")).await;
    assert!(v.get("from_log").is_none(), "{v}");
    assert_error(
        &s.post(
            "/api/v1/advice",
            json!({"planned": {"kind": "easy"}, "now": "soon"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("now"),
    );
    s.stop().await;
}

/// Pain and illness outlast their day through the API: a check-in's pain rules running out on the
/// following days (read from the log, and from the log cache at the present) until a check-in clears it,
/// but not past a week without a check-in; a new day's check-in starts with it, and `GET` of a day
/// without a check-in says where it comes from.
#[tokio::test]
async fn pain_carries_over_until_cleared() {
    // The fixed dates are in 2020, far from the present, which the last part uses.
    let s = Server::start().await;
    s.put("/api/v1/profile", profile()).await;
    let ask = |now: &str| json!({"planned": {"kind": "intervals", "minutes": 20}, "now": now});
    let (_, tue) = s
        .put("/api/v1/wellness/2020-11-24", json!({"pain": true}))
        .await;
    assert!(tue.get("carried_from").is_none(), "{tue}");
    // Wednesday and Thursday, no check-in: skip, from Tuesday's.
    for now in ["2020-11-25T18:00:00+01:00", "2020-11-26T18:00:00+01:00"] {
        let (status, v) = s.post("/api/v1/advice", ask(now)).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["verdict"], "skip", "{now}: {v}");
        assert_eq!(
            v["from_log"],
            json!({"check_in": "2020-11-24", "flags": ["pain"]}),
            "{now}"
        );
    }
    let (status, wed) = s.get("/api/v1/wellness/2020-11-25").await;
    assert_eq!(status, StatusCode::OK, "{wed}");
    assert_eq!(
        wed,
        json!({"date": "2020-11-25", "check_in": {"pain": true}, "carried_from": "2020-11-24"})
    );
    // Thursday's first check-in starts with the pain; clearing it there ends it.
    let (_, thu) = s
        .put("/api/v1/wellness/2020-11-26", json!({"sleep_hours": 7}))
        .await;
    assert_eq!(thu["check_in"]["pain"], true, "{thu}");
    assert_eq!(thu["carried_from"], "2020-11-24");
    let (_, thu) = s
        .put("/api/v1/wellness/2020-11-26", json!({"pain": false}))
        .await;
    assert_eq!(thu["check_in"]["pain"], false, "{thu}");
    assert_eq!(thu["check_in"]["sleep_hours"], 7.0);
    let (_, fri) = s
        .post("/api/v1/advice", ask("2020-11-27T18:00:00+01:00"))
        .await;
    assert_ne!(fri["verdict"], "skip", "{fri}");
    assert!(fri.get("from_log").is_none(), "{fri}");
    assert_eq!(
        s.get("/api/v1/wellness/2020-11-27").await.0,
        StatusCode::NOT_FOUND
    );

    // Pain on 1 Dec, then no check-in: still carried four weeks later, not 29 days later.
    s.put("/api/v1/wellness/2020-12-01", json!({"pain": true}))
        .await;
    let (_, v) = s
        .post("/api/v1/advice", ask("2020-12-29T18:00:00+01:00"))
        .await;
    assert_eq!(v["verdict"], "skip", "{v}");
    let (_, v) = s
        .post("/api/v1/advice", ask("2020-12-30T18:00:00+01:00"))
        .await;
    assert_ne!(
        v["verdict"], "skip",
        "a pain flag 29 days old is not carried: {v}"
    );
    assert!(v.get("from_log").is_none(), "{v}");

    // At the present (the log cache's path): yesterday's illness rules today out.
    let yesterday = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Berlin").unwrap())
        .date()
        .yesterday()
        .unwrap();
    s.put(
        &format!("/api/v1/wellness/{yesterday}"),
        json!({"illness": true}),
    )
    .await;
    let (_, v) = s
        .post("/api/v1/advice", json!({"planned": {"kind": "easy"}}))
        .await;
    assert_eq!(v["verdict"], "skip", "{v}");
    assert_eq!(
        v["from_log"],
        json!({"check_in": yesterday.to_string(), "flags": ["illness"]})
    );
    s.stop().await;
}

/// Start times in listings and in full are in the athlete's zone (RFC 3339 with its offset), and a date
/// bound is that day's start there.
#[tokio::test]
async fn listings_are_in_the_athletes_zone() {
    let s = Server::start().await;
    let lift = json!({"started_at": "2026-11-24T23:30:00Z", "minutes": 60,
                      "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 100}]}]});
    s.post("/api/v1/lifts", lift).await;
    // Without a profile zone: UTC.
    let (_, listed) = s.get("/api/v1/lifts").await;
    assert_eq!(listed[0]["started_at"], "2026-11-24T23:30:00+00:00");
    s.put("/api/v1/profile", profile()).await;
    let (_, listed) = s.get("/api/v1/lifts").await;
    assert_eq!(listed[0]["started_at"], "2026-11-25T00:30:00+01:00");
    let (_, one) = s.get("/api/v1/lifts/l1").await;
    assert_eq!(one["started_at"], "2026-11-25T00:30:00+01:00");
    // 00:30 on the 25th in Berlin: listed from the 25th, not on the 24th.
    let (_, on_25th) = s.get("/api/v1/lifts?from=2026-11-25").await;
    assert_eq!(on_25th.as_array().unwrap().len(), 1);
    let (_, to_25th) = s.get("/api/v1/lifts?to=2026-11-25").await;
    assert!(to_25th.as_array().unwrap().is_empty(), "{to_25th}");
    s.stop().await;
}

/// A lift entered with a name the catalogue cannot read is saved, and the answer names it.
#[tokio::test]
async fn a_lift_with_an_unreadable_name_says_so() {
    let s = Server::start().await;
    let (status, created) = s
        .post(
            "/api/v1/lifts",
            json!({"exercises": [{"name": "Zorblax Press", "sets": [{"reps": 5}]}, {"name": "Squat (Barbell)", "sets": [{"reps": 5}]}]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["unknown_exercises"][0]["name"], "Zorblax Press");
    assert_eq!(created["unknown_exercises"].as_array().unwrap().len(), 1);
    let (_, created) = s
        .post(
            "/api/v1/lifts",
            json!({"exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5}]}]}),
        )
        .await;
    assert_eq!(created, json!({"id": "l2"}));
    s.stop().await;
}

#[tokio::test]
async fn exercises_are_searched_and_aliases_kept_and_used() {
    let s = Server::start().await;
    let (status, all) = s.get("/api/v1/exercises").await;
    assert_eq!(status, StatusCode::OK);
    assert!(all.as_array().unwrap().len() > 100);
    let (_, found) = s.get("/api/v1/exercises?q=leg%20press").await;
    let leg_press = found
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Leg Press")
        .unwrap_or_else(|| panic!("{found}"));
    assert_eq!(leg_press["region"], "lower");
    assert_eq!(leg_press["pattern"], "squat");
    assert!(
        leg_press["primary"]
            .as_array()
            .unwrap()
            .contains(&json!("quads"))
    );
    assert_eq!(
        s.get("/api/v1/exercises?q=zzzz").await,
        (StatusCode::OK, json!([]))
    );
    assert_error(
        &s.get("/api/v1/exercises?query=leg").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("query"),
    );

    assert_eq!(
        s.get("/api/v1/exercises/aliases").await,
        (StatusCode::OK, json!([]))
    );
    let (status, alias) = s
        .put(
            "/api/v1/exercises/aliases",
            json!({"name": "Beinpresse", "exercise": "leg press"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{alias}");
    assert_eq!(
        alias,
        json!({"name": "Beinpresse", "exercise": "Leg Press"})
    );
    assert_eq!(
        s.get("/api/v1/exercises/aliases").await.1,
        json!([alias.clone()])
    );
    assert_eq!(
        s.get("/api/v1/exercises?q=beinpresse").await.1[0]["name"],
        "Leg Press"
    );
    for (body, field) in [
        (
            json!({"name": "Beinpresse", "exercise": "Leg Pres"}),
            "exercise",
        ),
        (
            json!({"name": "Squat (Barbell)", "exercise": "Leg Press"}),
            "name",
        ),
        (json!({"name": " ", "exercise": "Leg Press"}), "name"),
        (json!({"name": "Beinpresse"}), "exercise"),
        (
            json!({"name": "Beinpresse", "exercise": "Leg Press", "gym": "A"}),
            "gym",
        ),
    ] {
        assert_error(
            &s.put("/api/v1/exercises/aliases", body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some(field),
        );
    }

    // The status reads the alias: a heavy "Beinpresse" session tires the quads.
    s.put("/api/v1/profile", profile()).await;
    let started = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(2)).to_string();
    s.post(
        "/api/v1/lifts",
        json!({"started_at": started, "minutes": 45,
               "exercises": [{"name": "Beinpresse", "sets": [{"reps": 8, "kg": 220, "rpe": 9}, {"reps": 8, "kg": 220, "rpe": 9}, {"reps": 8, "kg": 220, "rpe": 9}, {"reps": 8, "kg": 220, "rpe": 9}]}]}),
    )
    .await;
    let quads = |report: &Value| {
        report["muscles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["muscle"] == "quads")
            .unwrap()["recovered_pct"]
            .as_f64()
            .unwrap()
    };
    let (_, report) = s.get("/api/v1/status?days=7").await;
    assert!(quads(&report) < 90.0, "{report}");

    let (status, removed) = s.delete("/api/v1/exercises/aliases/BEINPRESSE").await;
    assert_eq!(status, StatusCode::OK, "{removed}");
    assert_eq!(removed, alias);
    let (_, report) = s.get("/api/v1/status?days=7").await;
    assert_eq!(
        quads(&report),
        100.0,
        "without the alias the name is unknown"
    );
    assert_error(
        &s.delete("/api/v1/exercises/aliases/Beinpresse").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    s.stop().await;
}

#[tokio::test]
async fn an_upload_names_the_exercises_the_catalogue_cannot_read() {
    let s = Server::start().await;
    let csv = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps\n\
               2026-11-30 18:00:00,A,1h,Squat (Barbell),1,100,5\n\
               2026-11-30 18:00:00,A,1h,Zorblax Press,1,40,10\n\
               2026-11-30 18:00:00,A,1h,Zorblax Press,2,40,10\n\
               2026-11-30 18:00:00,A,1h,Kettlebell Carrry Heavy,1,24,\n";
    let (status, report) = s
        .upload(
            "/api/v1/imports",
            &[("strong.csv", csv.as_bytes().to_vec())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(
        report["unknown_exercises"],
        json!([
            {"name": "Zorblax Press", "sets": 2},
            {"name": "Kettlebell Carrry Heavy", "sets": 1}
        ]),
        "{report}"
    );
    s.stop().await;
}

/// Every response says: no sniffing, no framing, no referrer — the API, the explorer and the dashboard; and a
/// write from a sandboxed frame or a local file (`Origin: null`) is refused.
#[tokio::test]
async fn security_headers_everywhere_and_null_origins_refused() {
    let s = Server::start().await;
    let client = reqwest::Client::new();
    for path in ["/api/v1/profile", "/api/docs/", "/", "/api/v1/nowhere"] {
        let r = client.get(s.url(path)).send().await.unwrap();
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
    }
    let r = client
        .put(s.url("/api/v1/profile"))
        .header("Origin", "null")
        .json(&json!({"athlete": {"age": 34, "sex": "female", "weight_kg": 62, "goal": "general"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    s.stop().await;
}

#[tokio::test]
async fn a_body_that_is_not_an_object_or_repeats_a_key_is_refused() {
    let s = Server::start().await;
    let day = "/api/v1/wellness/2026-11-24";
    let (status, stored) = s.put(day, json!({"fatigue": 3, "sleep_hours": 7.5})).await;
    assert_eq!(status, StatusCode::OK, "{stored}");
    // An array, a string, a number, null: none is the object every write expects, and none wipes the day.
    for body in [json!([]), json!([1, 2]), json!("x"), json!(3), Value::Null] {
        let got = s.put(day, body.clone()).await;
        assert_error(
            &got,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some("request"),
        );
        assert!(
            got.1["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("expected a JSON object"),
            "{body}: {}",
            got.1
        );
    }
    let (_, kept) = s.get(day).await;
    assert_eq!(kept["check_in"]["fatigue"], 3, "{kept}");
    assert_eq!(kept["check_in"]["sleep_hours"], 7.5, "{kept}");
    for path in [
        "/api/v1/lifts",
        "/api/v1/advice",
        "/api/v1/zones",
        "/api/v1/plan/week",
    ] {
        assert_error(
            &s.post(path, json!([])).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some("request"),
        );
    }

    // A key given twice, at the top or deep inside: named with its place, nothing saved.
    for (body, field) in [
        (&br#"{"fatigue": 1, "fatigue": 7}"#[..], "fatigue"),
        (br#"{"fatigue": 1, "mood": 2, "mood": 2}"#, "mood"),
    ] {
        let got = s.post_raw_to(reqwest::Method::PUT, day, body).await;
        assert_error(
            &got,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some(field),
        );
        assert!(
            got.1["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("duplicate key"),
            "{}",
            got.1
        );
    }
    let nested =
        br#"{"exercises": [{"name": "Squat", "sets": [{"reps": 5, "kg": 100, "kg": 1}]}]}"#;
    assert_error(
        &s.post_raw_to(reqwest::Method::POST, "/api/v1/lifts", nested)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("exercises[0].sets[0].kg"),
    );
    let (_, kept) = s.get(day).await;
    assert_eq!(kept["check_in"]["fatigue"], 3, "{kept}");
    let (_, lifts) = s.get("/api/v1/lifts").await;
    assert_eq!(lifts, json!([]));
    s.stop().await;
}

#[tokio::test]
async fn every_number_written_is_checked_against_its_range() {
    let s = Server::start().await;
    let lift = |set: Value| json!({"exercises": [{"name": "Squat (Barbell)", "sets": [set]}]});
    let cases: Vec<(reqwest::Method, &str, Value, &str)> = vec![
        (
            reqwest::Method::POST,
            "/api/v1/lifts",
            lift(json!({"reps": 5, "kg": -1})),
            "exercises[0].sets[0].kg",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/lifts",
            lift(json!({"reps": 5, "kg": 100, "rpe": 0})),
            "exercises[0].sets[0].rpe",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/lifts",
            lift(json!({"reps": 5, "kg": 100, "rpe": 11})),
            "exercises[0].sets[0].rpe",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/lifts",
            lift(json!({"reps": 0, "kg": 100})),
            "exercises[0].sets[0].reps",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/lifts",
            lift(json!({"reps": -1, "kg": 100})),
            "exercises[0].sets[0].reps",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/lifts",
            json!({"minutes": -5, "exercises": [{"name": "Squat", "sets": [{"reps": 5}]}]}),
            "minutes",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/lifts",
            json!({"rpe": 0, "exercises": [{"name": "Squat", "sets": [{"reps": 5}]}]}),
            "rpe",
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/wellness/2026-11-24",
            json!({"sleep_hours": -1}),
            "sleep_hours",
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/wellness/2026-11-24",
            json!({"fatigue": 0}),
            "fatigue",
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/wellness/2026-11-24",
            json!({"mood": 8}),
            "mood",
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/wellness/2026-11-24",
            json!({"resting_hr": 0}),
            "resting_hr",
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/wellness/2026-11-24",
            json!({"hrv_rmssd_ms": -5}),
            "hrv_rmssd_ms",
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/profile",
            json!({"athlete": {"age": -1, "sex": "male", "weight_kg": 80, "goal": "general"}}),
            "athlete.age",
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/profile",
            json!({"athlete": {"age": 30, "sex": "male", "weight_kg": -80, "goal": "general"}}),
            "athlete.weight_kg",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/zones",
            json!({"age": 500, "sex": "male"}),
            "age",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/vdot",
            json!({"distance_m": -5000, "time_s": 1200}),
            "distance_m",
        ),
    ];
    for (method, path, body, field) in cases {
        let got = s.send(method.clone(), path, body.clone()).await;
        assert_eq!(
            got.0,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{method} {path} {body}: {}",
            got.1
        );
        let named = got.1["errors"]
            .as_array()
            .is_some_and(|e| e.iter().any(|e| e["field"] == field));
        assert!(named, "{method} {path} {body}: {}", got.1);
    }
    let (_, lifts) = s.get("/api/v1/lifts").await;
    assert_eq!(lifts, json!([]));
    s.stop().await;
}

#[tokio::test]
async fn every_write_from_another_origin_is_refused_before_it_is_read() {
    for token in [
        None,
        Some("3f9c0a7be41d5c28f06b9e1a7d4c2b8e5f0a9c3d7e1b4a6c8d2f0e9b7a5c3d1e"),
    ] {
        let s = Server::start_with(token, Limits::default()).await;
        let auth = |r: reqwest::RequestBuilder| match token {
            Some(t) => r.bearer_auth(t),
            None => r,
        };
        // Every write the API has, from its own document: POST, PUT and DELETE.
        let (_, doc) = s.get("/api/openapi.json").await;
        let mut writes = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in ["post", "put", "delete"] {
                if item.get(method).is_some() {
                    let path = path
                        .replace("{id}", "l1")
                        .replace("{date}", "2026-11-24")
                        .replace("{name}", "x");
                    let path = if path.starts_with("/api/v1") {
                        path
                    } else {
                        format!("/api/v1{path}")
                    };
                    writes.push((method, path));
                }
            }
        }
        assert!(writes.len() >= 10, "{writes:?}");
        for origin in [
            "https://evil.example",
            "null",
            "http://127.0.0.1.evil.example",
        ] {
            for (method, path) in &writes {
                let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let r = auth(s.client.request(m, s.url(path)))
                    .header("origin", origin)
                    .json(&json!({"exercises": [{"name": "Squat", "sets": [{"reps": 5}]}]}))
                    .send()
                    .await
                    .unwrap();
                let got = json_of(r).await;
                assert_error(&got, StatusCode::FORBIDDEN, "forbidden", None);
                assert!(
                    got.1["message"]
                        .as_str()
                        .unwrap()
                        .contains("another origin"),
                    "{method} {path}: {}",
                    got.1
                );
            }
            // An upload, as a page elsewhere would post it.
            let form = Form::new().part(
                "files",
                Part::bytes(data("fit/garmin-fenix-5-run.fit")).file_name("run.fit"),
            );
            let r = auth(s.client.post(s.url("/api/v1/imports")))
                .header("origin", origin)
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert_error(&json_of(r).await, StatusCode::FORBIDDEN, "forbidden", None);
        }
        // Nothing was written.
        let list = |p: &'static str| auth(s.client.get(s.url(p))).send();
        for path in ["/api/v1/lifts", "/api/v1/activities"] {
            let (status, got) = json_of(list(path).await.unwrap()).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(got, json!([]), "{path}");
        }
        // The explorer is read-only: no write reaches it.
        let r = s
            .client
            .post(s.url("/api/docs/"))
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
        s.stop().await;
    }
}

/// `GET /activities/{id}/streams` serves the recorded samples: the Fenix 5 run's 21 records as the
/// reference decode in `garmin-fenix-5-run-records.csv` lists them (python-fitparse), channel by channel,
/// its track whole (21 points are under the outline's budget) and one split of its 157.6 m.
#[tokio::test]
async fn activity_streams_are_the_recorded_samples() {
    let s = Server::start().await;
    let (status, report) = s
        .upload(
            "/api/v1/imports",
            &[
                ("garmin-fenix-5-run.fit", data("fit/garmin-fenix-5-run.fit")),
                ("garmin-activity.gpx", data("gpx/garmin-activity.gpx")),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let (_, list) = s.get("/api/v1/activities").await;
    let id_of = |source: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|a| a["source"].as_str().unwrap().starts_with(source))
            .unwrap_or_else(|| panic!("no {source} in {list}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (fit, gpx) = (id_of("fit"), id_of("gpx"));
    let (status, streams) = s.get(&format!("/api/v1/activities/{fit}/streams")).await;
    assert_eq!(status, StatusCode::OK, "{streams}");

    let csv = String::from_utf8(data("fit/garmin-fenix-5-run-records.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(streams["samples"], rows.len());
    let column = |name: &str| {
        streams[name]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: {streams}"))
            .clone()
    };
    let (offsets, hr, cadence, speed, distance, altitude) = (
        column("offset_s"),
        column("hr_bpm"),
        column("cadence_rpm"),
        column("speed_mps"),
        column("distance_m"),
        column("altitude_m"),
    );
    let seconds = |t: &str| {
        let hms = t.split(' ').nth(3).unwrap();
        hms.split(':')
            .fold(0i64, |acc, p| acc * 60 + p.parse::<i64>().unwrap())
    };
    let t0 = seconds(rows[0][0]);
    let number = |v: &Value| v.as_f64().unwrap();
    for (i, row) in rows.iter().enumerate() {
        let f = |k: usize| row[k].parse::<f64>().unwrap();
        assert_eq!(
            offsets[i].as_i64().unwrap(),
            seconds(row[0]) - t0,
            "row {i}"
        );
        assert_eq!(number(&hr[i]), f(1), "row {i}");
        assert_eq!(number(&cadence[i]), f(2), "row {i}");
        // The log keeps speed to the cm/s and distance to the decimetre.
        assert!((number(&speed[i]) - f(3)).abs() < 0.005 + 1e-9, "row {i}");
        assert!((number(&distance[i]) - f(4)).abs() < 0.05 + 1e-9, "row {i}");
        assert!((number(&altitude[i]) - f(7)).abs() < 0.05 + 1e-9, "row {i}");
    }
    assert_eq!(streams["speed_from"], "device");
    assert!(streams["power_w"].is_null(), "no power recorded");
    let track = &streams["track"];
    assert_eq!(track["recorded"], rows.len());
    assert_eq!(track["lat_deg"].as_array().unwrap().len(), rows.len());
    assert_eq!(track["tolerance_m"], 0.0);
    let semicircles =
        |k: usize, i: usize| rows[i][k].parse::<f64>().unwrap() * 180.0 / 2f64.powi(31);
    for i in 0..rows.len() {
        assert!((number(&track["lat_deg"][i]) - semicircles(5, i)).abs() < 1e-7);
        assert!((number(&track["lon_deg"][i]) - semicircles(6, i)).abs() < 1e-7);
    }
    assert_eq!(streams["split_m"], 1000.0);
    let splits = streams["splits"].as_array().unwrap();
    assert_eq!(splits.len(), 1, "{splits:?}");
    assert_eq!(splits[0]["distance_m"], 157.6);
    assert_eq!(splits[0]["elapsed_s"], 57.0);
    assert_eq!(splits[0]["max_hr_bpm"], 112);
    let (_, miles) = s
        .get(&format!("/api/v1/activities/{fit}/streams?split=mi"))
        .await;
    assert_eq!(miles["split_m"], 1609.344);

    // The GPX has positions and no speed: speed from the distance, and a note saying so.
    let gpx_id = gpx.clone();
    let (status, gpx) = s.get(&format!("/api/v1/activities/{gpx}/streams")).await;
    assert_eq!(status, StatusCode::OK, "{gpx}");
    assert_eq!(gpx["speed_from"], "distance");
    assert!(
        gpx["notes"]
            .to_string()
            .contains("computed from the distance"),
        "{gpx}"
    );
    let n = gpx["samples"].as_u64().unwrap() as usize;
    for channel in ["speed_mps", "distance_m", "hr_bpm"] {
        assert_eq!(gpx[channel].as_array().map(Vec::len), Some(n), "{channel}");
    }

    // For a chart 20 columns wide: fewer samples, recorded ones, on one time axis; the statistics,
    // splits and track those of every sample.
    let (status, chart) = s
        .get(&format!("/api/v1/activities/{gpx_id}/streams?columns=20"))
        .await;
    assert_eq!(status, StatusCode::OK, "{chart}");
    let kept = chart["samples"].as_u64().unwrap() as usize;
    assert!(kept < n && kept >= 2 * 20, "{kept} of {n}");
    assert_eq!(
        (
            chart["recorded_samples"].as_u64(),
            chart["columns"].as_u64()
        ),
        (Some(n as u64), Some(20))
    );
    assert!(gpx["columns"].is_null() && gpx["recorded_samples"] == n);
    let full_offsets = gpx["offset_s"].as_array().unwrap();
    let mut from = 0;
    for (k, t) in chart["offset_s"].as_array().unwrap().iter().enumerate() {
        let i = from
            + full_offsets[from..]
                .iter()
                .position(|x| x == t)
                .expect("a recorded time");
        for channel in ["speed_mps", "distance_m", "hr_bpm"] {
            assert_eq!(chart[channel][k], gpx[channel][i], "{channel} at {t} s");
        }
        from = i + 1;
    }
    for whole in ["stats", "splits", "track", "laps", "notes"] {
        assert_eq!(chart[whole], gpx[whole], "{whole}");
    }
    assert!(
        gpx["stats"]["hr_bpm"]["max"].as_f64().is_some(),
        "{}",
        gpx["stats"]
    );
    for bad in ["0", "10001", "wide"] {
        assert_error(
            &s.get(&format!(
                "/api/v1/activities/{gpx_id}/streams?columns={bad}"
            ))
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            Some("columns"),
        );
    }

    assert_error(
        &s.get(&format!("/api/v1/activities/{fit}/streams?split=yards"))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("split"),
    );
    assert_error(
        &s.get("/api/v1/activities/l1/streams").await,
        StatusCode::NOT_FOUND,
        "not_found",
        None,
    );
    s.stop().await;
}

/// `GET /lifts/{id}`: each exercise read with the athlete's aliases, its e1RM from its best set (Epley and
/// Brzycki), the muscles worked, and a name the catalogue cannot read flagged — on a Strong export's
/// session and on one logged by hand.
#[tokio::test]
async fn a_lift_in_full_reads_its_exercises_and_estimates_their_1rm() {
    let s = Server::start().await;
    let (status, report) = s
        .upload(
            "/api/v1/imports",
            &[("strong.csv", data("strong/strong.csv"))],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let (_, lifts) = s.get("/api/v1/lifts?limit=10").await;
    for l in lifts.as_array().unwrap() {
        let (status, lift) = s
            .get(&format!("/api/v1/lifts/{}", l["id"].as_str().unwrap()))
            .await;
        assert_eq!(status, StatusCode::OK, "{lift}");
        for e in lift["exercises"].as_array().unwrap() {
            let Some(best) = e["e1rm"].as_object() else {
                continue;
            };
            let set = &e["sets"][best["set"].as_u64().unwrap() as usize];
            let (reps, kg) = (set["reps"].as_f64().unwrap(), set["kg"].as_f64().unwrap());
            assert_eq!(best["reps"].as_f64(), Some(reps));
            assert_eq!(best["kg"].as_f64(), Some(kg));
            // One rep is the 1RM itself.
            let (epley, brzycki) = if reps == 1.0 {
                (kg, kg)
            } else {
                (
                    (kg * (1.0 + reps / 30.0) * 10.0).round() / 10.0,
                    (kg * 36.0 / (37.0 - reps) * 10.0).round() / 10.0,
                )
            };
            assert_eq!(best["epley_kg"].as_f64(), Some(epley), "{e}");
            assert_eq!(best["brzycki_kg"].as_f64(), Some(brzycki), "{e}");
            // No other working set of 1–12 reps estimates higher.
            for other in e["sets"].as_array().unwrap() {
                if let (Some(r), Some(w)) = (other["reps"].as_f64(), other["kg"].as_f64())
                    && other["kind"] != "warmup"
                    && (1.0..=12.0).contains(&r)
                {
                    let epley = |r: f64, w: f64| if r == 1.0 { w } else { w * (1.0 + r / 30.0) };
                    assert!(epley(r, w) <= epley(reps, kg) + 1e-9, "{e}");
                }
            }
        }
        assert!(
            lift["muscles"].is_array() && lift["unknown_exercises"].is_array(),
            "{lift}"
        );
    }

    let (status, _) = s
        .put(
            "/api/v1/exercises/aliases",
            json!({"name": "Kniebeuge", "exercise": "Squat (Barbell)"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, created) = s
        .post(
            "/api/v1/lifts",
            json!({"started_at": "2026-03-02T17:00:00Z", "minutes": 50, "exercises": [
                {"name": "Kniebeuge", "sets": [{"reps": 5, "kg": 100}, {"reps": 5, "kg": 100}, {"reps": 3, "kg": 105}]},
                {"name": "Zorblax Press", "sets": [{"reps": 10, "kg": 20}, {"reps": 10, "kg": 20}]},
                {"name": "Pull Up", "sets": [{"reps": 8}]}
            ]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (_, lift) = s
        .get(&format!(
            "/api/v1/lifts/{}",
            created["id"].as_str().unwrap()
        ))
        .await;
    let squat = &lift["exercises"][0];
    assert_eq!(squat["read_as"]["exercise"], "Squat (Barbell)");
    assert_eq!(squat["read_as"]["by"], "alias");
    assert_eq!(squat["read_as"]["primary"], json!(["quads", "glutes"]));
    // 5 × 100 → 116.7 (Epley), 112.5 (Brzycki); 3 × 105 → 115.5: the first set is the best.
    assert_eq!(
        squat["e1rm"],
        json!({"epley_kg": 116.7, "brzycki_kg": 112.5, "set": 0, "reps": 5, "kg": 100.0})
    );
    assert!(lift["exercises"][1]["read_as"].is_null(), "{lift}");
    assert_eq!(lift["exercises"][1]["e1rm"]["epley_kg"], 26.7);
    assert!(
        lift["exercises"][2]["e1rm"].is_null(),
        "a pull-up without a weight: {lift}"
    );
    assert_eq!(
        lift["unknown_exercises"],
        json!([{"name": "Zorblax Press", "sets": 2}])
    );
    assert_eq!(lift["muscles"][0], json!({"muscle": "quads", "sets": 3.0}));
    // Three sets of squats to one pull-up: a lower-body day (upper 25 % < 30 %).
    assert_eq!(lift["region"], "lower");
    assert!(
        !lift["muscles"].to_string().contains("chest"),
        "nothing of the unknown press is counted: {lift}"
    );
    s.stop().await;
}

/// `GET /api/v1/history` over real files: a Strong export (2024–2025) and FIT runs and rides from 2013 to
/// 2017. One week worked out by hand from the CSV's rows; the cardio weeks against the activities'
/// listing; the extent against the listings' first and last dates.
#[tokio::test]
async fn history_from_real_files() {
    let s = Server::start().await;
    // Without a profile (dates in UTC) an empty log has no extent and one week.
    let (status, empty) = s.get("/api/v1/history").await;
    assert_eq!(status, StatusCode::OK, "{empty}");
    assert_eq!(empty["first_date"], Value::Null);
    assert_eq!(empty["weeks"].as_array().unwrap().len(), 1, "{empty}");

    s.put("/api/v1/profile", profile()).await;
    let (status, report) = s
        .upload(
            "/api/v1/imports",
            &[
                (
                    "strong-statistics.csv",
                    data("strong/strong-statistics.csv"),
                ),
                (
                    "2013-02-06-12-11-14.fit",
                    data("fit/2013-02-06-12-11-14.fit"),
                ),
                ("garmin-fenix-5-run.fit", data("fit/garmin-fenix-5-run.fit")),
                (
                    "garmin-fenix-5-bike.fit",
                    data("fit/garmin-fenix-5-bike.fit"),
                ),
                (
                    "garmin-fenix-5-walk.fit",
                    data("fit/garmin-fenix-5-walk.fit"),
                ),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");

    let (status, h) = s.get("/api/v1/history").await;
    assert_eq!(status, StatusCode::OK, "{h}");
    let (_, activities) = s.get("/api/v1/activities?limit=100").await;
    let (_, lifts) = s.get("/api/v1/lifts?limit=100").await;
    let activities = activities.as_array().unwrap();
    let lifts = lifts.as_array().unwrap();
    assert_eq!(lifts.len(), 15, "the CSV's 15 workouts");

    // Where the data is: the listings' first and last local dates (the profile's zone).
    let mut dates: Vec<&str> = activities
        .iter()
        .chain(lifts)
        .map(|e| &e["started_at"].as_str().unwrap()[..10])
        .collect();
    dates.sort();
    assert_eq!(h["first_date"], dates[0]);
    assert_eq!(h["first_date"], "2013-02-06");
    assert_eq!(h["last_date"], "2025-10-08");
    assert_eq!(h["from"], "2013-02-06");
    // By default the range ends today (or later data): at least the last date.
    assert!(h["to"].as_str().unwrap() >= "2025-10-08", "{}", h["to"]);

    let weeks = h["weeks"].as_array().unwrap();
    // Every week, empty ones included, Monday after Monday.
    assert_eq!(weeks[0]["week_start"], "2013-02-04");
    for pair in weeks.windows(2) {
        let a: jiff::civil::Date = pair[0]["week_start"].as_str().unwrap().parse().unwrap();
        let b: jiff::civil::Date = pair[1]["week_start"].as_str().unwrap().parse().unwrap();
        assert_eq!(a.checked_add(jiff::Span::new().days(7)).unwrap(), b);
    }
    let week = |monday: &str| {
        weeks
            .iter()
            .find(|w| w["week_start"] == monday)
            .unwrap_or_else(|| panic!("no week {monday}"))
    };

    // The week of Thursday 28 November 2024, by hand from the CSV: one 35-minute workout of 10 sets, no
    // warm-ups — rows 10 × 13, 16, 17; curls 10 × 13, 10, 8; pulldowns 10 × 20 then 15 × 15, 13, 10.
    let w = week("2024-11-25");
    assert_eq!(w["sports"], json!([]));
    assert_eq!(
        w["strength"],
        json!({"sessions": 1, "minutes": 35.0, "hard_sets": 10, "tonnage_kg": 1540.0, "unknown_sets": 0})
    );
    assert_eq!(
        w["regions"],
        json!([{"region": "upper", "sets": 10, "tonnage_kg": 1540.0}])
    );
    // Row: upper back and lats prime movers; biceps, rear delts, lower back, forearms synergists.
    // Curl: biceps (forearms ½). Pulldown: lats (biceps, upper back, rear delts ½).
    assert_eq!(
        w["muscles"],
        json!([
            {"muscle": "lower_back", "sets": 1.5, "tonnage_kg": 230.0},
            {"muscle": "lats", "sets": 7.0, "tonnage_kg": 1230.0},
            {"muscle": "upper_back", "sets": 5.0, "tonnage_kg": 845.0},
            {"muscle": "rear_delts", "sets": 3.5, "tonnage_kg": 615.0},
            {"muscle": "biceps", "sets": 6.5, "tonnage_kg": 925.0},
            {"muscle": "forearms", "sets": 3.0, "tonnage_kg": 385.0}
        ])
    );

    // Cardio per week and sport: the activities' listing added up independently.
    let mut expected: std::collections::BTreeMap<(String, String), (u64, f64, f64)> =
        Default::default();
    for a in activities {
        let day: jiff::civil::Date = a["started_at"].as_str().unwrap()[..10].parse().unwrap();
        let monday = day
            .checked_sub(jiff::Span::new().days(i64::from(day.weekday().to_monday_zero_offset())))
            .unwrap();
        let e = expected
            .entry((monday.to_string(), a["sport"].as_str().unwrap().to_string()))
            .or_default();
        e.0 += 1;
        e.1 += a["timer_s"].as_f64().unwrap() / 60.0;
        e.2 += a["distance_m"].as_f64().unwrap_or(0.0);
    }
    assert!(expected.len() >= 3, "{expected:?}");
    let mut got: std::collections::BTreeMap<(String, String), (u64, f64, f64)> = Default::default();
    for w in weeks {
        for sp in w["sports"].as_array().unwrap() {
            got.insert(
                (
                    w["week_start"].as_str().unwrap().to_string(),
                    sp["sport"].as_str().unwrap().to_string(),
                ),
                (
                    sp["sessions"].as_u64().unwrap(),
                    sp["minutes"].as_f64().unwrap(),
                    sp["distance_m"].as_f64().unwrap(),
                ),
            );
        }
    }
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for (key, (n, minutes, metres)) in &expected {
        let g = got[key];
        assert_eq!(g.0, *n, "{key:?}");
        assert!(
            (g.1 - minutes).abs() < 1e-6 && (g.2 - metres).abs() < 1e-6,
            "{key:?}: {g:?}"
        );
    }

    // e1RM: one point per session; the curl's best of 28 November is 10 × 10 kg (the 13-rep set is beyond
    // the estimate's range), 10 × (1 + 10/30).
    let strength = h["strength"].as_array().unwrap();
    let curl = strength
        .iter()
        .find(|p| p["exercise"] == "Bicep Curl (Barbell)")
        .unwrap();
    let first = &curl["points"][0];
    assert_eq!(first["date"], "2024-11-28");
    assert_eq!(first["set"], "10×10 kg");
    assert!((first["e1rm_kg"].as_f64().unwrap() - 40.0 / 3.0).abs() < 1e-9);
    let lift_of_28 = lifts
        .iter()
        .find(|l| l["started_at"].as_str().unwrap().starts_with("2024-11-28"))
        .unwrap();
    assert_eq!(first["lift_id"], lift_of_28["id"]);
    // The rows of that day were all 13+ reps: no point for them that day.
    let row = strength
        .iter()
        .find(|p| p["exercise"] == "Bent Over Row (Barbell)");
    assert!(row.is_none_or(|r| r["points"][0]["date"] != "2024-11-28"));
    // Most sessions first.
    let sessions: Vec<u64> = strength
        .iter()
        .map(|p| p["sessions"].as_u64().unwrap())
        .collect();
    assert!(sessions.windows(2).all(|p| p[0] >= p[1]), "{sessions:?}");

    // A range: whole weeks overlapping it, and only its points; the extent stays the log's.
    let (status, part) = s.get("/api/v1/history?from=2025-09-01&to=2025-09-14").await;
    assert_eq!(status, StatusCode::OK, "{part}");
    let mondays: Vec<&str> = part["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["week_start"].as_str().unwrap())
        .collect();
    assert_eq!(mondays, ["2025-09-01", "2025-09-08"]);
    assert_eq!(part["first_date"], "2013-02-06");
    let in_range = |p: &Value| {
        let d = p["date"].as_str().unwrap();
        ("2025-09-01"..="2025-09-14").contains(&d)
    };
    assert!(
        part["strength"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["points"].as_array().unwrap())
            .all(in_range)
    );
    let sessions_in_part: u64 = part["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["strength"]["sessions"].as_u64().unwrap())
        .sum();
    assert_eq!(sessions_in_part, 4, "2, 5, 9 and 11 September");

    assert_error(
        &s.get("/api/v1/history?from=2025-09-14&to=2025-09-01").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("from"),
    );
    assert_error(
        &s.get("/api/v1/history?to=someday").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("to"),
    );
    // An unknown parameter is named, not ignored.
    let unknown = s.get("/api/v1/history?days=3").await;
    assert_error(
        &unknown,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        None,
    );
    assert!(unknown.1.to_string().contains("days"), "{}", unknown.1);
    s.stop().await;
}

/// A personal experiment over HTTP: the choices, starting one (201 with its `Location`), what cannot
/// start (422 naming the field: no profile, an unknown comparison, a smallest difference of 0 or less, a
/// start before today, a washout too long, a lift without a name, a typo), a second while one is open
/// (409), one in full, its report as JSON, Markdown and an HTML page (its text escaped), stopping it, and
/// unknown ids (404).
#[tokio::test]
async fn experiments_start_report_and_stop() {
    let s = Server::start().await;
    let start = |body: Value| s.post("/api/v1/experiments", body);
    let valid = || {
        json!({"comparison": "run_after_lift_or_separate_day",
               "primary": {"kind": "resting_hr", "smallest_effect": 2},
               "washout_days": 1, "question": "Run <b>after</b> lifting & \"feel\" it?"})
    };
    // What can be compared: the five comparisons, both arms described; the start offered a Monday.
    let (status, choices) = s.get("/api/v1/experiments/comparisons").await;
    assert_eq!(status, StatusCode::OK, "{choices}");
    assert_eq!(choices["comparisons"].as_array().unwrap().len(), 5);
    assert_eq!(choices["comparisons"][1]["a"]["strategy"], "lift_first");
    assert!(
        choices["comparisons"][1]["b"]["describe"]
            .as_str()
            .is_some_and(|d| d.contains("run comes first"))
    );
    let resting = choices["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "resting_hr")
        .unwrap();
    assert_eq!(
        (resting["unit"].as_str(), resting["direction"].as_str()),
        (Some("bpm"), Some("lower"))
    );
    let default_start: jiff::civil::Date =
        choices["default_start"].as_str().unwrap().parse().unwrap();
    let today: jiff::civil::Date = choices["today"].as_str().unwrap().parse().unwrap();
    assert_eq!(default_start.weekday(), jiff::civil::Weekday::Monday);
    assert!(
        default_start > today
            && default_start <= today.checked_add(jiff::Span::new().days(7)).unwrap()
    );

    // No profile yet: named.
    assert_error(
        &start(valid()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("profile"),
    );
    assert_eq!(s.put("/api/v1/profile", profile()).await.0, StatusCode::OK);
    assert_eq!(
        s.get("/api/v1/experiments").await,
        (StatusCode::OK, json!([]))
    );
    // From here the athlete's days are those of their time zone (Berlin), which the choices follow now
    // that the profile names it: before, they were UTC's, a day behind from 23:00 UTC.
    let (_, choices) = s.get("/api/v1/experiments/comparisons").await;
    let today: jiff::civil::Date = choices["today"].as_str().unwrap().parse().unwrap();

    // What cannot start, each named on its field; nothing is kept.
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = valid();
        f(&mut v);
        v
    };
    let past = today
        .checked_sub(jiff::Span::new().days(3))
        .unwrap()
        .to_string();
    for (body, field) in [
        (
            with(&|v| v["comparison"] = json!("run_or_swim")),
            "comparison",
        ),
        (
            with(&|v| v["primary"]["smallest_effect"] = json!(0)),
            "primary.smallest_effect",
        ),
        (
            with(&|v| v["primary"]["smallest_effect"] = json!(-1.5)),
            "primary.smallest_effect",
        ),
        (with(&|v| v["start"] = json!(past)), "start"),
        (with(&|v| v["start"] = json!("next monday")), "start"),
        (with(&|v| v["washout_days"] = json!(4)), "washout_days"),
        (with(&|v| v["period_weeks"] = json!(3)), "period_weeks"),
        (
            with(&|v| {
                v["primary"] = json!({"kind": "e1rm", "exercise": " ", "smallest_effect": 2.5})
            }),
            "primary.exercise",
        ),
        (with(&|v| v["primary"]["kind"] = json!("mood")), "primary"),
        (with(&|v| v["block"] = json!(4)), "block"),
    ] {
        let got = start(body.clone()).await;
        assert_error(
            &got,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            None,
        );
        let named = got.1["errors"][0]["field"].as_str().unwrap_or_default();
        assert!(named.starts_with(field), "{body} named {named}: {}", got.1);
    }
    assert_eq!(
        s.get("/api/v1/experiments").await,
        (StatusCode::OK, json!([]))
    );

    // Started: 201, where it is, the protocol as declared.
    let r = s
        .client
        .post(s.url("/api/v1/experiments"))
        .json(&valid())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let started: Value = r.json().await.unwrap();
    let id = started["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/experiments/{id}"));
    assert_eq!(started["comparison"], "run_after_lift_or_separate_day");
    assert_eq!(started["status"], "not_started");
    assert_eq!(
        started["protocol"]["schedule"]["start"],
        choices["default_start"]
    );
    assert_eq!(started["protocol"]["schedule"]["washout_days"], 1);
    assert_eq!(started["seed"], started["protocol"]["schedule"]["seed"]);
    assert!(
        started["seed"].as_u64().unwrap() < 1 << 53,
        "exact in JavaScript"
    );
    // One at a time.
    let again = start(valid()).await;
    assert_error(&again, StatusCode::CONFLICT, "conflict", None);

    let (status, one) = s.get(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["id"], id);
    let (_, list) = s.get("/api/v1/experiments").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    for unknown in [
        "/api/v1/experiments/99",
        "/api/v1/experiments/abc",
        "/api/v1/experiments/0",
    ] {
        assert_error(
            &s.get(unknown).await,
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        );
        assert_error(
            &s.get(&format!("{unknown}/report")).await,
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        );
        assert_error(
            &s.post(&format!("{unknown}/stop"), json!({})).await,
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        );
    }

    // The report: not started yet, so no estimate; as JSON, Markdown and an HTML page.
    let (status, report) = s.get(&format!("{location}/report")).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["status"], "not_started");
    assert_eq!(
        report["results"][0]["by_schedule"]["verdict"]["verdict"],
        "not_enough_data"
    );
    assert!(
        report["verdict"]
            .as_str()
            .unwrap()
            .starts_with("Not started")
    );
    let fetch = async |format: &str| {
        let r = s
            .client
            .get(s.url(&format!("{location}/report?format={format}")))
            .send()
            .await
            .unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        (status, headers, r.text().await.unwrap())
    };
    let (status, headers, md) = fetch("markdown").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/markdown; charset=utf-8");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("afterlift-experiment-{id}.md"))
    );
    assert!(
        md.starts_with("# Personal experiment: Run \\<b\\>after\\</b\\> lifting & \"feel\" it?\n"),
        "{md}"
    );
    assert!(md.contains("## Caveats") && md.contains("Not medical advice"));
    let (status, headers, html) = fetch("html").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("Run &lt;b&gt;after&lt;/b&gt; lifting &amp; &quot;feel&quot; it?"),
        "{html}"
    );
    assert!(!html.contains("<b>"));
    let (status, _, json_again) = fetch("json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<Value>(&json_again).unwrap(), report);
    assert_error(
        &s.get(&format!("{location}/report?format=pdf")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_input",
        Some("format"),
    );

    // Stopped today: its last day; then another may start. (The athlete's today as asked just before and
    // just after: a midnight in Berlin may fall between.)
    let (_, before) = s.get("/api/v1/experiments/comparisons").await;
    let (status, stopped) = s.post(&format!("{location}/stop"), json!({})).await;
    let (_, after) = s.get("/api/v1/experiments/comparisons").await;
    assert_eq!(status, StatusCode::OK, "{stopped}");
    assert!(
        [&before["today"], &after["today"]].contains(&&stopped["stopped_on"]),
        "stopped on {}, the athlete's today {} / {}",
        stopped["stopped_on"],
        before["today"],
        after["today"]
    );
    assert!(
        stopped.get("today").is_none(),
        "nothing follows a stopped experiment"
    );
    let (status, report) = s.get(&format!("{location}/report")).await;
    assert_eq!(
        (status, report["status"].as_str()),
        (StatusCode::OK, Some("stopped_early"))
    );
    let (status, second) = start(valid()).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_ne!(second["id"], id);
    let (_, list) = s.get("/api/v1/experiments").await;
    assert_eq!(list[0]["id"], second["id"], "newest first");
    s.stop().await;
}
