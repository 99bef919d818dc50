//! The OpenAPI document against the real server: a log filled with real files from `testdata/` (a FIT, a
//! GPX, a Strong CSV, and an afterlift export holding a profile and check-ins), every GET endpoint and the
//! main POSTs and PUTs called over HTTP, and each real response body validated — with a JSON Schema
//! validator (`jsonschema`, draft 2020-12, formats asserted) — against the schema `/api/openapi.json` names
//! for that operation and status, its `$ref`s resolved into `#/components/schemas`.
//!
//! The response schemas are checked closed: an object schema that does not say otherwise gets
//! `additionalProperties: false`, so a field the server sends but the document does not name is a
//! mismatch, like a missing required field or a wrong type. A status the operation does not document
//! is one too. `a_wrong_schema_is_caught` shows the check can fail.

use std::path::PathBuf;

use afterlift_server::{AppState, Limits};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Map, Value, json};
use tokio::sync::oneshot;

const API: &str = "/api/v1";

struct Server {
    base: String,
    client: Client,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
            .await
            .unwrap();
        let state = AppState::new(store).with_limits(Limits::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(afterlift_server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        Server {
            base,
            client: Client::new(),
            shutdown: Some(tx),
            task: Some(task),
            _dir: dir,
        }
    }

    /// A server with accounts: the API tokens of ana (an athlete, with a password) and kim (a coach),
    /// and kim's user id.
    async fn start_with_accounts() -> (Server, String, String, i64) {
        use afterlift_store::accounts::Role;
        let dir = tempfile::tempdir().unwrap();
        let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
            .await
            .unwrap();
        let now = jiff::Timestamp::now();
        let accounts = afterlift_app::accounts::add_user;
        let ana = accounts(
            &store,
            "ana",
            Role::Athlete,
            Some("correct horse battery staple"),
            now,
        )
        .await
        .unwrap();
        let kim = accounts(&store, "kim", Role::Coach, None, now)
            .await
            .unwrap();
        let token = async |u| {
            afterlift_app::accounts::create_token(&store, u, "test", now, None)
                .await
                .unwrap()
                .secret
        };
        let (ana_token, kim_token) = (token(&ana).await, token(&kim).await);
        let state = AppState::new(store.clone()).with_accounts(true);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(afterlift_server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        let server = Server {
            base,
            client: Client::new(),
            shutdown: Some(tx),
            task: Some(task),
            _dir: dir,
        };
        (server, ana_token, kim_token, kim.id.0)
    }

    async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

fn data(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A request's body.
enum Body {
    None,
    Json(Value),
    Files(Vec<(&'static str, Vec<u8>)>),
}

/// A copy of `schema` in which every object schema with `properties` that says nothing about further
/// properties is closed (`additionalProperties: false`). Members of an `allOf` stay open (each sees only
/// its own properties); the `allOf` itself is closed with `unevaluatedProperties: false`.
fn closed(schema: &Value) -> Value {
    fn close(v: &mut Value, in_all_of: bool) {
        match v {
            Value::Object(map) => {
                let open = !map.contains_key("additionalProperties")
                    && !map.contains_key("unevaluatedProperties");
                if open && !in_all_of && map.contains_key("properties") {
                    map.insert("additionalProperties".into(), Value::Bool(false));
                }
                if open && !in_all_of && map.contains_key("allOf") {
                    map.insert("unevaluatedProperties".into(), Value::Bool(false));
                }
                for (k, child) in map.iter_mut() {
                    if k == "allOf" {
                        if let Value::Array(items) = child {
                            for item in items {
                                close(item, true);
                            }
                        }
                    } else if k != "properties" && k != "example" && k != "examples" {
                        close(child, false);
                    } else if k == "properties"
                        && let Value::Object(props) = child
                    {
                        for p in props.values_mut() {
                            close(p, false);
                        }
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    close(item, in_all_of);
                }
            }
            _ => {}
        }
    }
    let mut v = schema.clone();
    close(&mut v, false);
    v
}

/// The OpenAPI document, and the mismatches found so far.
struct Contract {
    doc: Value,
    /// `components`, closed ([`closed`]).
    components: Value,
    /// Operations and statuses checked, `GET /api/v1/activities 200`.
    checked: Vec<String>,
    mismatches: Vec<String>,
}

impl Contract {
    fn new(doc: Value) -> Contract {
        let components = closed(&doc["components"]);
        Contract {
            doc,
            components,
            checked: Vec::new(),
            mismatches: Vec::new(),
        }
    }

    /// The operation's documented response for `status`, if any.
    fn response(&self, method: &Method, template: &str, status: StatusCode) -> Option<&Value> {
        let op = &self.doc["paths"][format!("{API}{template}")][method.as_str().to_lowercase()];
        assert!(
            op.is_object(),
            "{method} {API}{template} is not in the document"
        );
        op["responses"].get(status.as_str())
    }

    /// Validates a response `body` against `schema`, closed ([`closed`]), its `$ref`s into
    /// `#/components/schemas`; the errors, one line each.
    fn validate(&self, schema: &Value, body: &Value) -> Vec<String> {
        Contract::validate_with(&closed(schema), &self.components, body)
    }

    fn validate_with(schema: &Value, components: &Value, body: &Value) -> Vec<String> {
        let mut root = schema.clone();
        if let Value::Object(map) = &mut root {
            map.insert("components".into(), components.clone());
        } else {
            // `true` / `false` schemas have no room for components.
            root = json!({"allOf": [root], "components": components.clone()});
        }
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&root)
            .unwrap_or_else(|e| panic!("not a valid JSON Schema ({e}): {schema}"));
        validator
            .iter_errors(body)
            .map(|e| format!("at '{}': {e}", e.instance_path()))
            .collect()
    }

    /// Checks a JSON body the server accepted against the operation's request schema, as documented (not
    /// closed: the server's own strictness is what the document must say).
    fn check_request(&mut self, method: &Method, template: &str, body: &Value) {
        let what = format!("{method} {API}{template} request");
        let op = &self.doc["paths"][format!("{API}{template}")][method.as_str().to_lowercase()];
        let Some(schema) = op["requestBody"]["content"]["application/json"].get("schema") else {
            self.mismatches
                .push(format!("{what}: accepted a JSON body, documents none"));
            return;
        };
        for e in Contract::validate_with(schema, &self.doc["components"], body) {
            self.mismatches.push(format!("{what}: {body}: {e}"));
        }
    }

    /// Checks one real answer: its status is documented, and its body fits the documented schema.
    fn check(
        &mut self,
        method: &Method,
        template: &str,
        status: StatusCode,
        content_type: &str,
        text: &str,
    ) {
        let what = format!("{method} {API}{template} {}", status.as_u16());
        self.checked.push(what.clone());
        let Some(response) = self.response(method, template, status) else {
            self.mismatches
                .push(format!("{what}: status not documented; body: {text}"));
            return;
        };
        let response = response.clone();
        let content = &response["content"];
        let Some((media, documented)) = content.as_object().and_then(|c| {
            c.iter()
                .find(|(m, _)| content_type.starts_with(m.as_str()))
                .map(|(m, d)| (m.clone(), d.clone()))
        }) else {
            if !(content.is_null() && text.is_empty()) {
                self.mismatches.push(format!(
                    "{what}: answered as '{content_type}', documented as {content}"
                ));
            }
            return;
        };
        let body = if media == "application/json" {
            match serde_json::from_str::<Value>(text) {
                Ok(v) => v,
                Err(e) => {
                    self.mismatches
                        .push(format!("{what}: not JSON ({e}): {text}"));
                    return;
                }
            }
        } else {
            Value::String(text.to_string())
        };
        let Some(schema) = documented.get("schema") else {
            self.mismatches
                .push(format!("{what}: {media} without a schema"));
            return;
        };
        for e in self.validate(schema, &body) {
            self.mismatches.push(format!("{what}: {e}"));
        }
    }
}

struct Run {
    server: Server,
    contract: Contract,
    /// The `Authorization` header sent with every call (on a server with accounts).
    auth: Option<String>,
}

impl Run {
    /// Calls `path` (under `/api/v1`), checks the answer against the document's `template` operation and
    /// returns it.
    async fn call(
        &mut self,
        method: Method,
        template: &str,
        path: &str,
        body: Body,
    ) -> (StatusCode, Value) {
        let s = &self.server;
        let mut request = s
            .client
            .request(method.clone(), format!("{}{API}{path}", s.base));
        if let Some(auth) = &self.auth {
            request = request.header("authorization", auth);
        }
        let mut sent = None;
        request = match body {
            Body::None => request,
            Body::Json(v) => {
                let r = request.json(&v);
                sent = Some(v);
                r
            }
            Body::Files(files) => {
                let mut form = Form::new();
                for (name, bytes) in files {
                    form = form.part("files", Part::bytes(bytes).file_name(name));
                }
                request.multipart(form)
            }
        };
        let response = request.send().await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let text = response.text().await.unwrap();
        self.contract
            .check(&method, template, status, &content_type, &text);
        if let Some(body) = sent.filter(|_| status.is_success()) {
            self.contract.check_request(&method, template, &body);
        }
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    async fn get(&mut self, template: &str, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, template, path, Body::None).await
    }

    async fn send(
        &mut self,
        method: Method,
        template: &str,
        path: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        self.call(method, template, path, Body::Json(body)).await
    }
}

async fn start() -> Run {
    let server = Server::start().await;
    let doc: Value = server
        .client
        .get(format!("{}/api/openapi.json", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Run {
        server,
        contract: Contract::new(doc),
        auth: None,
    }
}

fn first_id(list: &Value) -> String {
    list[0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {list}"))
        .to_string()
}

#[tokio::test]
async fn every_answer_fits_the_schema_the_document_names() {
    let mut r = start().await;
    let ok = StatusCode::OK;

    // An empty log first: no profile, nothing listed, the errors.
    assert_eq!(r.get("/profile", "/profile").await.0, ok);
    assert_eq!(r.get("/activities", "/activities").await.0, ok);
    r.get("/status", "/status").await;
    r.get("/plan/week", "/plan/week?from=2026-11-23").await;
    r.get("/activities/{id}", "/activities/a99").await;
    r.get("/activities/{id}/streams", "/activities/a99/streams")
        .await;
    r.get("/lifts/{id}", "/lifts/l99").await;
    r.get("/activities", "/activities?limit=0").await;
    r.get("/wellness/{date}", "/wellness/2026-11-24").await;
    assert_eq!(
        r.get("/experiments/comparisons", "/experiments/comparisons")
            .await
            .0,
        ok
    );

    // The log, from real files: an afterlift export (a profile in Berlin, check-ins, and sessions from
    // the files below), then a FIT run, a GPX run, a Strong export (read in the profile's zone: the
    // export's sessions again), a damaged FIT file, a file that is not a workout and a broken one.
    let (status, report) = r
        .call(
            Method::POST,
            "/imports",
            "/imports",
            Body::Files(vec![(
                "afterlift.export.json",
                data("store/afterlift-0.1.0-be1faca.export.json"),
            )]),
        )
        .await;
    assert_eq!(status, ok, "{report}");
    let (status, report) = r
        .call(
            Method::POST,
            "/imports",
            "/imports",
            Body::Files(vec![
                ("garmin-fenix-5-run.fit", data("fit/garmin-fenix-5-run.fit")),
                ("garmin-activity.gpx", data("gpx/garmin-activity.gpx")),
                // Laps without elapsed time, ascent or cadence: the lap schema's nulls.
                ("test.tcx", data("tcx/test.tcx")),
                ("strong.csv", data("strong/strong.csv")),
                ("run-cut.fit", data("fit/activity-unexpected-eof.fit")),
                ("README.md", b"# not a workout".to_vec()),
                ("broken.gpx", b"<gpx><trk><trkseg><trkpt".to_vec()),
            ]),
        )
        .await;
    assert_eq!(status, ok, "{report}");
    assert!(report["duplicates"].as_u64().unwrap() >= 3, "{report}");
    // The same files again: duplicates.
    r.call(
        Method::POST,
        "/imports",
        "/imports",
        Body::Files(vec![(
            "garmin-fenix-5-run.fit",
            data("fit/garmin-fenix-5-run.fit"),
        )]),
    )
    .await;
    r.call(Method::POST, "/imports", "/imports", Body::Files(vec![]))
        .await;
    r.send(Method::POST, "/imports", "/imports", json!({"files": []}))
        .await;

    // The profile: restored from the export, then replaced.
    let (_, profile) = r.get("/profile", "/profile").await;
    assert!(profile["athlete"].is_object(), "{profile}");
    let mine = json!({"athlete": {"age": 34, "sex": "female", "weight_kg": 62, "resting_hr": 52,
        "max_hr": 188, "goal": "hypertrophy", "time_zone": "Europe/Berlin", "wake_time": "06:30",
        "sleep_time": "22:30", "race": {"distance_m": 10000, "time_s": 2910, "date": "2026-10-04"}}});
    assert_eq!(
        r.send(Method::PUT, "/profile", "/profile", mine).await.0,
        ok
    );
    r.send(
        Method::PUT,
        "/profile",
        "/profile",
        json!({"athlete": {"age": 300}}),
    )
    .await;

    // The listings and each kind of entry in full.
    let (_, activities) = r.get("/activities", "/activities?limit=100").await;
    assert!(activities.as_array().unwrap().len() >= 3, "{activities}");
    for a in activities.as_array().unwrap() {
        let id = a["id"].as_str().unwrap();
        r.get("/activities/{id}", &format!("/activities/{id}"))
            .await;
        r.get(
            "/activities/{id}/streams",
            &format!("/activities/{id}/streams"),
        )
        .await;
    }
    let first = first_id(&activities);
    r.get(
        "/activities/{id}/streams",
        &format!("/activities/{first}/streams?split=mi"),
    )
    .await;
    assert_eq!(
        r.get(
            "/activities/{id}/streams",
            &format!("/activities/{first}/streams?split=yards"),
        )
        .await
        .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (_, lifts) = r.get("/lifts", "/lifts?limit=20").await;
    r.get("/lifts", "/lifts?from=2021-02-01&to=2021-03-01")
        .await;
    for l in lifts.as_array().unwrap().iter().take(5) {
        let id = l["id"].as_str().unwrap();
        r.get("/lifts/{id}", &format!("/lifts/{id}")).await;
    }

    // A lift and a check-in entered by hand.
    let lift = json!({"started_at": "2026-11-24T17:00:00Z", "minutes": 60, "rpe": 8, "title": "Legs",
        "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 100, "rpe": 8}]},
                      {"name": "Zorblax Press", "sets": [{"reps": 10, "kg": 20}]}]});
    let (status, created) = r.send(Method::POST, "/lifts", "/lifts", lift).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let manual = created["id"].as_str().unwrap().to_string();
    r.get("/lifts/{id}", &format!("/lifts/{manual}")).await;
    r.send(Method::POST, "/lifts", "/lifts", json!({"exercises": []}))
        .await;
    r.send(
        Method::POST,
        "/lifts",
        "/lifts",
        json!({"exercises": [{"name": "squat", "sets": [{"reps": 5, "kg": 9000}]}]}),
    )
    .await;
    let check_in = json!({"sleep_hours": 7.5, "sleep_quality": 2, "fatigue": 3, "soreness": 4,
        "stress": 2, "mood": 2, "resting_hr": 53, "hrv_rmssd_ms": 61, "pain": true});
    let (status, day) = r
        .send(
            Method::PUT,
            "/wellness/{date}",
            "/wellness/2026-11-24",
            check_in,
        )
        .await;
    assert_eq!(status, ok, "{day}");
    r.send(
        Method::PUT,
        "/wellness/{date}",
        "/wellness/2026-11-24",
        json!({"resting_hr": null, "mood": 3}),
    )
    .await;
    r.send(
        Method::PUT,
        "/wellness/{date}",
        "/wellness/today",
        json!({"sleep_hours": 8}),
    )
    .await;
    r.send(
        Method::PUT,
        "/wellness/{date}",
        "/wellness/2026-11-24",
        json!({"fatigue": 12}),
    )
    .await;
    r.get("/wellness", "/wellness?from=2026-11-01&to=2026-12-31")
        .await;
    r.get("/wellness", "/wellness").await;
    r.get("/wellness/{date}", "/wellness/2026-11-24").await;
    // The next day carries the pain over.
    let (status, carried) = r.get("/wellness/{date}", "/wellness/2026-11-25").await;
    assert_eq!(status, ok, "{carried}");
    r.get("/wellness/{date}", "/wellness/soon").await;

    // Advice: from the log alone, with a lift, and wrong.
    let (status, advice) = r
        .send(
            Method::POST,
            "/advice",
            "/advice",
            json!({"planned": {"kind": "easy", "minutes": 30}, "now": "2026-11-24T18:30:00Z"}),
        )
        .await;
    assert_eq!(status, ok, "{advice}");
    r.send(
        Method::POST,
        "/advice",
        "/advice",
        json!({
            "athlete": {"age": 34, "sex": "female", "weight_kg": 62, "goal": "hypertrophy"},
            "lift": {"ended_at": "2026-11-26T18:30:00Z", "minutes": 70, "rpe": 8, "focus": "lower", "load": "heavy",
                     "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 100, "rpe": 8}]}]},
            "readiness": {"sleep_hours": 8, "pain": false},
            "planned": {"kind": "intervals", "minutes": 20},
            "now": "2026-11-26T18:35:00Z"
        }),
    )
    .await;
    r.send(
        Method::POST,
        "/advice",
        "/advice",
        json!({"planned": {"kind": "long", "minutes": 90}, "now": "2026-11-27T07:00:00Z",
               "readiness": {"illness": true}}),
    )
    .await;
    // Part of the athlete, the rest from the profile.
    let (status, partial) = r
        .send(
            Method::POST,
            "/advice",
            "/advice",
            json!({"athlete": {"age": 35, "injury_prone": true}, "planned": {"kind": "tempo"},
                   "now": "2026-11-24T19:00:00Z"}),
        )
        .await;
    assert_eq!(status, ok, "{partial}");
    r.send(
        Method::POST,
        "/advice",
        "/advice",
        json!({"planned": {"kind": "sprint"}}),
    )
    .await;

    // The advice log: what was answered above, listed; and a wrong limit.
    let (status, advice_log) = r.get("/advice", "/advice").await;
    assert_eq!(status, ok, "{advice_log}");
    assert!(
        advice_log.as_array().is_some_and(|l| l.len() >= 4),
        "{advice_log}"
    );
    r.get("/advice", "/advice?from=2026-11-26&limit=2").await;
    r.get("/advice", "/advice?limit=0").await;

    // Status and plans, as of the log's lifts and now.
    let last = lifts[0]["started_at"].as_str().unwrap()[..10].to_string();
    r.get("/status", &format!("/status?at={last}")).await;
    r.get("/status", "/status?at=2026-11-24&days=14").await;
    r.get("/status", "/status").await;
    r.get("/status", "/status?days=0").await;
    let (status, history) = r.get("/history", "/history").await;
    assert_eq!(status, ok, "{history}");
    assert!(
        history["strength"]
            .as_array()
            .is_some_and(|s| !s.is_empty()),
        "{history}"
    );
    r.get("/history", &format!("/history?from={last}&to={last}"))
        .await;
    r.get("/history", "/history?from=2026-12-01&to=2026-11-01")
        .await;
    r.get("/history", "/history?from=soon").await;
    r.get("/plan/week", &format!("/plan/week?from={last}"))
        .await;
    r.get("/plan/week", "/plan/week").await;
    r.get("/plan/week.ics", "/plan/week.ics?from=2026-11-23")
        .await;
    r.get("/plan/week.ics", "/plan/week.ics?from=next-week")
        .await;
    r.get("/plan/progression", "/plan/progression").await;
    let request = json!({"goal": "endurance", "start": "2026-11-23",
        "lifts": [{"focus": "full", "load": "moderate", "count": 2}],
        "runs": [{"kind": "easy", "count": 2}, {"kind": "intervals"}, {"kind": "tempo"}, {"kind": "long"}]});
    let (status, planned) = r
        .send(Method::POST, "/plan/week", "/plan/week", request)
        .await;
    assert_eq!(status, ok, "{planned}");
    r.send(
        Method::POST,
        "/plan/week",
        "/plan/week",
        json!({"goal": "endurance", "start": "2026-11-23", "lifts": [{"focus": "arms", "load": "moderate"}]}),
    )
    .await;
    // A personal experiment's strategy: the plan follows it and lists where it cannot; the advice too.
    let (status, experiment) = r
        .send(
            Method::POST,
            "/plan/week",
            "/plan/week",
            json!({"goal": "strength", "start": "2026-11-23", "strategy": "run_after_lift",
                   "lifts": [{"focus": "lower", "load": "heavy"}, {"focus": "upper", "load": "moderate"}],
                   "runs": [{"kind": "easy", "count": 2}]}),
        )
        .await;
    assert_eq!(status, ok, "{experiment}");
    assert_eq!(experiment["experiment"]["strategy"], "run_after_lift");
    assert!(
        experiment["experiment"]["exceptions"]
            .as_array()
            .is_some_and(|e| !e.is_empty()),
        "{experiment}"
    );
    let (status, advice) = r
        .send(
            Method::POST,
            "/advice",
            "/advice",
            json!({"athlete": {"age": 34, "sex": "female", "weight_kg": 62, "goal": "general"},
                   "lift": {"ended_at": "2026-11-26T18:30:00Z", "focus": "lower", "load": "heavy"},
                   "planned": {"kind": "easy", "minutes": 30}, "now": "2026-11-26T18:40:00Z",
                   "strategy": "run_after_legs"}),
        )
        .await;
    assert_eq!(status, ok, "{advice}");
    assert!(
        advice["reasons"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x["code"] == "experiment_overridden")),
        "{advice}"
    );
    r.send(
        Method::POST,
        "/advice",
        "/advice",
        json!({"planned": {"kind": "easy"}, "strategy": "run_sometimes"}),
    )
    .await;

    // The forms' limits; the calculators, by query and by body.
    r.get("/limits", "/limits").await;
    r.get("/zones", "/zones?age=34&sex=female&resting_hr=52")
        .await;
    r.get("/zones", "/zones?age=34").await;
    r.send(
        Method::POST,
        "/zones",
        "/zones",
        json!({"age": 34, "sex": "male", "max_hr": 190}),
    )
    .await;
    r.get("/vdot", "/vdot?distance_m=10000&time_s=2910").await;
    r.send(
        Method::POST,
        "/vdot",
        "/vdot",
        json!({"distance_m": 5000, "time_s": 1500}),
    )
    .await;
    r.get(
        "/energy",
        "/energy?activity=run&minutes=30&weight_kg=62&speed_kmh=10",
    )
    .await;
    r.send(
        Method::POST,
        "/energy",
        "/energy",
        json!({"activity": "lift", "minutes": 60, "weight_kg": 80, "avg_hr": 120, "age": 30, "sex": "male"}),
    )
    .await;
    r.post_raw("/zones", "application/json", "{\"age\": ").await;
    r.post_raw("/zones", "text/plain", "{\"age\": 30, \"sex\": \"male\"}")
        .await;

    // The catalogue and the athlete's aliases.
    r.get("/exercises", "/exercises?q=squat").await;
    r.get("/exercises", "/exercises").await;
    r.send(
        Method::PUT,
        "/exercises/aliases",
        "/exercises/aliases",
        json!({"name": "Zorblax Press", "exercise": "Leg Press"}),
    )
    .await;
    r.send(
        Method::PUT,
        "/exercises/aliases",
        "/exercises/aliases",
        json!({"name": "Zorblax Press", "exercise": "Nothing Like It"}),
    )
    .await;
    r.get("/exercises/aliases", "/exercises/aliases").await;
    r.call(
        Method::DELETE,
        "/exercises/aliases/{name}",
        "/exercises/aliases/Zorblax%20Press",
        Body::None,
    )
    .await;
    r.call(
        Method::DELETE,
        "/exercises/aliases/{name}",
        "/exercises/aliases/Zorblax%20Press",
        Body::None,
    )
    .await;

    // A personal experiment: none yet, what cannot start, one started, a second refused, it in full, its
    // report in each format, stopped; unknown ids.
    assert_eq!(r.get("/experiments", "/experiments").await, (ok, json!([])));
    let experiment = json!({"comparison": "lift_or_run_first",
        "primary": {"kind": "e1rm", "exercise": "Bench Press (Barbell)", "smallest_effect": 2.5},
        "secondary": [{"kind": "weekly_minutes", "smallest_effect": 30}], "washout_days": 1});
    let mut wrong = experiment.clone();
    wrong["primary"]["smallest_effect"] = json!(0);
    assert_eq!(
        r.send(Method::POST, "/experiments", "/experiments", wrong)
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (status, started) = r
        .send(
            Method::POST,
            "/experiments",
            "/experiments",
            experiment.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    assert_eq!(
        r.send(Method::POST, "/experiments", "/experiments", experiment)
            .await
            .0,
        StatusCode::CONFLICT
    );
    let id = started["id"].as_i64().unwrap();
    assert_eq!(r.get("/experiments", "/experiments").await.0, ok);
    assert_eq!(
        r.get("/experiments/{id}", &format!("/experiments/{id}"))
            .await
            .0,
        ok
    );
    r.get("/experiments/{id}", "/experiments/99").await;
    for format in [
        "",
        "?format=json",
        "?format=markdown",
        "?format=html",
        "?format=pdf",
    ] {
        r.get(
            "/experiments/{id}/report",
            &format!("/experiments/{id}/report{format}"),
        )
        .await;
    }
    r.get("/experiments/{id}/report", "/experiments/99/report")
        .await;
    assert_eq!(
        r.call(
            Method::POST,
            "/experiments/{id}/stop",
            &format!("/experiments/{id}/stop"),
            Body::None
        )
        .await
        .0,
        ok
    );
    r.call(
        Method::POST,
        "/experiments/{id}/stop",
        "/experiments/99/stop",
        Body::None,
    )
    .await;
    assert_eq!(
        r.get("/experiments/{id}", &format!("/experiments/{id}"))
            .await
            .0,
        ok
    );

    // Deletes.
    let a = first_id(&activities);
    r.call(
        Method::DELETE,
        "/activities/{id}",
        &format!("/activities/{a}"),
        Body::None,
    )
    .await;
    r.call(
        Method::DELETE,
        "/lifts/{id}",
        &format!("/lifts/{manual}"),
        Body::None,
    )
    .await;
    r.call(
        Method::DELETE,
        "/lifts/{id}",
        &format!("/lifts/{manual}"),
        Body::None,
    )
    .await;

    let Run {
        server, contract, ..
    } = r;
    server.stop().await;

    // The accounts, on a server with accounts: ana (an athlete) and kim (a coach).
    let (server, ana, kim, kim_id) = Server::start_with_accounts().await;
    let mut r = Run {
        server,
        contract,
        auth: None,
    };
    let password = "correct horse battery staple";
    let sign_in = |pw: &str| json!({"name": "ana", "password": pw});
    assert_eq!(
        r.send(
            Method::POST,
            "/session",
            "/session",
            sign_in("wrong password")
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        r.send(Method::POST, "/session", "/session", sign_in(password))
            .await
            .0,
        ok
    );
    assert_eq!(r.get("/me", "/me").await.0, StatusCode::UNAUTHORIZED);
    r.auth = Some(format!("Bearer {ana}"));
    assert_eq!(r.get("/me", "/me").await.0, ok);
    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    assert_eq!(
        r.send(
            Method::PUT,
            "/me/password",
            "/me/password",
            change("wrong", "a new long password")
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        r.send(
            Method::PUT,
            "/me/password",
            "/me/password",
            change(password, "a new long password")
        )
        .await
        .0,
        ok
    );
    let (status, invitation) = r
        .call(
            Method::POST,
            "/me/invitations",
            "/me/invitations",
            Body::None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    r.auth = Some(format!("Bearer {kim}"));
    assert_eq!(
        r.send(
            Method::POST,
            "/me/athletes",
            "/me/athletes",
            json!({"code": "0000-0000-0000-0000"})
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        r.send(
            Method::POST,
            "/me/athletes",
            "/me/athletes",
            json!({"code": invitation["code"]})
        )
        .await
        .0,
        StatusCode::CREATED
    );
    assert_eq!(r.get("/me/athletes", "/me/athletes").await.0, ok);
    assert_eq!(r.get("/team", "/team").await.0, ok);
    assert_eq!(
        r.get("/profile", "/profile").await.0,
        StatusCode::BAD_REQUEST,
        "a coach names an athlete"
    );
    r.auth = Some(format!("Bearer {ana}"));
    assert_eq!(r.get("/me/coaches", "/me/coaches").await.0, ok);
    let revoke = format!("/me/coaches/{kim_id}");
    assert_eq!(
        r.call(Method::DELETE, "/me/coaches/{user_id}", &revoke, Body::None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        r.call(Method::DELETE, "/me/coaches/{user_id}", &revoke, Body::None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        r.call(Method::DELETE, "/session", "/session", Body::None)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let Run {
        server, contract, ..
    } = r;
    server.stop().await;
    // Every documented operation was called.
    let mut uncalled = Vec::new();
    for (path, item) in contract.doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let op = format!("{} {path} ", method.to_uppercase());
            if !contract.checked.iter().any(|c| c.starts_with(&op)) {
                uncalled.push(op);
            }
        }
    }
    assert!(uncalled.is_empty(), "never called: {uncalled:?}");
    assert!(
        contract.mismatches.is_empty(),
        "{} of {} answers do not fit the document:\n{}",
        contract.mismatches.len(),
        contract.checked.len(),
        contract.mismatches.join("\n")
    );
}

impl Run {
    /// A body as given, with its content type (malformed JSON, or not JSON): the status is documented
    /// and the answer has the error shape.
    async fn post_raw(&mut self, template: &str, content_type: &str, body: &'static str) {
        let s = &self.server;
        let response = s
            .client
            .post(format!("{}{API}{template}", s.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let text = response.text().await.unwrap();
        self.contract
            .check(&Method::POST, template, status, &content_type, &text);
    }
}

/// The check fails on a wrong schema: a listing checked against a schema with a field it lacks, a field
/// of the wrong type, and without a field it has.
#[tokio::test]
async fn a_wrong_schema_is_caught() {
    let mut r = start().await;
    r.call(
        Method::POST,
        "/imports",
        "/imports",
        Body::Files(vec![(
            "garmin-fenix-5-run.fit",
            data("fit/garmin-fenix-5-run.fit"),
        )]),
    )
    .await;
    let (_, listed) = r.get("/activities", "/activities").await;
    assert!(
        r.contract.mismatches.is_empty(),
        "{:?}",
        r.contract.mismatches
    );
    let schema =
        json!({"type": "array", "items": {"$ref": "#/components/schemas/ActivitySummary"}});
    assert!(r.contract.validate(&schema, &listed).is_empty());

    let wrong = |change: &dyn Fn(&mut Map<String, Value>)| {
        let mut c = Contract::new(r.contract.doc.clone());
        let summary = c.doc["components"]["schemas"]["ActivitySummary"]
            .as_object_mut()
            .unwrap();
        change(summary);
        c.components = closed(&c.doc["components"]);
        c.validate(&schema, &listed)
    };
    let missing = wrong(&|s| {
        s["properties"]["calories_kcal"] = json!({"type": "number"});
        s["required"]
            .as_array_mut()
            .unwrap()
            .push("calories_kcal".into());
    });
    assert!(
        missing.iter().any(|e| e.contains("calories_kcal")),
        "a missing required field: {missing:?}"
    );
    let typed = wrong(&|s| s["properties"]["timer_s"] = json!({"type": "string"}));
    assert!(
        typed.iter().any(|e| e.contains("/0/timer_s")),
        "a wrong type: {typed:?}"
    );
    let extra = wrong(&|s| {
        s["properties"].as_object_mut().unwrap().remove("source");
        let required = s["required"].as_array_mut().unwrap();
        required.retain(|f| f != "source");
    });
    assert!(
        extra.iter().any(|e| e.contains("source")),
        "a field the schema does not name: {extra:?}"
    );
    let dated =
        wrong(&|s| s["properties"]["started_at"] = json!({"type": "string", "format": "date"}));
    assert!(!dated.is_empty(), "a time where a date is documented");

    // An undocumented status is a mismatch too.
    r.contract.check(
        &Method::GET,
        "/activities",
        StatusCode::IM_A_TEAPOT,
        "application/json",
        "{}",
    );
    assert_eq!(
        r.contract.mismatches.len(),
        1,
        "{:?}",
        r.contract.mismatches
    );
    r.server.stop().await;
}
