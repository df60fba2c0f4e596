//! CSV import: bad files are refused whole with an exact error and nothing stored; good files
//! are idempotent; names in Persian, Georgian and Tagalog survive byte for byte.

use std::path::{Path, PathBuf};

use clientele_store::import::{ImportInput, ImportKind, ImportOptions, ImportReport};
use clientele_store::{Store, StoreError};

use crate::support::*;

/// A directory of its own for one test's files.
struct Files(PathBuf);

impl Files {
    fn new() -> Files {
        let dir = std::env::temp_dir().join(format!(
            "clientele-import-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Files(dir)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn import(store: &Store, kind: ImportKind, path: &Path) -> Result<ImportReport, StoreError> {
    store
        .import_csv(kind, path, &ImportOptions::default(), &|_| {})
        .await
}

/// Every table's export (row count and text), to show that an import stored nothing more.
async fn exports(store: &Store) -> Vec<(u64, String)> {
    let mut all = Vec::new();
    for kind in [
        "customers",
        "orders",
        "interactions",
        "complaints",
        "feedback",
        "costs",
        "employees",
        "transitions",
    ] {
        all.push(export_csv(store, kind).await);
    }
    all
}

/// Imports a good base first, so that "nothing stored" means "nothing more".
async fn seeded(store: &Store, files: &Files) {
    let customers = files.write("seed-customers.csv", "customer_id,name\nC-1,Ana\nC-2,Ben\n");
    import(store, ImportKind::Customers, &customers)
        .await
        .unwrap();
    let orders = files.write(
        "seed-orders.csv",
        "order_id,customer_id,ordered_at,amount\nO-1,C-1,2026-01-05,10.00\n",
    );
    import(store, ImportKind::Orders, &orders).await.unwrap();
}

/// Asserts that importing `content` as `kind` fails with exactly `expected` (after the file
/// name) and leaves every table as it was.
async fn refused(kind: ImportKind, name: &str, content: impl AsRef<[u8]>, expected: &str) {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        seeded(&store, &files).await;
        let before = exports(&store).await;
        let path = files.write(name, content.as_ref());
        let error = import(&store, kind, &path)
            .await
            .expect_err("the import is refused");
        let message = error.to_string();
        let expected = format!("{}: {expected}", path.display());
        assert_eq!(message, expected, "on {:?}", db.backend);
        assert_eq!(
            exports(&store).await,
            before,
            "something was stored on {:?}",
            db.backend
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_header_without_a_required_column_is_refused() {
    refused(
        ImportKind::Orders,
        "orders.csv",
        "order_id,customer_id,amount\nO-9,C-1,5\n",
        "the header is wrong; nothing was imported\n  line 1: the header has no `ordered_at` column, which orders need",
    )
    .await;
}

#[tokio::test]
async fn an_unknown_column_is_named() {
    refused(
        ImportKind::Orders,
        "orders.csv",
        "order_id,customer_id,ordered_at,amount,colour\nO-9,C-1,2026-01-01,5,red\n",
        "the header is wrong; nothing was imported\n  line 1, column 5 (colour): unknown column `colour` for orders; \
         the columns are: order_id, customer_id, ordered_at, amount, cost, currency",
    )
    .await;
}

#[tokio::test]
async fn a_bad_date_names_line_column_and_reason() {
    refused(
        ImportKind::Orders,
        "orders.csv",
        "order_id,customer_id,ordered_at,amount\nO-8,C-1,2026-01-01,5\nO-9,C-1,2026-02-30,5\n",
        "1 invalid row; nothing was imported\n  line 3, column 3 (ordered_at): `2026-02-30` is not a date: \
         expected YYYY-MM-DD or an RFC 3339 time such as 2026-03-21T09:30:00Z",
    )
    .await;
}

/// Invalid rows are counted as rows: a row with two wrong cells is one invalid row, and
/// what is not listed is counted in rows too.
#[tokio::test]
async fn invalid_rows_are_counted_as_rows_not_as_problems() {
    let mut csv = String::from("order_id,customer_id,ordered_at,amount\n");
    for n in 0..30 {
        csv.push_str(&format!("O-{n},C-1,someday,lots\n"));
    }
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        let path = files.write("orders.csv", &csv);
        let refused = import(&store, ImportKind::Orders, &path).await.unwrap_err();
        let text = refused.to_string();
        assert!(
            text.contains("30 invalid rows; nothing was imported"),
            "{text}"
        );
        // Twenty problems listed (two per row: ten rows), and the other twenty rows counted.
        assert!(text.ends_with("… and 20 more rows"), "{text}");
        store.close().await;
    }
}

#[tokio::test]
async fn a_bad_number_names_line_column_and_reason() {
    refused(
        ImportKind::Orders,
        "orders.csv",
        "order_id,customer_id,ordered_at,amount\nO-9,C-1,2026-01-01,\"12,50\"\n",
        "1 invalid row; nothing was imported\n  line 2, column 4 (amount): `12,50` is not an amount: write digits \
         with an optional `.` and decimals, e.g. 1250.50 (no thousands separators)",
    )
    .await;
    refused(
        ImportKind::Feedback,
        "feedback.csv",
        "customer_id,given_at,nps\nC-1,2026-01-01,nine\n",
        "1 invalid row; nothing was imported\n  line 2, column 3 (nps): `nine` is not a whole number",
    )
    .await;
}

#[tokio::test]
async fn duplicate_ids_inside_one_file_are_refused() {
    refused(
        ImportKind::Orders,
        "orders.csv",
        "order_id,customer_id,ordered_at,amount\nO-7,C-1,2026-01-01,5\nO-8,C-2,2026-01-02,6\nO-7,C-2,2026-01-03,7\n",
        "1 invalid row; nothing was imported\n  line 4, column 1 (order_id): `O-7` already appears on line 2 of this file",
    )
    .await;
    refused(
        ImportKind::Customers,
        "customers.csv",
        "customer_id,name\nC-7,A\nC-7,B\n",
        "1 invalid row; nothing was imported\n  line 3, column 1 (customer_id): `C-7` already appears on line 2 of this file",
    )
    .await;
}

#[tokio::test]
async fn a_truncated_last_line_is_refused() {
    refused(
        ImportKind::Orders,
        "orders.csv",
        "order_id,customer_id,ordered_at,amount\nO-8,C-1,2026-01-01,5\nO-9,C-1,2026-01-0",
        "1 invalid row; nothing was imported\n  line 3: has 3 fields but the header has 4 (is the line cut short?)",
    )
    .await;
}

#[tokio::test]
async fn a_file_that_is_not_utf8_is_refused() {
    // "José" in Latin-1, as old spreadsheet exports write it.
    let mut content = b"customer_id,name\nC-8,Jos".to_vec();
    content.push(0xE9);
    content.extend_from_slice(b"\n");
    refused(
        ImportKind::Customers,
        "customers.csv",
        content,
        "1 invalid row; nothing was imported\n  line 2, column 2 (name): is not valid UTF-8; save the file as CSV UTF-8",
    )
    .await;
    refused(
        ImportKind::Customers,
        "customers.csv",
        [0xFF, 0xFE, b'c', 0, b'u', 0],
        "the file is UTF-16; save it as CSV UTF-8 and import again",
    )
    .await;
}

#[tokio::test]
async fn an_empty_file_is_refused() {
    refused(
        ImportKind::Orders,
        "orders.csv",
        "",
        "the file is empty; expected a header line: order_id,customer_id,ordered_at,amount,cost,currency",
    )
    .await;
}

#[tokio::test]
async fn references_to_unknown_records_are_refused() {
    refused(
        ImportKind::Complaints,
        "complaints.csv",
        "complaint_id,customer_id,opened_at\nK-1,C-404,2026-01-01\n",
        "1 invalid row; nothing was imported\n  line 2, column 2 (customer_id): no customer has the id `C-404`; \
         import customers (or orders) first",
    )
    .await;
    refused(
        ImportKind::Customers,
        "customers.csv",
        "customer_id,owner_email\nC-9,nobody@example.ir\n",
        "1 invalid row; nothing was imported\n  line 2, column 2 (owner_email): no employee has the e-mail \
         nobody@example.ir; import employees first",
    )
    .await;
}

const NAMES: &str = "customer_id,name,city\n\
    P-1,علی کریمی,تهران\n\
    P-2,مهسا\u{200c}سادات رضایی,اصفهان\n\
    G-1,მარიამ ბერიძე,თბილისი\n\
    T-1,Maria Dela Cruz-Santos,Quezon City\n\
    T-2,\"Niño, Jr. \"\"Boy\"\" Reyes\",Cebu\n";

#[tokio::test]
async fn persian_georgian_and_tagalog_names_round_trip_byte_for_byte() {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        let path = files.write("customers.csv", NAMES);
        let report = import(&store, ImportKind::Customers, &path).await.unwrap();
        assert_eq!(report.inserted, 5);
        let zwnj = store.get_customer(&SYSTEM, "P-2").await.unwrap();
        assert_eq!(
            zwnj.name.as_deref().unwrap().as_bytes(),
            "مهسا\u{200c}سادات رضایی".as_bytes()
        );
        let georgian = store.get_customer(&SYSTEM, "G-1").await.unwrap();
        assert_eq!(georgian.name.as_deref(), Some("მარიამ ბერიძე"));
        assert_eq!(georgian.city.as_deref(), Some("თბილისი"));
        let tagalog = store.get_customer(&SYSTEM, "T-2").await.unwrap();
        assert_eq!(tagalog.name.as_deref(), Some("Niño, Jr. \"Boy\" Reyes"));
        // The export is the import format: the same names come out byte for byte.
        let (_, exported) = export_csv(&store, "customers").await;
        for name in [
            "علی کریمی",
            "مهسا\u{200c}سادات رضایی",
            "მარიამ ბერიძე",
            "\"Niño, Jr. \"\"Boy\"\" Reyes\"",
        ] {
            assert!(exported.contains(name), "{name} missing from {exported}");
        }
        store.close().await;
    }
}

#[tokio::test]
async fn importing_the_same_files_twice_changes_nothing() {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        let employees = files.write(
            "employees.csv",
            "email,name,role,team\nnino@example.ge,Nino,agent,east\n",
        );
        let customers = files.write(
            "customers.csv",
            "customer_id,name,organisation_id,role,owner_email,tags\nORG-1,Acme,,,nino@example.ge,b2b\nP-1,Ana,ORG-1,wallet_holder,,vip;b2b\n",
        );
        let orders = files.write(
            "orders.csv",
            "order_id,customer_id,ordered_at,amount,cost\nO-1,P-1,2026-01-05,10.00,4\nO-2,NEW-1,2026-02-05T10:00:00+03:30,5.5,\n",
        );
        let interactions = files.write(
            "interactions.csv",
            "customer_id,occurred_at,channel,direction,employee_email,summary\nP-1,2026-01-06,call,outbound,nino@example.ge,Thanks\n",
        );
        let complaints = files.write(
            "complaints.csv",
            "complaint_id,customer_id,opened_at,severity\nK-1,P-1,2026-01-07,high\n",
        );
        let feedback = files.write(
            "feedback.csv",
            "customer_id,given_at,nps,csat,comment\nP-1,2026-01-08,4,,slow\n",
        );
        let costs = files.write(
            "costs.csv",
            "customer_id,incurred_at,category,amount\nP-1,2026-01-09,shipping,3.20\n",
        );
        let all = [
            (ImportKind::Employees, &employees),
            (ImportKind::Customers, &customers),
            (ImportKind::Orders, &orders),
            (ImportKind::Interactions, &interactions),
            (ImportKind::Complaints, &complaints),
            (ImportKind::Feedback, &feedback),
            (ImportKind::Costs, &costs),
        ];
        for (kind, path) in all {
            let first = import(&store, kind, path).await.unwrap();
            assert_eq!(
                first.inserted, first.rows,
                "{kind} first import on {:?}: {first:?}",
                db.backend
            );
        }
        let organisation = store.get_customer(&SYSTEM, "ORG-1").await.unwrap();
        assert_eq!(
            organisation.party,
            clientele_core::Party::Organisation,
            "named as an organisation by P-1"
        );
        let created = store.get_customer(&SYSTEM, "NEW-1").await.unwrap();
        assert_eq!(
            created.created_at.to_string(),
            "2026-02-05T06:30:00Z",
            "created at its first order"
        );

        let before = exports(&store).await;
        for (kind, path) in all {
            let again = import(&store, kind, path).await.unwrap();
            assert_eq!(
                (again.inserted, again.updated, again.unchanged),
                (0, 0, again.rows),
                "{kind} again on {:?}",
                db.backend
            );
        }
        assert_eq!(exports(&store).await, before);
        let customer = store.get_customer(&SYSTEM, "P-1").await.unwrap();
        assert_eq!(customer.tags, ["b2b", "vip"]);
        store.close().await;
    }
}

#[tokio::test]
async fn a_changed_row_updates_only_the_columns_the_file_has() {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        let first = files.write(
            "c1.csv",
            "customer_id,name,email,city\nC-1,Ana,ana@example.ph,Manila\n",
        );
        import(&store, ImportKind::Customers, &first).await.unwrap();
        // No email column: the email stays. An empty city cell: the city is cleared.
        let second = files.write("c2.csv", "customer_id,name,city\nC-1,Ana Santos,\n");
        let report = import(&store, ImportKind::Customers, &second)
            .await
            .unwrap();
        assert_eq!((report.inserted, report.updated), (0, 1));
        let c = store.get_customer(&SYSTEM, "C-1").await.unwrap();
        assert_eq!(c.name.as_deref(), Some("Ana Santos"));
        assert_eq!(c.email.as_deref(), Some("ana@example.ph"));
        assert_eq!(c.city, None);
        store.close().await;
    }
}

#[tokio::test]
async fn skip_invalid_imports_the_good_rows_and_writes_the_rejected_ones_beside() {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        let path = files.write(
            "orders.csv",
            "order_id,customer_id,ordered_at,amount\nO-1,C-1,2026-01-01,5\nO-2,C-1,someday,5\nO-3,C-2,2026-01-03,-x\nO-4,C-2,2026-01-04,7\n",
        );
        let options = ImportOptions {
            skip_invalid: true,
            rejected_path: None,
            ..Default::default()
        };
        let report = store
            .import_csv(ImportKind::Orders, &path, &options, &|_| {})
            .await
            .unwrap();
        assert_eq!((report.rows, report.inserted, report.rejected), (4, 2, 2));
        let rejected_file = report.rejected_file.expect("a rejected file");
        assert!(rejected_file.ends_with("orders.rejected.csv"));
        let rejected = std::fs::read_to_string(&rejected_file).unwrap();
        // `-x` is no number: neutralised, like every cell a spreadsheet would run.
        assert_eq!(
            rejected,
            "line,column,reason,order_id,customer_id,ordered_at,amount\n\
             3,ordered_at,`someday` is not a date: expected YYYY-MM-DD or an RFC 3339 time such as 2026-03-21T09:30:00Z,O-2,C-1,someday,5\n\
             4,amount,\"`-x` is not an amount: write digits with an optional `.` and decimals, e.g. 1250.50 (no thousands separators)\",O-3,C-2,2026-01-03,'-x\n"
        );
        assert_eq!(export_csv(&store, "orders").await.1.lines().count(), 3);
        store.close().await;
    }
}

