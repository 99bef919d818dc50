//! A server with accounts, end to end over real HTTP: signing in and out with the session cookie, API
//! tokens, a coach's access by invitation, and isolation — a stranger walking every operation of the
//! OpenAPI document against another athlete's log gets 404 and changes nothing. Every test runs on both
//! backends: a SQLite file and a real PostgreSQL database (`afterlift_store_postgres::testing`).

use std::path::PathBuf;

use afterlift_app::accounts;
use afterlift_server::AppState;
use afterlift_store::Store;
use afterlift_store::accounts::{Role, User};
use jiff::Timestamp;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};
use tokio::sync::oneshot;

const PASSWORD: &str = "correct horse battery staple";

struct Team {
    base: String,
    client: Client,
    store: Store,
    ana: User,
    ben: User,
    kim: User,
    ana_token: String,
    ben_token: String,
    kim_token: String,
    /// A new athlete with an empty log, to compare with.
    cat_token: String,
    _shutdown: oneshot::Sender<()>,
    _dir: tempfile::TempDir,
}

#[derive(Debug, Clone, Copy)]
enum Backend {
    Sqlite,
    Postgres,
}

/// A new, empty database on `backend` (the folder keeps a SQLite file alive).
async fn database(backend: Backend) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = match backend {
        Backend::Sqlite => afterlift_store_sqlite::open(dir.path().join("log.db"))
            .await
            .unwrap(),
        Backend::Postgres => {
            let url = afterlift_store_postgres::testing::fresh_database().await;
            afterlift_store_postgres::open(&url).await.unwrap()
        }
    };
    (dir, store)
}

/// Runs each test on both backends.
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(super::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(super::Backend::Postgres).await
                }
            )*
        }
    };
}

on_both_backends!(
    signing_in_and_out_with_the_session_cookie,
    a_coach_sees_an_athlete_only_while_invited,
    a_stranger_walking_every_operation_reaches_nothing_of_another_athlete,
    a_personal_log_serves_its_one_athlete_and_no_accounts,
);

async fn team(backend: Backend) -> Team {
    let (dir, store) = database(backend).await;
    let now = Timestamp::now();
    // Ana owns the log's first athlete (a personal log moved up): a handler that read the database's
    // default log instead of the caller's would show her data to anyone.
    let ana = accounts::adopt_personal_log(&store, "ana", Some(PASSWORD), now)
        .await
        .unwrap();
    let ben = accounts::add_user(&store, "ben", Role::Athlete, Some(PASSWORD), now)
        .await
        .unwrap();
    let kim = accounts::add_user(&store, "kim", Role::Coach, Some(PASSWORD), now)
        .await
        .unwrap();
    let token = async |u: &User| {
        accounts::create_token(&store, u, "test", now, None)
            .await
            .unwrap()
            .secret
    };
    let cat = accounts::add_user(&store, "cat", Role::Athlete, None, now)
        .await
        .unwrap();
    let (ana_token, ben_token, kim_token, cat_token) = (
        token(&ana).await,
        token(&ben).await,
        token(&kim).await,
        token(&cat).await,
    );
    let state = AppState::new(store.clone()).with_accounts(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(afterlift_server::serve(listener, state, async move {
        let _ = rx.await;
    }));
    Team {
        base,
        client: Client::new(),
        store,
        ana,
        ben,
        kim,
        ana_token,
        ben_token,
        kim_token,
        cat_token,
        _shutdown: tx,
        _dir: dir,
    }
}

fn data(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let text = r.text().await.unwrap();
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, value)
}

impl Team {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, String)],
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method, self.url(path));
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        json_of(req.send().await.unwrap()).await
    }

    async fn as_user(
        &self,
        token: &str,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.call(
            method,
            path,
            &[("authorization", format!("Bearer {token}"))],
            body,
        )
        .await
    }
}

