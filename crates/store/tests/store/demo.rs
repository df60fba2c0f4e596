//! The demo base loads whole on both backends, and what is stored is what was generated.

use clientele_store::{BulkBase, StoreError};

use crate::support::*;

#[tokio::test]
async fn the_demo_base_loads_whole_and_reads_back_as_generated() {
    let (base, _) = demo_base(300, 7);
    for db in databases().await {
        let store = db.open().await;
        let bulk = BulkBase::from(&base);
        let report = store.bulk_load(bulk).await.unwrap();
        assert_eq!(report.customers, base.customers.len() as u64);
        for (kind, expected) in [
            ("customers", base.customers.len()),
            ("orders", base.orders.len()),
            ("costs", base.costs.len()),
            ("interactions", base.interactions.len()),
            ("complaints", base.complaints.len()),
            ("feedback", base.feedback.len()),
            ("employees", base.employees.len()),
        ] {
            let (rows, _) = export_csv(&store, kind).await;
            assert_eq!(rows, expected as u64, "{kind} on {:?}", db.backend);
        }
        for generated in base.customers.iter().step_by(37) {
            let stored = store
                .get_customer(&SYSTEM, &generated.customer_id)
                .await
                .unwrap();
            assert_eq!(
                &stored, generated,
                "{} on {:?}",
                generated.customer_id, db.backend
            );
        }
        for generated in base.orders.iter().step_by(101) {
            let stored = store.get_order(&SYSTEM, &generated.order_id).await.unwrap();
            assert_eq!(&stored, generated);
        }
        // A second load would mix a synthetic base into real data: refused.
        let again = store.bulk_load(bulk).await.unwrap_err();
        assert!(matches!(again, StoreError::Conflict(_)), "{again:?}");
        store.close().await;
    }
}