/// An upload held in memory imports like a file, named as the user knows it, and its
/// rejected rows are copied out by reading it again from its start (for every kind of
/// import: customers are read on this task, the other kinds on a thread of their own).
#[tokio::test]
async fn an_input_in_memory_imports_like_a_file_and_copies_its_rejected_rows_out() {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        for (kind, csv, name) in [
            (
                ImportKind::Customers,
                "\u{feff}customer_id,name,email\nC-1,Ana,ana@example.com\nC-2,Bo,not-an-email\n",
                "customers from the shop.csv",
            ),
            (
                ImportKind::Orders,
                "order_id,customer_id,ordered_at,amount\nO-1,C-1,2026-01-01,5\nO-2,C-1,someday,5\n",
                "orders.csv",
            ),
        ] {
            let rejected_path = files.0.join(format!("{}.rejected.csv", kind.name()));
            let options = ImportOptions {
                skip_invalid: true,
                rejected_path: Some(rejected_path.clone()),
                ..Default::default()
            };
            let input = ImportInput::new(name, std::io::Cursor::new(csv.as_bytes().to_vec()));
            let report = store
                .import_from(kind, input, &options, &|_| {})
                .await
                .unwrap();
            assert_eq!(
                (
                    report.file.as_str(),
                    report.rows,
                    report.inserted,
                    report.rejected
                ),
                (name, 2, 1, 1),
                "{kind}"
            );
            let rejected = std::fs::read_to_string(&rejected_path).unwrap();
            let lines: Vec<&str> = rejected.lines().collect();
            assert_eq!(lines.len(), 2, "{kind}: {rejected}");
            assert!(
                lines[0].starts_with("line,column,reason,"),
                "{kind}: {rejected}"
            );
            assert!(lines[1].starts_with("3,"), "{kind}: {rejected}");
            assert!(
                lines[1].ends_with(csv.lines().nth(2).unwrap()),
                "{kind}: the rejected row is copied as it was: {rejected}"
            );
        }
        // Without a place for them, the rejected rows are counted and no file is written.
        let input = ImportInput::new(
            "feedback.csv",
            std::io::Cursor::new(b"customer_id,given_at,nps\nC-1,2026-01-01,11\n".to_vec()),
        );
        let options = ImportOptions {
            skip_invalid: true,
            rejected_path: None,
            ..Default::default()
        };
        let report = store
            .import_from(ImportKind::Feedback, input, &options, &|_| {})
            .await
            .unwrap();
        assert_eq!((report.rejected, report.rejected_file), (1, None));
        store.close().await;
    }
}