fn cookie_of(headers: &HeaderMap) -> (String, String) {
    let set = headers
        .get("set-cookie")
        .expect("a Set-Cookie header")
        .to_str()
        .unwrap()
        .to_string();
    let pair = set.split(';').next().unwrap().to_string();
    (pair, set)
}

async fn signing_in_and_out_with_the_session_cookie(backend: Backend) {
    let t = team(backend).await;
    // Nothing without credentials, but signing in.
    for path in [
        "/api/v1/status",
        "/api/v1/profile",
        "/api/v1/me",
        "/api/v1/activities",
    ] {
        let (status, body) = t.call(Method::GET, path, &[], None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}: {body}");
    }
    let bogus = [("authorization", "Bearer afl_0000".to_string())];
    assert_eq!(
        t.call(Method::GET, "/api/v1/me", &bogus, None).await.0,
        StatusCode::UNAUTHORIZED
    );

    let wrong = t
        .call(
            Method::POST,
            "/api/v1/session",
            &[],
            Some(json!({"name": "ana", "password": "not the password"})),
        )
        .await;
    assert_eq!(wrong.0, StatusCode::UNAUTHORIZED, "{}", wrong.1);
    let unknown = t
        .call(
            Method::POST,
            "/api/v1/session",
            &[],
            Some(json!({"name": "nobody", "password": PASSWORD})),
        )
        .await;
    assert_eq!(unknown.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.1["message"], unknown.1["message"],
        "a wrong password and an unknown name are the same answer"
    );

    let r = t
        .client
        .post(t.url("/api/v1/session"))
        .json(&json!({"name": "ANA", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (cookie, set) = cookie_of(r.headers());
    assert!(cookie.starts_with("afterlift_session=afl_"), "{set}");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    assert!(
        !set.contains("Secure"),
        "no Secure on loopback (plain HTTP): {set}"
    );
    let me: Value = r.json().await.unwrap();
    assert_eq!(me["user"]["name"], "ana");
    assert_eq!(me["athletes"][0]["athlete_id"], t.ana.athlete.unwrap().0);

    let with_cookie = [("cookie", cookie.clone())];
    let (status, me) = t.call(Method::GET, "/api/v1/me", &with_cookie, None).await;
    assert_eq!(
        (status, me["user"]["role"].as_str()),
        (StatusCode::OK, Some("athlete"))
    );
    // A write with the cookie that the browser says came from another site, or from another origin.
    let cross = [
        ("cookie", cookie.clone()),
        ("sec-fetch-site", "cross-site".to_string()),
    ];
    let (status, _) = t
        .call(
            Method::PUT,
            "/api/v1/wellness/2026-01-05",
            &cross,
            Some(json!({"sleep_hours": 7})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let foreign = [
        ("cookie", cookie.clone()),
        ("origin", "https://evil.example".to_string()),
    ];
    let (status, _) = t
        .call(
            Method::PUT,
            "/api/v1/wellness/2026-01-05",
            &foreign,
            Some(json!({"sleep_hours": 7})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = t
        .call(
            Method::PUT,
            "/api/v1/wellness/2026-01-05",
            &with_cookie,
            Some(json!({"sleep_hours": 7})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Signing out ends the session, and clears the cookie.
    let r = t
        .client
        .delete(t.url("/api/v1/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(cookie_of(r.headers()).1.contains("Max-Age=0"));
    assert_eq!(
        t.call(Method::GET, "/api/v1/me", &with_cookie, None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );

    // A password change ends every session and needs the current password.
    let (status, _) = t
        .as_user(
            &t.ana_token,
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": "wrong", "new_password": "another long password"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = t
        .as_user(
            &t.ana_token,
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "short"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["message"].as_str().unwrap().contains("10 characters"));

    // Guessing is limited: five tries a minute for one name, then 429 with Retry-After.
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let r = t
            .client
            .post(t.url("/api/v1/session"))
            .json(&json!({"name": "ben", "password": "guess guess guess"}))
            .send()
            .await
            .unwrap();
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.headers().get("retry-after").is_some());
        }
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429]);
    // Another name is not locked out by ben's.
    let (status, _) = t
        .call(
            Method::POST,
            "/api/v1/session",
            &[],
            Some(json!({"name": "kim", "password": PASSWORD})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

async fn a_coach_sees_an_athlete_only_while_invited(backend: Backend) {
    let t = team(backend).await;
    let ana_id = t.ana.athlete.unwrap().0;
    let ben_id = t.ben.athlete.unwrap().0;
    let (status, _) = t
        .as_user(
            &t.ana_token,
            Method::PUT,
            "/api/v1/profile",
            Some(json!({"athlete": {"age": 30, "sex": "female", "weight_kg": 60, "goal": "strength"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    // Before any invitation: the coach names no athlete (400), or one not theirs (404).
    let (status, body) = t
        .as_user(&t.kim_token, Method::GET, "/api/v1/profile", None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let ana_header = ("afterlift-athlete", ana_id.to_string());
    let kim = ("authorization", format!("Bearer {}", t.kim_token));
    let (status, _) = t
        .call(
            Method::GET,
            "/api/v1/profile",
            &[kim.clone(), ana_header.clone()],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Ana invites; the code works once, for a coach only.
    let (status, inv) = t
        .as_user(&t.ana_token, Method::POST, "/api/v1/me/invitations", None)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{inv}");
    let code = inv["code"].as_str().unwrap().to_string();
    let (status, _) = t
        .as_user(
            &t.ben_token,
            Method::POST,
            "/api/v1/me/athletes",
            Some(json!({"code": code})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an athlete cannot accept");
    let (status, grant) = t
        .as_user(
            &t.kim_token,
            Method::POST,
            "/api/v1/me/athletes",
            Some(json!({"code": code.to_lowercase()})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{grant}");
    assert_eq!(grant["athlete_id"], ana_id);
    let (status, _) = t
        .as_user(
            &t.kim_token,
            Method::POST,
            "/api/v1/me/athletes",
            Some(json!({"code": code})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a code is used once");

    let (_, me) = t
        .as_user(&t.kim_token, Method::GET, "/api/v1/me", None)
        .await;
    assert_eq!(
        me["athletes"],
        json!([{"athlete_id": ana_id, "name": "ana", "granted_at": grant["granted_at"]}])
    );
    let (status, profile) = t
        .call(
            Method::GET,
            "/api/v1/profile",
            &[kim.clone(), ana_header.clone()],
            None,
        )
        .await;
    assert_eq!(
        (status, profile["athlete"]["goal"].as_str()),
        (StatusCode::OK, Some("strength"))
    );
    let (status, _) = t
        .call(
            Method::GET,
            "/api/v1/profile",
            &[kim.clone(), ("afterlift-athlete", ben_id.to_string())],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "ben did not invite kim");
    let (status, _) = t
        .call(
            Method::GET,
            "/api/v1/profile",
            &[kim.clone(), ("afterlift-athlete", "ana".to_string())],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // The team: ana with her readiness (a profile, no history yet) and no lift.
    let (status, team) = t
        .as_user(&t.kim_token, Method::GET, "/api/v1/team", None)
        .await;
    assert_eq!(status, StatusCode::OK, "{team}");
    assert_eq!(team.as_array().unwrap().len(), 1);
    assert_eq!(team[0]["name"], "ana");
    assert!(team[0]["readiness"].is_string(), "{team}");

    // Ana sees her coach and withdraws access.
    let (_, coaches) = t
        .as_user(&t.ana_token, Method::GET, "/api/v1/me/coaches", None)
        .await;
    assert_eq!(coaches[0]["name"], "kim");
    let kim_user = t.kim.id.0;
    let (status, _) = t
        .as_user(
            &t.ben_token,
            Method::DELETE,
            &format!("/api/v1/me/coaches/{kim_user}"),
            None,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "ben cannot withdraw ana's grant"
    );
    let (status, _) = t
        .as_user(
            &t.ana_token,
            Method::DELETE,
            &format!("/api/v1/me/coaches/{kim_user}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = t
        .call(Method::GET, "/api/v1/profile", &[kim, ana_header], None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Fills ana's log through the API: a real watch file, a lift, a check-in, an alias, advice, an experiment.
async fn fill_ana(t: &Team) -> (String, String, String) {
    let (s, _) = t.as_user(&t.ana_token, Method::PUT, "/api/v1/profile", Some(json!({"athlete": {"age": 30, "sex": "female", "weight_kg": 60, "goal": "strength", "max_hr": 190}})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let form = Form::new().part(
        "file",
        Part::bytes(data("fit/activity-small-fenix2-run.fit")).file_name("run.fit"),
    );
    let r = t
        .client
        .post(t.url("/api/v1/imports"))
        .header("authorization", format!("Bearer {}", t.ana_token))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, acts) = t
        .as_user(&t.ana_token, Method::GET, "/api/v1/activities", None)
        .await;
    let activity = acts[0]["id"]
        .as_str()
        .expect("an imported activity")
        .to_string();
    let (s, lift) = t.as_user(&t.ana_token, Method::POST, "/api/v1/lifts", Some(json!({"started_at": "2026-01-04T17:00:00Z", "minutes": 60, "title": "anasecret lift", "exercises": [{"name": "Back Squat", "sets": [{"reps": 5, "kg": 100}]}]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{lift}");
    let lift = lift["id"].as_str().unwrap().to_string();
    let (s, _) = t
        .as_user(
            &t.ana_token,
            Method::PUT,
            "/api/v1/wellness/2026-01-05",
            Some(json!({"sleep_hours": 7, "soreness": 3})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t
        .as_user(
            &t.ana_token,
            Method::PUT,
            "/api/v1/wellness/today",
            Some(json!({"sleep_hours": 6, "soreness": 2})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = t
        .as_user(
            &t.ana_token,
            Method::PUT,
            "/api/v1/exercises/aliases",
            Some(json!({"name": "anasecretsquat", "exercise": "Back Squat"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, body) = t
        .as_user(
            &t.ana_token,
            Method::POST,
            "/api/v1/advice",
            Some(json!({"planned": {"kind": "easy", "minutes": 30}})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, experiment) = t
        .as_user(
            &t.ana_token,
            Method::POST,
            "/api/v1/experiments",
            Some(json!({"comparison": "lift_or_run_first", "question": "anasecret: lift first?",
                        "primary": {"kind": "e1rm", "exercise": "Back Squat", "smallest_effect": 2.5}})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{experiment}");
    (activity, lift, experiment["id"].to_string())
}

async fn a_stranger_walking_every_operation_reaches_nothing_of_another_athlete(backend: Backend) {
    let t = team(backend).await;
    let (activity, lift, experiment) = fill_ana(&t).await;
    let ana_id = t.ana.athlete.unwrap();
    let ana_log = t.store.for_athlete(ana_id);
    let before = format!("{:?}", ana_log.export_all().await.unwrap());

    let (_, doc) = t.call(Method::GET, "/api/openapi.json", &[], None).await;
    let paths = doc["paths"].as_object().unwrap();
    let mut walked = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            // The other athlete's real ids and names wherever a path names one.
            let concrete = path
                .replace(
                    "{id}",
                    if path.contains("/lifts/") {
                        &lift
                    } else if path.contains("/experiments/") {
                        &experiment
                    } else {
                        &activity
                    },
                )
                .replace("{date}", "2026-01-05")
                .replace("{name}", "anasecretsquat")
                .replace("{user_id}", &t.kim.id.0.to_string());
            assert!(
                !concrete.contains('{'),
                "a path parameter the walk does not fill: {path}"
            );
            let acts_for_an_athlete = op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == "Afterlift-Athlete"));
            let body = op.get("requestBody").map(|_| json!({}));
            let ben = ("authorization", format!("Bearer {}", t.ben_token));
            let naming_ana = [ben.clone(), ("afterlift-athlete", ana_id.0.to_string())];
            let (status, answer) = t
                .call(method.clone(), &concrete, &naming_ana, body.clone())
                .await;
            let text = answer.to_string();
            assert!(
                !text.to_lowercase().contains("anasecret") && !text.contains("Back Squat\",\"sets"),
                "{method} {concrete} told ben about ana's log: {text}"
            );
            if acts_for_an_athlete {
                assert_eq!(
                    status,
                    StatusCode::NOT_FOUND,
                    "{method} {concrete} as ben naming ana: {text}"
                );
                assert_eq!(answer["message"], "no such athlete", "{method} {concrete}");
                // Naming no athlete, ben acts for himself: ana's ids are not found, her names unknown.
                let (status, answer) = t.call(method.clone(), &concrete, &[ben], body).await;
                // (The name ben asked for may be echoed back: "no alias 'anasecretsquat'".)
                let text = answer.to_string();
                assert!(
                    !text
                        .replace("'anasecretsquat'", "")
                        .to_lowercase()
                        .contains("anasecret"),
                    "{method} {concrete} as ben: {text}"
                );
                // Ben's own log is empty: any list he is shown is what a new athlete is shown.
                if method == Method::GET && status == StatusCode::OK && answer.is_array() {
                    let (_, fresh) = t
                        .as_user(&t.cat_token, method.clone(), &concrete, None)
                        .await;
                    assert_eq!(
                        answer, fresh,
                        "{method} {concrete} as ben lists someone's data"
                    );
                }
                if path.contains("{id}") || (path.contains("{name}") && method == Method::GET) {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{method} {concrete}: {text}");
                }
            } else {
                assert_ne!(
                    answer["message"], "no such athlete",
                    "{method} {path} acts for an athlete but its document does not say so"
                );
            }
            // Nobody signed in: nothing but signing in answers.
            let (status, _) = t.call(method.clone(), &concrete, &[], None).await;
            if !(path == "/api/v1/session" && method == Method::POST) {
                assert_eq!(
                    status,
                    StatusCode::UNAUTHORIZED,
                    "{method} {concrete} without a token"
                );
            }
            walked += 1;
        }
    }
    assert!(walked >= 30, "the walk covered {walked} operations");
    // Nothing ben did changed ana's log (his own may have changed).
    assert_eq!(format!("{:?}", ana_log.export_all().await.unwrap()), before);
    // Ana's own requests still see everything.
    let (status, one) = t
        .as_user(
            &t.ana_token,
            Method::GET,
            &format!("/api/v1/activities/{activity}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{one}");
}

async fn a_personal_log_serves_its_one_athlete_and_no_accounts(backend: Backend) {
    let (_dir, store) = database(backend).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (_tx, rx) = oneshot::channel::<()>();
    tokio::spawn(afterlift_server::serve(
        listener,
        AppState::new(store),
        async move {
            let _ = rx.await;
        },
    ));
    let client = Client::new();
    let get = async |path: &str, athlete: Option<&str>| {
        let mut headers = HeaderMap::new();
        if let Some(a) = athlete {
            headers.insert("afterlift-athlete", HeaderValue::from_str(a).unwrap());
        }
        client
            .get(format!("{base}{path}"))
            .headers(headers)
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(get("/api/v1/profile", None).await, StatusCode::OK);
    assert_eq!(get("/api/v1/profile", Some("1")).await, StatusCode::OK);
    assert_eq!(
        get("/api/v1/profile", Some("2")).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get("/api/v1/me", None).await, StatusCode::NOT_FOUND);
}
