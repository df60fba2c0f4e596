//! `clientele user …`, `clientele token create`, `clientele handover` and `clientele audit`:
//! the team and its trust from the command line. Every change is audited as a system path.

use std::io::{BufRead, Write};

use anyhow::Context as _;
use clap::{Subcommand, ValueEnum};
use clientele_core::model::{Context, EmployeeDraft};
use clientele_store::audit::{AuditEntry, AuditFilter};
use clientele_store::auth::{TokenScope, check_new_password, hash_password, new_secret};
use clientele_store::{AccessScope, EmployeeFilter, ListRequest, MAX_LIMIT, Store};

#[derive(Clone, Copy, ValueEnum)]
pub enum Role {
    Admin,
    Manager,
    Agent,
    Analyst,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Agent => "agent",
            Role::Analyst => "analyst",
        }
    }
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add an employee who can sign in; prints a one-time password unless one is given on
    /// standard input with --password-stdin.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: Role,
        /// Their name (default: the e-mail's local part).
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        team: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List employees: e-mail, name, role, team, whether they can sign in.
    List,
    /// Mark an employee as gone: their sessions and tokens are refused from now on; their
    /// customers show as unassigned until handed over.
    Deactivate {
        #[arg(long)]
        email: String,
    },
    /// Give an employee a new password (printed once, or read with --password-stdin).
    ResetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(clap::Args)]
pub struct TokenArgs {
    /// Whose token.
    #[arg(long)]
    email: String,
    /// What it is for.
    #[arg(long)]
    name: String,
    #[arg(long, value_enum, default_value_t = Scope::Read)]
    scope: Scope,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Scope {
    Read,
    Write,
    Admin,
}

#[derive(clap::Args)]
pub struct HandoverArgs {
    /// The employee who leaves (or gives some customers away).
    #[arg(long)]
    from: String,
    /// The employee who takes the customers.
    #[arg(long)]
    to: String,
    /// Only these customers (ids, comma-separated); default: all, and --from is deactivated.
    #[arg(long, value_delimiter = ',')]
    customers: Option<Vec<String>>,
}

#[derive(clap::Args)]
pub struct AuditArgs {
    /// Entries at or after this instant (YYYY-MM-DD or RFC 3339); default: all.
    #[arg(long)]
    since: Option<String>,
    /// Only this action (`sign-in`, `sign-in failed`, `export`, `permission denied`…).
    #[arg(long)]
    action: Option<String>,
    /// Only this employee (their sessions and tokens).
    #[arg(long)]
    actor: Option<String>,
    #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
    format: AuditFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AuditFormat {
    Table,
    Json,
}

fn now() -> i64 {
    clientele_core::time::to_millis(jiff::Timestamp::now())
}

/// A password from the first line of standard input, or a fresh one-time password.
fn password(from_stdin: bool, email: &str) -> anyhow::Result<(String, bool)> {
    if !from_stdin {
        return Ok((new_secret()?, true));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    check_new_password(&password, email).map_err(|e| anyhow::anyhow!("the password {e}"))?;
    Ok((password, false))
}

async fn set_password(store: &Store, employee_key: i64, password: &str) -> anyhow::Result<()> {
    let password = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password)).await??;
    store.set_password_hash(employee_key, &hash).await?;
    Ok(())
}

async fn record(store: &Store, entry: AuditEntry) -> anyhow::Result<()> {
    store.audit(&entry).await?;
    Ok(())
}

pub async fn user(store: &Store, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            email,
            role,
            name,
            team,
            password_stdin,
        } => {
            let draft = EmployeeDraft {
                name: Some(
                    name.unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned()),
                ),
                email: Some(email.clone()),
                role: Some(role.as_str().to_owned()),
                team,
                left_at: None,
            };
            let context = Context::new(jiff::Timestamp::now(), store.currency().await?);
            let employee = draft.validate(&context).map_err(|errors| {
                anyhow::anyhow!(
                    "{}",
                    errors
                        .0
                        .iter()
                        .map(|e| format!("--{} {}", e.field, e.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })?;
            let (password, one_time) = password(password_stdin, &employee.email)?;
            let record_ = store.create_employee(&employee).await?;
            set_password(store, record_.employee_id, &password).await?;
            record(
                store,
                AuditEntry::system("cli user add", "create", now())
                    .on("employee", record_.employee_id),
            )
            .await?;
            println!(
                "added {} ({}) as {}",
                record_.employee.email,
                record_.employee.name,
                record_.employee.role.as_str()
            );
            if one_time {
                println!("one-time password: {password}");
            }
        }
        UserCommand::List => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "email\tname\trole\tteam\tactive")?;
            let mut cursor = None;
            loop {
                let page = store
                    .list_employees(
                        &EmployeeFilter::default(),
                        &ListRequest {
                            limit: Some(MAX_LIMIT),
                            cursor,
                            sort: None,
                        },
                    )
                    .await?;
                for e in &page.items {
                    let e = &e.employee;
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        e.email,
                        e.name,
                        e.role.as_str(),
                        e.team.as_deref().unwrap_or(""),
                        if e.active { "yes" } else { "no" }
                    )?;
                }
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
        }
        UserCommand::Deactivate { email } => {
            let employee = store.employee_by_email(&email).await?;
            let now = now();
            store.deactivate_employee(employee.employee_id, now).await?;
            let saved = store.reclassify_owned_by(employee.employee_id, now).await?;
            record(
                store,
                AuditEntry::system("cli user deactivate", "update", now)
                    .on("employee", employee.employee_id)
                    .with(serde_json::json!({ "fields": ["left_at"] })),
            )
            .await?;
            let unassigned = store.count_owned_by(employee.employee_id).await?;
            println!(
                "{} deactivated: their sessions and tokens are refused from now on; {unassigned} customers are unassigned until handed over (clientele handover --from {} --to …); {} re-evaluated",
                employee.employee.email, employee.employee.email, saved.customers
            );
        }
        UserCommand::ResetPassword {
            email,
            password_stdin,
        } => {
            let employee = store.employee_by_email(&email).await?;
            let (password, one_time) = password(password_stdin, &employee.employee.email)?;
            set_password(store, employee.employee_id, &password).await?;
            record(
                store,
                AuditEntry::system("cli user reset-password", "update", now())
                    .on("employee", employee.employee_id)
                    .with(serde_json::json!({ "fields": ["password"] })),
            )
            .await?;
            if one_time {
                println!(
                    "one-time password for {}: {password}",
                    employee.employee.email
                );
            } else {
                println!("password of {} changed", employee.employee.email);
            }
        }
    }
    Ok(())
}