/// A file that would take one customer past what a customer may accumulate is refused
/// whole, naming the customer; nothing of it is stored.
#[tokio::test]
async fn an_import_past_what_one_customer_may_accumulate_is_refused() {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        let mut csv = String::from("order_id,customer_id,ordered_at,amount\n");
        for day in 1..=11 {
            csv.push_str(&format!(
                "O-{day},C-1,2026-01-{day:02},900000000000000.00\n"
            ));
        }
        let path = files.write("orders.csv", &csv);
        let refused = import(&store, ImportKind::Orders, &path).await.unwrap_err();
        assert!(
            matches!(&refused, StoreError::Import(_)) && refused.to_string().contains("C-1"),
            "{refused}"
        );
        assert_eq!(export_csv(&store, "orders").await.1.lines().count(), 1);
        // Ten of them reach the bound and go in.
        let ten: String = csv.lines().take(11).map(|l| format!("{l}\n")).collect();
        let path = files.write("ten.csv", &ten);
        assert_eq!(
            import(&store, ImportKind::Orders, &path)
                .await
                .unwrap()
                .inserted,
            10
        );
        store.close().await;
    }
}

/// Customers imported without a `created_at` are acquired at their first order once their
/// orders come in, not at the moment of the import.
#[tokio::test]
async fn customers_without_a_created_at_are_acquired_at_their_first_order() {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        let customers = files.write("customers.csv", "customer_id,name\nC-1,Ana\nC-2,Bo\n");
        import(&store, ImportKind::Customers, &customers)
            .await
            .unwrap();
        let orders = files.write(
            "orders.csv",
            "order_id,customer_id,ordered_at,amount\nO-1,C-1,2024-05-02,5\nO-2,C-1,2024-03-01,5\n",
        );
        import(&store, ImportKind::Orders, &orders).await.unwrap();
        let customers = export_csv(&store, "customers").await.1;
        let created = |id: &str| {
            let header: Vec<&str> = customers.lines().next().unwrap().split(',').collect();
            let at = header.iter().position(|c| *c == "created_at").unwrap();
            let row = customers
                .lines()
                .find(|l| l.starts_with(&format!("{id},")))
                .unwrap();
            row.split(',').nth(at).unwrap().to_owned()
        };
        assert!(created("C-1").starts_with("2024-03-01"), "{customers}");
        // Without orders: the moment of the import, as before.
        assert!(!created("C-2").starts_with("2024"), "{customers}");
        store.close().await;
    }
}

