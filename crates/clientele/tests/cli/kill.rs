//! `clientele import` killed with SIGKILL at random moments, as a power cut or an OOM kill
//! would stop it: the SQLite file is afterwards either as before the command or as after it
//! (the rows imported and the types re-evaluated), and passes SQLite's integrity check.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use super::{BIN, Dir, path};

/// How many times the import is killed.
const KILLS: usize = 50;

/// What a user can see of the base, one line per table: the rows imported, the types stored
/// from them and the audit entries of imports; counts and a digest of the contents.
fn state_of(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("the killed database opens");
    let integrity: String = conn
        .query_row("pragma integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{}: integrity check", db.display());
    let tables = [
        (
            "orders",
            "select order_id || ' ' || amount from orders order by order_id",
        ),
        (
            "customers",
            "select customer_id from customers order by customer_id",
        ),
        (
            "types",
            "select c.customer_id || ' ' || t.stage || ' ' || t.tier from customer_types t
             join customers c using (customer_key) order by c.customer_id",
        ),
        (
            "flags",
            "select customer_key || ' ' || flag from customer_flags order by 1",
        ),
        ("transitions", "select count(*) from type_transitions"),
        (
            "import audit",
            "select details from audit_log where action = 'import' order by at",
        ),
    ];
    let mut state = String::new();
    for (table, sql) in tables {
        let mut statement = conn.prepare(sql).unwrap();
        let rows: Vec<String> = statement
            .query_map([], |row| row.get::<_, rusqlite::types::Value>(0))
            .unwrap()
            .map(|value| format!("{:?}", value.unwrap()))
            .collect();
        let mut digest = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(&rows, &mut digest);
        let digest = std::hash::Hasher::finish(&digest);
        state.push_str(&format!(
            "{table}: {} rows, digest {digest:016x}\n",
            rows.len()
        ));
    }
    state
}

/// Copies a closed database (no WAL left beside it) to `to`, removing any WAL of `to`.
fn copy_database(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, to).unwrap();
}

/// Orders `first..first + count`; the first 2,000 belong to 400 customers, the others to
/// `customers`; `raise` is added to every amount.
fn orders(first: usize, count: usize, customers: usize, raise: usize) -> String {
    let mut csv = String::from("order_id,customer_id,ordered_at,amount\n");
    for n in first..first + count {
        csv.push_str(&format!(
            "O-{n},C-{},2025-{:02}-{:02},{}.{:02}\n",
            n % if n < 2_000 { 400 } else { customers },
            1 + n % 12,
            1 + n % 28,
            10 + n % 490 + raise,
            n % 100
        ));
    }
    csv
}

fn import(db: &Path, file: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(["import", "orders", path(file)])
        .env_remove("CLIENTELE_CURRENCY")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_base_as_before_or_as_after() {
    let dir = Dir::new();
    let base = dir.0.join("base.db");
    let first = dir.file("first.csv", &orders(0, 2_000, 400, 0));
    assert!(import(&base, &first).status().unwrap().success());
    let classify = Command::new(BIN)
        .args(["--database-url", &format!("sqlite://{}", base.display())])
        .args(["classify", "--format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(classify.success());
    let before = state_of(&base);

    // New customers, new orders, and changed amounts of orders already there.
    let second = dir.file("second.csv", &orders(1_000, 10_000, 1_500, 1));
    let work = dir.0.join("work.db");
    copy_database(&base, &work);
    let started = Instant::now();
    assert!(import(&work, &second).status().unwrap().success());
    let took = started.elapsed();
    let after = state_of(&work);
    assert_ne!(before, after, "the second import changes the base");

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut dice = seed;
    let (mut unchanged, mut complete) = (0, 0);
    for kill in 0..KILLS {
        copy_database(&base, &work);
        dice ^= dice << 13;
        dice ^= dice >> 7;
        dice ^= dice << 17;
        // Anywhere from the start of the process to a little past the end of a whole run.
        let at = took.mul_f64((dice % 1_100) as f64 / 1_000.0);
        let mut child = import(&work, &second).spawn().unwrap();
        std::thread::sleep(at);
        let _ = child.kill();
        child.wait().unwrap();
        // The base as the next command that shows the types finds it.
        let report = Command::new(BIN)
            .args(["--database-url", &format!("sqlite://{}", work.display())])
            .args(["report", "types"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(report.success(), "kill {kill}: report types after the kill");
        let state = state_of(&work);
        if state == before {
            unchanged += 1;
        } else if state == after {
            complete += 1;
        } else {
            panic!(
                "kill {kill} (seed {seed}) after {at:?} of {took:?} left the base between:\n{state}\n\
                 before:\n{before}\nafter:\n{after}"
            );
        }
    }
    println!(
        "{KILLS} kills (seed {seed}, a whole import {took:?}): {unchanged} left the base as before, {complete} as after"
    );
    assert!(unchanged > 0, "no kill landed before the import was done");
}