pub async fn token(store: &Store, args: TokenArgs) -> anyhow::Result<()> {
    let employee = store.employee_by_email(&args.email).await?;
    let scope = match args.scope {
        Scope::Read => TokenScope::Read,
        Scope::Write => TokenScope::Write,
        Scope::Admin => TokenScope::Admin,
    };
    let token = store
        .create_token(employee.employee_id, &args.name, scope, None, now())
        .await?;
    record(
        store,
        AuditEntry::system("cli token create", "create", now())
            .on("token", token.token.token_id)
            .with(serde_json::json!({ "for": employee.employee.email, "scope": scope.as_str() })),
    )
    .await?;
    eprintln!(
        "token {} for {} ({}); keep it, it is not shown again:",
        token.token.token_id,
        employee.employee.email,
        scope.as_str()
    );
    println!("{}", token.secret);
    Ok(())
}

pub async fn handover(store: &Store, args: HandoverArgs) -> anyhow::Result<()> {
    let now = now();
    let report = store
        .handover(
            &AccessScope::System("cli handover"),
            &args.from,
            &args.to,
            args.customers.as_deref(),
            "system: cli handover",
            now,
        )
        .await?;
    record(
        store,
        AuditEntry::system("cli handover", "handover", now)
            .on("employee", &report.from)
            .with(serde_json::json!({ "to": report.to, "moved": report.moved, "deactivated": report.deactivated })),
    )
    .await?;
    println!(
        "{} customers of {} handed over to {}{}",
        report.moved,
        report.from,
        report.to,
        if report.deactivated {
            format!("; {} deactivated", report.from)
        } else {
            format!("; {} stay with {}", report.remaining, report.from)
        }
    );
    if !report.tier_a.is_empty() {
        println!("tier-A customers moved (owner_risk before → after):");
        for c in &report.tier_a {
            let word = |risk: bool| if risk { "at risk" } else { "safe" };
            println!(
                "  {}\t{} → {}",
                c.customer_id,
                word(c.owner_risk_before),
                word(c.owner_risk_after)
            );
        }
    }
    Ok(())
}

