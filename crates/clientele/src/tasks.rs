//! `clientele tasks list|add|done`: the team's tasks from the command line (a system path:
//! every customer's tasks, audited as `system: cli tasks`).

use std::io::Write;

use anyhow::Context as _;
use clap::{Subcommand, ValueEnum};
use clientele_app::{Actor, App, TaskDone};
use clientele_core::model::TaskDraft;
use clientele_core::time::Weekend;
use clientele_store::{AccessScope, TaskFilter, every_page};

const ACTOR: Actor<'static> = Actor::System("cli tasks");

#[derive(Subcommand)]
pub enum TasksCommand {
    /// List tasks, by due day.
    List(ListArgs),
    /// Give a task on a customer.
    Add(AddArgs),
    /// Mark a task done, with its outcome.
    Done(DoneArgs),
}

#[derive(clap::Args)]
pub struct ListArgs {
    /// Only this employee's tasks.
    #[arg(long, value_name = "EMAIL")]
    assignee: Option<String>,
    /// Only this customer's tasks.
    #[arg(long, value_name = "ID")]
    customer: Option<String>,
    /// `open`, `done` or `cancelled`.
    #[arg(long)]
    status: Option<String>,
    /// Only open tasks due before today (UTC).
    #[arg(long)]
    overdue: bool,
    #[arg(long, value_enum, default_value_t = TasksFormat::Table)]
    format: TasksFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TasksFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// The customer the task is about.
    customer: String,
    /// What to do.
    title: String,
    /// The day it is due (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", conflicts_with = "in_days")]
    due: Option<String>,
    /// Due this many business days from today.
    #[arg(long = "in", value_name = "N", default_value_t = 1)]
    in_days: u32,
    /// The days the business does not work, for `--in` (e.g. `friday` in Iran).
    #[arg(long, value_name = "DAYS", default_value = "saturday,sunday")]
    weekend: String,
    /// Who is to do it (default: the customer's owner).
    #[arg(long, value_name = "EMAIL")]
    assignee: Option<String>,
    /// `low`, `normal` (default) or `high`.
    #[arg(long)]
    priority: Option<String>,
    /// Why.
    #[arg(long)]
    description: Option<String>,
}

#[derive(clap::Args)]
pub struct DoneArgs {
    /// The task's id.
    task: String,
    /// `reached`, `no_answer`, `won_back`, `refused`, `let_go`, or the business's own word.
    #[arg(long)]
    outcome: Option<String>,
    /// Added to the task's notes.
    #[arg(long)]
    notes: Option<String>,
}

pub async fn run(app: &App, command: TasksCommand) -> anyhow::Result<()> {
    match command {
        TasksCommand::List(args) => list(app, args).await,
        TasksCommand::Add(args) => add(app, args).await,
        TasksCommand::Done(args) => {
            let task = app
                .complete_task(
                    ACTOR,
                    &args.task,
                    TaskDone {
                        outcome: args.outcome,
                        notes: args.notes,
                    },
                )
                .await?;
            println!(
                "{} done{}",
                task.task_id,
                task.outcome.map(|o| format!(": {o}")).unwrap_or_default()
            );
            Ok(())
        }
    }
}

async fn add(app: &App, args: AddArgs) -> anyhow::Result<()> {
    let due = match args.due {
        Some(day) => day,
        None => {
            let weekend =
                Weekend::parse(&args.weekend).map_err(|e| anyhow::anyhow!("--weekend: {e}"))?;
            let today = jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date();
            weekend.add_business_days(today, args.in_days).to_string()
        }
    };
    let task = app
        .create_task(
            ACTOR,
            TaskDraft {
                customer_id: Some(args.customer),
                title: Some(args.title),
                description: args.description,
                assignee_email: args.assignee,
                due_on: Some(due),
                priority: args.priority,
                ..Default::default()
            },
        )
        .await?;
    println!(
        "{}\t{}\tdue {}\t{}",
        task.task_id,
        task.customer_id,
        task.due_on,
        task.assignee_email.as_deref().unwrap_or("(unassigned)")
    );
    Ok(())
}

async fn list(app: &App, args: ListArgs) -> anyhow::Result<()> {
    let start_of_today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_millisecond())
        .context("today's date")?;
    let filter = TaskFilter {
        assignee_email: args.assignee,
        customer_id: args.customer,
        status: args.status,
        overdue_before: args.overdue.then_some(start_of_today),
        ..Default::default()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if matches!(args.format, TasksFormat::Table) {
        writeln!(out, "task\tdue\tstatus\tcustomer\tassignee\ttitle\toutcome")?;
    }
    every_page(
        |page| {
            let filter = &filter;
            // A read, straight from the store with the CLI's system scope.
            async move {
                app.store()
                    .list_tasks(&AccessScope::System("cli tasks"), filter, &page)
                    .await
            }
        },
        |tasks| -> anyhow::Result<()> {
            for task in &tasks {
                match args.format {
                    TasksFormat::Json => writeln!(out, "{}", serde_json::to_string(task)?)?,
                    TasksFormat::Table => writeln!(
                        out,
                        "{}\t{}{}\t{}\t{}\t{}\t{}\t{}",
                        task.task_id,
                        task.due_on,
                        task.due_time
                            .map(|t| format!(" {}", t.strftime("%H:%M")))
                            .unwrap_or_default(),
                        task.status,
                        task.customer_id,
                        task.assignee_email.as_deref().unwrap_or(""),
                        task.title,
                        task.outcome.as_deref().unwrap_or("")
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
