//! `afterlift user …` and `afterlift token …`: the accounts of a log shared by a coach or a team, run by
//! whoever administers the log (the database's owner). Secrets are made and hashed by
//! `afterlift_app::accounts`; a token is printed once.

use std::io::BufRead;
use std::process::ExitCode;

use afterlift_app::accounts;
use afterlift_store::Store;
use afterlift_store::accounts::{Role, TokenRecord, User};
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use crate::args::{Global, RoleArg, TokenCommand, UserCommand};
use crate::db;
use crate::failure::Failure;

fn failed(e: impl Into<anyhow::Error>, json: bool) -> Failure {
    Failure::runtime(e, json)
}

fn user_json(u: &User) -> serde_json::Value {
    json!({
        "id": u.id.0,
        "name": u.name,
        "role": u.role.as_str(),
        "athlete_id": u.athlete.map(|a| a.0),
        "created_at": u.created_at.to_string(),
        "has_password": u.has_password,
    })
}

fn token_json(t: &TokenRecord) -> serde_json::Value {
    json!({
        "id": t.id,
        "kind": t.kind.as_str(),
        "label": t.label,
        "created_at": t.created_at.to_string(),
        "expires_at": t.expires_at.map(|e| e.to_string()),
    })
}

/// One line of stdin, without its line ending.
fn read_password(json: bool) -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| failed(e, json))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn now(global: &Global) -> Result<Timestamp, Failure> {
    crate::clock::now(global)
}

async fn find(store: &Store, name: &str, json: bool) -> Result<User, Failure> {
    accounts::user(store, name)
        .await
        .map_err(|e| Failure::invalid("name", e.to_string(), json))
}

pub fn user(command: UserCommand, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = now(global)?;
    db::with_store(global, async |store| match command {
        UserCommand::Add(args) => {
            let password = if args.password_stdin {
                Some(read_password(json)?)
            } else {
                None
            };
            let user = if args.adopt {
                accounts::adopt_personal_log(store, &args.name, password.as_deref(), now)
                    .await
                    .map_err(|e| Failure::invalid("name", e.to_string(), json))?
            } else {
                let role = match args.role {
                    RoleArg::Athlete => Role::Athlete,
                    RoleArg::Coach => Role::Coach,
                };
                accounts::add_user(store, &args.name, role, password.as_deref(), now)
                    .await
                    .map_err(|e| Failure::invalid("name", e.to_string(), json))?
            };
            print(json, &user_json(&user), |out| {
                writeln!(
                    out,
                    "Added {} '{}'{}.",
                    user.role.as_str(),
                    user.name,
                    match user.athlete {
                        Some(a) if args.adopt => format!(" (owns this log, {a})"),
                        Some(a) => format!(" (a new, empty log: {a})"),
                        None => String::new(),
                    }
                )
            })
        }
        UserCommand::List => {
            let users = store
                .accounts()
                .users()
                .await
                .map_err(|e| failed(e, json))?;
            let list: Vec<_> = users.iter().map(user_json).collect();
            print(json, &json!(list), |out| {
                if users.is_empty() {
                    return writeln!(
                        out,
                        "No users: this is a personal log (afterlift user add NAME to share it)."
                    );
                }
                for u in &users {
                    writeln!(
                        out,
                        "{:<24} {:<8} {}{}",
                        u.name,
                        u.role.as_str(),
                        u.athlete.map(|a| a.to_string()).unwrap_or_default(),
                        if u.has_password {
                            ""
                        } else {
                            "  (no password)"
                        }
                    )?;
                }
                Ok(())
            })
        }
        UserCommand::Remove(args) => {
            let user = find(store, &args.name, json).await?;
            if user.role == Role::Athlete && !args.yes {
                return Err(Failure::invalid(
                    "--yes",
                    format!(
                        "removing the athlete '{}' deletes their log (every activity, lift, check-in and advice): add --yes to confirm",
                        user.name
                    ),
                    json,
                ));
            }
            store
                .accounts()
                .remove_user(user.id)
                .await
                .map_err(|e| failed(e, json))?;
            print(json, &json!({ "removed": user.name }), |out| {
                writeln!(out, "Removed '{}'.", user.name)
            })
        }
        UserCommand::Password(args) => {
            let user = find(store, &args.name, json).await?;
            let password = read_password(json)?;
            accounts::set_password(store, &user, &password)
                .await
                .map_err(|e| Failure::invalid("password", e.to_string(), json))?;
            print(
                json,
                &json!({ "user": user.name, "password": "set" }),
                |out| {
                    writeln!(
                        out,
                        "Password set for '{}'; their sessions ended.",
                        user.name
                    )
                },
            )
        }
    })
}

pub fn token(command: TokenCommand, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = now(global)?;
    db::with_store(global, async |store| match command {
        TokenCommand::Create(args) => {
            let user = find(store, &args.user, json).await?;
            let lifetime = args
                .expires_days
                .map(|d| SignedDuration::from_hours(i64::from(d) * 24));
            let issued = accounts::create_token(store, &user, &args.label, now, lifetime)
                .await
                .map_err(|e| Failure::invalid("--label", e.to_string(), json))?;
            let mut doc = token_json(&issued.record);
            doc["token"] = json!(issued.secret);
            print(json, &doc, |out| {
                writeln!(out, "{}", issued.secret)?;
                writeln!(
                    out,
                    "Token {} for '{}': shown this once — send it as `Authorization: Bearer <token>`.",
                    issued.record.id, user.name
                )
            })
        }
        TokenCommand::List(args) => {
            let user = find(store, &args.user, json).await?;
            let tokens = store
                .accounts()
                .tokens(user.id)
                .await
                .map_err(|e| failed(e, json))?;
            let list: Vec<_> = tokens.iter().map(token_json).collect();
            print(json, &json!(list), |out| {
                for t in &tokens {
                    writeln!(
                        out,
                        "{:>4}  {:<8} {:<24} {}{}",
                        t.id,
                        t.kind.as_str(),
                        t.label,
                        t.created_at.strftime("%Y-%m-%d"),
                        t.expires_at
                            .map(|e| format!(", expires {}", e.strftime("%Y-%m-%d")))
                            .unwrap_or_default()
                    )?;
                }
                Ok(())
            })
        }
        TokenCommand::Revoke(args) => {
            let user = find(store, &args.user, json).await?;
            let revoked = store
                .accounts()
                .revoke_token(user.id, args.id)
                .await
                .map_err(|e| failed(e, json))?;
            if !revoked {
                return Err(Failure::invalid(
                    "id",
                    format!("'{}' has no token {}", user.name, args.id),
                    json,
                ));
            }
            print(json, &json!({ "revoked": args.id }), |out| {
                writeln!(out, "Revoked token {} of '{}'.", args.id, user.name)
            })
        }
    })
}

fn print(
    json: bool,
    doc: &serde_json::Value,
    human: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<ExitCode, Failure> {
    if json {
        crate::output::json(doc)
    } else {
        crate::output::human(human)
    }
    .map_err(|e| failed(e, json))?;
    Ok(ExitCode::SUCCESS)
}