pub async fn audit(store: &Store, args: AuditArgs) -> anyhow::Result<()> {
    let filter = AuditFilter {
        since: args.since,
        action: args.action,
        actor: args.actor,
        ..Default::default()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if matches!(args.format, AuditFormat::Table) {
        writeln!(out, "at\tactor\taddress\taction\tentity\trecord\tdetails")?;
    }
    let mut cursor = None;
    loop {
        let page = store
            .list_audit(
                &filter,
                &ListRequest {
                    limit: Some(MAX_LIMIT),
                    cursor,
                    sort: None,
                },
            )
            .await?;
        for entry in &page.items {
            match args.format {
                AuditFormat::Json => writeln!(out, "{}", serde_json::to_string(entry)?)?,
                AuditFormat::Table => writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    entry.at,
                    entry.actor,
                    entry.address.as_deref().unwrap_or(""),
                    entry.action,
                    entry.entity.as_deref().unwrap_or(""),
                    entry.record_id.as_deref().unwrap_or(""),
                    if entry.details.is_null() {
                        String::new()
                    } else {
                        entry.details.to_string()
                    }
                )?,
            }
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    out.flush()?;
    Ok(())
}

/// On a database where no admin can sign in, makes one: the e-mail of
/// `CLIENTELE_ADMIN_EMAIL` (default `admin@clientele.local`), the password of
/// `CLIENTELE_ADMIN_PASSWORD` or a one-time password printed here.
pub async fn first_admin(store: &Store) -> anyhow::Result<()> {
    if store.has_admin_with_password().await? {
        return Ok(());
    }
    let email = std::env::var("CLIENTELE_ADMIN_EMAIL")
        .unwrap_or_else(|_| "admin@clientele.local".to_owned())
        .trim()
        .to_lowercase();
    let (password, one_time) = match std::env::var("CLIENTELE_ADMIN_PASSWORD") {
        Ok(password) => {
            check_new_password(&password, &email)
                .map_err(|e| anyhow::anyhow!("CLIENTELE_ADMIN_PASSWORD {e}"))?;
            (password, false)
        }
        Err(_) => (new_secret()?, true),
    };
    let employee = match store.employee_by_email(&email).await {
        Ok(existing) if existing.employee.role.as_str() == "admin" => existing,
        Ok(_) => anyhow::bail!(
            "{email} is an employee but not an admin; set CLIENTELE_ADMIN_EMAIL to another address"
        ),
        Err(_) => {
            let draft = EmployeeDraft {
                name: Some("Administrator".to_owned()),
                email: Some(email.clone()),
                role: Some("admin".to_owned()),
                team: None,
                left_at: None,
            };
            let context = Context::new(jiff::Timestamp::now(), store.currency().await?);
            let employee = draft
                .validate(&context)
                .map_err(|e| anyhow::anyhow!("CLIENTELE_ADMIN_EMAIL: {e}"))?;
            store.create_employee(&employee).await?
        }
    };
    set_password(store, employee.employee_id, &password).await?;
    record(
        store,
        AuditEntry::system("serve: first admin", "create", now())
            .on("employee", employee.employee_id),
    )
    .await?;
    if one_time {
        println!(
            "First admin: {email}  one-time password: {password}  (change it: PUT /api/v1/session/password)"
        );
    } else {
        println!("First admin: {email}, with the password of CLIENTELE_ADMIN_PASSWORD");
    }
    Ok(())
}

/// Gives one demo employee of each role a fresh password and prints the credentials.
pub async fn demo_credentials(store: &Store) -> anyhow::Result<()> {
    let employees = store
        .list_employees(
            &EmployeeFilter {
                active: Some(true),
                ..Default::default()
            },
            &ListRequest {
                limit: Some(MAX_LIMIT),
                cursor: None,
                sort: None,
            },
        )
        .await?;
    println!("Demo sign-ins (passwords made for this run):");
    for role in ["admin", "manager", "agent", "analyst"] {
        if let Some(employee) = employees
            .items
            .iter()
            .find(|e| e.employee.role.as_str() == role)
        {
            let password = new_secret()?;
            set_password(store, employee.employee_id, &password).await?;
            println!("  {role:<8} {:<36} {password}", employee.employee.email);
        }
    }
    record(
        store,
        AuditEntry::system("serve --demo", "update", now())
            .about("employee")
            .with(serde_json::json!({ "fields": ["password"], "why": "demo credentials" })),
    )
    .await?;
    Ok(())
}
