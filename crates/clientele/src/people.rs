//! `clientele user …`, `clientele token create`, `clientele handover` and `clientele audit`:
//! the team and its trust from the command line. Every change is audited as a system path.

use std::io::{BufRead, Write};

use anyhow::Context as _;
use clap::{Subcommand, ValueEnum};
use clientele_app::{Actor, App, AppError, FirstAdmin};
use clientele_core::bulk_reads::BulkReadSettings;
use clientele_core::model::EmployeeDraft;
use clientele_store::audit::AuditFilter;
use clientele_store::auth::{TokenScope, check_new_password};
use clientele_store::{EmployeeFilter, every_page};

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
    /// Instead of the entries, the alarms: days on which an employee read or exported far
    /// more customers than they usually do (since `--since`, default the last 7 days).
    #[arg(long, conflicts_with_all = ["action", "actor"])]
    alerts: bool,
    /// An alarm needs a day above this many times the usual daily count (the average of
    /// the 30 days before).
    #[arg(long, value_name = "N", default_value_t = BulkReadSettings::default().factor, requires = "alerts")]
    alert_factor: u64,
    /// No alarm for a day with fewer customers than this, however unusual.
    #[arg(long, value_name = "N", default_value_t = BulkReadSettings::default().min_customers, requires = "alerts")]
    alert_min_customers: u64,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AuditFormat {
    Table,
    Json,
}