#[tokio::test]
async fn a_byte_order_mark_is_not_part_of_the_first_column() {
    for db in databases().await {
        let store = db.open().await;
        let files = Files::new();
        let path = files.write("customers.csv", "\u{feff}customer_id,name\nC-1,Ana\n");
        assert_eq!(
            import(&store, ImportKind::Customers, &path)
                .await
                .unwrap()
                .inserted,
            1
        );
        store.close().await;
    }
}

/// A cell a spreadsheet would run (`=`, `+`, `-`, `@`, TAB, CR first) is exported behind a
/// `'` (a plain negative number stays a number: the writer's own tests), and importing the export into another
/// base stores every value exactly as it was (a `'` the import drops is this writer's, so
/// a file means a leading `'=` by `''=`); the rejected rows a user opens to fix them
/// are neutralised the same way.
#[tokio::test]
async fn formula_cells_are_neutralised_in_exports_and_rejected_rows_and_read_back_unchanged() {
    let customers = "customer_id,name,city,acquisition_cost\n\
                     =1+1,@SUM(A1),+Plus,12.50\n\
                     C-2,''=quoted in the file,-Minus,3\n";
    // A second base of each kind, to import the export into.
    for (db, other) in databases().await.into_iter().zip(databases().await) {
        let store = db.open().await;
        let files = Files::new();
        import(
            &store,
            ImportKind::Customers,
            &files.write("customers.csv", customers),
        )
        .await
        .unwrap();
        let (_, exported) = export_csv(&store, "customers").await;
        let lines: Vec<&str> = exported.lines().collect();
        assert!(
            lines[1].starts_with("'=1+1,'@SUM(A1),person,external,,,,,,,,'+Plus,,,,12.50,"),
            "{exported}"
        );
        assert!(
            lines[2].starts_with("C-2,''=quoted in the file,"),
            "{exported}"
        );
        assert!(lines[2].contains(",'-Minus,"), "{exported}");

        let again = other.open().await;
        import(
            &again,
            ImportKind::Customers,
            &files.write("export.csv", &exported),
        )
        .await
        .unwrap();
        assert_eq!(export_csv(&again, "customers").await.1, exported);
        let first = again
            .get_customer(&SYSTEM, "=1+1")
            .await
            .expect("the id reads back without the apostrophe");
        assert_eq!(first.name.as_deref(), Some("@SUM(A1)"));
        assert_eq!(first.city.as_deref(), Some("+Plus"));
        let second = again.get_customer(&SYSTEM, "C-2").await.unwrap();
        assert_eq!(second.name.as_deref(), Some("'=quoted in the file"));
        again.close().await;

        let orders = files.write(
            "orders.csv",
            "order_id,customer_id,ordered_at,amount\n=cmd|' /C calc'!A0,C-2,someday,5\n",
        );
        let options = ImportOptions {
            skip_invalid: true,
            rejected_path: None,
            ..Default::default()
        };
        let report = store
            .import_csv(ImportKind::Orders, &orders, &options, &|_| {})
            .await
            .unwrap();
        let rejected = std::fs::read_to_string(report.rejected_file.unwrap()).unwrap();
        assert!(
            rejected.ends_with(",'=cmd|' /C calc'!A0,C-2,someday,5\n"),
            "{rejected}"
        );
        store.close().await;
    }
}