/// A password from the first line of standard input (checked here, so that the message
/// names where it came from), or none: the app then makes a one-time password.
fn password(from_stdin: bool, email: &str) -> anyhow::Result<Option<String>> {
    if !from_stdin {
        return Ok(None);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    check_new_password(&password, email).map_err(|e| anyhow::anyhow!("the password {e}"))?;
    Ok(Some(password))
}

/// Field errors as the command line says them: `--email is not an e-mail address`.
fn flag_errors(error: AppError) -> anyhow::Error {
    match error {
        AppError::Invalid(errors) => anyhow::anyhow!(
            "{}",
            errors
                .0
                .iter()
                .map(|e| format!("--{} {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => other.into(),
    }
}

pub async fn user(app: &App, command: UserCommand) -> anyhow::Result<()> {
    let store = app.store();
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
            let password = password(password_stdin, &email.trim().to_lowercase())?;
            let added = app
                .add_user(Actor::System("cli user add"), draft, password)
                .await
                .map_err(flag_errors)?;
            let record_ = &added.employee;
            println!(
                "added {} ({}) as {}",
                record_.employee.email,
                record_.employee.name,
                record_.employee.role.as_str()
            );
            if let Some(password) = &added.one_time_password {
                println!("one-time password: {password}");
            }
        }
        UserCommand::List => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "email\tname\trole\tteam\tactive")?;
            let filter = &EmployeeFilter::default();
            every_page(
                |page| async move { store.list_employees(filter, &page).await },
                |employees| -> anyhow::Result<()> {
                    for e in &employees {
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
                    Ok(())
                },
            )
            .await?;
        }
        UserCommand::Deactivate { email } => {
            let employee = store.employee_by_email(&email).await?;
            let (_, reevaluated) = app
                .deactivate_employee(Actor::System("cli user deactivate"), employee.employee_id)
                .await?;
            let unassigned = store.count_owned_by(employee.employee_id).await?;
            println!(
                "{} deactivated: their sessions and tokens are refused from now on; {unassigned} customers are unassigned until handed over (clientele handover --from {} --to …); {} re-evaluated",
                employee.employee.email, employee.employee.email, reevaluated
            );
        }
        UserCommand::ResetPassword {
            email,
            password_stdin,
        } => {
            let employee = store.employee_by_email(&email).await?;
            let password = password(password_stdin, &employee.employee.email)?;
            let set = app
                .set_password(
                    Actor::System("cli user reset-password"),
                    employee.employee_id,
                    password,
                )
                .await?;
            if let Some(password) = &set.one_time_password {
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

pub async fn token(app: &App, args: TokenArgs) -> anyhow::Result<()> {
    let employee = app.store().employee_by_email(&args.email).await?;
    let scope = match args.scope {
        Scope::Read => TokenScope::Read,
        Scope::Write => TokenScope::Write,
        Scope::Admin => TokenScope::Admin,
    };
    let token = app
        .create_token(
            Actor::System("cli token create"),
            Some(employee.employee_id),
            &args.name,
            scope,
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

pub async fn handover(app: &App, args: HandoverArgs) -> anyhow::Result<()> {
    let report = app
        .hand_over(
            Actor::System("cli handover"),
            &args.from,
            &args.to,
            args.customers.as_deref(),
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

pub async fn audit(app: &App, args: AuditArgs) -> anyhow::Result<()> {
    if args.alerts {
        return alerts(app, args).await;
    }
    let store = app.store();
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
    every_page(
        |page| {
            let filter = &filter;
            async move { store.list_audit(filter, &page).await }
        },
        |entries| -> anyhow::Result<()> {
            for entry in &entries {
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
            Ok(())
        },
    )
    .await?;
    out.flush()?;
    Ok(())
}

/// `audit --alerts`: the bulk-read alarms, worst first.
async fn alerts(app: &App, args: AuditArgs) -> anyhow::Result<()> {
    let now = clientele_core::time::to_millis(jiff::Timestamp::now());
    let since = match args.since.as_deref() {
        Some(text) => clientele_core::time::parse_instant(text)
            .map(clientele_core::time::to_millis)
            .map_err(|e| anyhow::anyhow!("--since: {e}"))?,
        None => now - 6 * clientele_core::analytics::DAY_MS,
    };
    let settings = BulkReadSettings {
        factor: args.alert_factor,
        min_customers: args.alert_min_customers,
        ..Default::default()
    };
    let alerts = app
        .bulk_read_alerts(Actor::System("cli audit alerts"), since, &settings)
        .await?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let day = |day: i64| {
        clientele_core::time::from_millis(day * clientele_core::analytics::DAY_MS)
            .map(|at| at.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    match args.format {
        AuditFormat::Json => {
            for alert in &alerts {
                let mut line = serde_json::to_value(alert)?;
                line["day"] = serde_json::Value::String(day(alert.day));
                writeln!(out, "{line}")?;
            }
        }
        AuditFormat::Table => {
            writeln!(out, "day\tactor\tcustomers\tusual per day\texports")?;
            for alert in &alerts {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    day(alert.day),
                    alert.actor,
                    alert.customers,
                    alert.usual,
                    alert.exports
                )?;
            }
        }
    }
    out.flush()?;
    if alerts.is_empty() {
        eprintln!("no employee read or exported far more customers than usual since then");
    }
    Ok(())
}

/// On a database where no admin can sign in, makes one: the e-mail of
/// `CLIENTELE_ADMIN_EMAIL` (default `admin@clientele.local`), the password of
/// `CLIENTELE_ADMIN_PASSWORD` or a one-time password printed here.
pub async fn first_admin(app: &App) -> anyhow::Result<()> {
    if app.store().has_admin_with_password().await? {
        return Ok(());
    }
    let email = std::env::var("CLIENTELE_ADMIN_EMAIL")
        .unwrap_or_else(|_| "admin@clientele.local".to_owned())
        .trim()
        .to_lowercase();
    let password = match std::env::var("CLIENTELE_ADMIN_PASSWORD") {
        Ok(password) => {
            check_new_password(&password, &email)
                .map_err(|e| anyhow::anyhow!("CLIENTELE_ADMIN_PASSWORD {e}"))?;
            Some(password)
        }
        Err(_) => None,
    };
    let made = match app.first_admin(&email, password).await {
        Ok(made) => made,
        Err(AppError::Invalid(errors)) => anyhow::bail!(
            "{}",
            errors
                .0
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Err(e) => return Err(e.into()),
    };
    match made {
        None => {}
        Some(FirstAdmin {
            email,
            one_time_password: Some(password),
        }) => println!(
            "First admin: {email}  one-time password: {password}  (change it: PUT /api/v1/session/password)"
        ),
        Some(FirstAdmin { email, .. }) => {
            println!("First admin: {email}, with the password of CLIENTELE_ADMIN_PASSWORD")
        }
    }
    Ok(())
}

/// Gives one demo employee of each role a fresh password and prints the credentials.
pub async fn demo_credentials(app: &App) -> anyhow::Result<()> {
    println!("Demo sign-ins (passwords made for this run):");
    for (role, email, password) in app.demo_credentials().await? {
        println!("  {role:<8} {email:<36} {password}");
    }
    Ok(())
}
